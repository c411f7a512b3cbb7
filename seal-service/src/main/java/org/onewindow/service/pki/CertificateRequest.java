package org.onewindow.service.pki;

import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a CA is asked to certify.
 *
 * @param kind              decides the extensions
 * @param subject           the subject name
 * @param publicKey         the key to certify
 * @param validity          how long from now (capped at the CA certificate's end)
 * @param extendedKeyUsages EKU OIDs for {@link CertificateKind#SEAL} (empty: {@link ExtendedKeyUsages#SEAL_DEFAULT});
 *                          ignored for other kinds, whose EKU is fixed
 */
public record CertificateRequest(CertificateKind kind, CertificateSubject subject, PublicKey publicKey,
                                 Duration validity, List<String> extendedKeyUsages) {
    public CertificateRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(validity, "validity");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive");
        }
        if (kind == CertificateKind.ROOT_CA) {
            throw new IllegalArgumentException("a root CA certificate is self-signed, not requested");
        }
        extendedKeyUsages = extendedKeyUsages == null || extendedKeyUsages.isEmpty()
                ? (kind == CertificateKind.SEAL ? ExtendedKeyUsages.SEAL_DEFAULT : List.of())
                : List.copyOf(extendedKeyUsages);
        for (String oid : extendedKeyUsages) {
            if (!oid.matches("[0-2](\\.\\d+)+")) {
                throw new IllegalArgumentException("not an OID: " + oid);
            }
        }
    }

    public static CertificateRequest seal(CertificateSubject subject, PublicKey publicKey, Duration validity) {
        return new CertificateRequest(CertificateKind.SEAL, subject, publicKey, validity, null);
    }
}
