package org.onewindow.service.pki;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.onewindow.service.keys.KeyRef;

/**
 * A certification authority known to this service.
 *
 * @param caId      short id used in URLs and storage keys, e.g. {@code demo-root}
 * @param kind      {@link CertificateKind#ROOT_CA} or {@link CertificateKind#SUBORDINATE_CA}
 * @param keyRef    the CA key in custody ({@code custody:alias}); {@code null} for an external CA whose key we do
 *                  not hold (imported trust chain only: we neither issue nor publish CRL/OCSP for it)
 * @param chainPem  the CA certificate first, then its issuers up to the root
 * @param demo      whether this is the embedded demo PKI (names marked 演示/DEMO)
 * @param createdAt when it was created or imported
 */
public record CaRecord(String caId, CertificateKind kind, String keyRef, List<String> chainPem, boolean demo,
                       Instant createdAt) {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public CaRecord {
        Objects.requireNonNull(caId, "caId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!isValidId(caId)) {
            throw new IllegalArgumentException("CA id '" + caId + "' must be 1-63 characters of [a-z0-9-]");
        }
        if (kind != CertificateKind.ROOT_CA && kind != CertificateKind.SUBORDINATE_CA) {
            throw new IllegalArgumentException("a CA record must be ROOT_CA or SUBORDINATE_CA");
        }
        chainPem = List.copyOf(chainPem);
        if (chainPem.isEmpty()) {
            throw new IllegalArgumentException("CA record needs its certificate");
        }
    }

    public static boolean isValidId(String caId) {
        return caId != null && ID.matcher(caId).matches();
    }

    public boolean holdsKey() {
        return keyRef != null;
    }

    public KeyRef key() {
        if (keyRef == null) {
            throw new IllegalStateException("CA " + caId + " is external: its key is not in custody");
        }
        return KeyRef.parse(keyRef);
    }

    public X509Certificate certificate() {
        return Pem.certificate(chainPem.get(0));
    }

    public List<X509Certificate> chain() {
        return chainPem.stream().map(Pem::certificate).toList();
    }

    /** The distinct self-signed certificates at the top of these records' chains: the trust anchors they give. */
    public static List<X509Certificate> roots(List<CaRecord> records) {
        List<X509Certificate> roots = new java.util.ArrayList<>();
        for (CaRecord record : records) {
            List<X509Certificate> chain = record.chain();
            X509Certificate last = chain.get(chain.size() - 1);
            if (selfSigned(last) && !roots.contains(last)) {
                roots.add(last);
            }
        }
        return roots;
    }

    static boolean selfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
