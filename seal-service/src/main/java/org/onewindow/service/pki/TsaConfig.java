package org.onewindow.service.pki;

import java.util.Objects;
import java.util.Set;

/**
 * Time-stamping unit settings.
 *
 * @param policyOid      the TSA policy OID put in every token; requests asking for another policy are rejected
 * @param acceptedDigests JCA names of accepted message-imprint digests (SHA-256, SHA-384, SHA-512)
 * @param accuracyMillis  declared accuracy of the clock in milliseconds (0: none declared)
 */
public record TsaConfig(String policyOid, Set<String> acceptedDigests, int accuracyMillis) {
    /**
     * Default policy: an OID under the 2.25 (UUID) arc, which needs no registration (ITU-T X.667). A center with its
     * own policy OID configures that instead.
     */
    public static final String DEFAULT_POLICY = "2.25.253160980710687018528588010956830985003";
    public static final Set<String> DEFAULT_DIGESTS = Set.of("SHA-256", "SHA-384", "SHA-512");

    public TsaConfig {
        Objects.requireNonNull(policyOid, "policyOid");
        if (!policyOid.matches("[0-2](\\.\\d+)+")) {
            throw new IllegalArgumentException("not an OID: " + policyOid);
        }
        acceptedDigests = Set.copyOf(acceptedDigests);
        for (String digest : acceptedDigests) {
            if (!DEFAULT_DIGESTS.contains(digest)) {
                throw new IllegalArgumentException("unsupported digest " + digest + "; supported: " + DEFAULT_DIGESTS);
            }
        }
        if (accuracyMillis < 0) {
            throw new IllegalArgumentException("accuracyMillis must not be negative");
        }
    }

    public static TsaConfig defaults() {
        return new TsaConfig(DEFAULT_POLICY, DEFAULT_DIGESTS, 1000);
    }
}
