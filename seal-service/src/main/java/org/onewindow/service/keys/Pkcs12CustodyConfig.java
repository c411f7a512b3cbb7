package org.onewindow.service.keys;

import java.util.Objects;

/**
 * Configuration of {@link Pkcs12KeyCustody}.
 *
 * @param custodyId  the custody's id, e.g. {@code pkcs12}
 * @param keyPrefix  object-store prefix of the key files, ending with {@code /}, e.g. {@code keys/pkcs12/}
 * @param passphrase where the storage passphrase (which encrypts every stored PKCS#12 file) comes from
 */
public record Pkcs12CustodyConfig(String custodyId, String keyPrefix, SecretSource passphrase) {
    public static final String DEFAULT_ID = "pkcs12";
    public static final String DEFAULT_PREFIX = "keys/pkcs12/";

    public Pkcs12CustodyConfig {
        Objects.requireNonNull(passphrase, "passphrase");
        custodyId = custodyId == null ? DEFAULT_ID : custodyId;
        keyPrefix = keyPrefix == null ? DEFAULT_PREFIX : keyPrefix;
        if (!keyPrefix.endsWith("/")) {
            throw new IllegalArgumentException("keyPrefix must end with '/': " + keyPrefix);
        }
        new KeyRef(custodyId, "probe");
    }

    /** Default id and prefix, passphrase from {@code source}. */
    public static Pkcs12CustodyConfig defaults(SecretSource source) {
        return new Pkcs12CustodyConfig(null, null, source);
    }
}
