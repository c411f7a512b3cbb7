package org.onewindow.service.pki;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of a CA's issued-certificate index: the certificate and its revocation state.
 *
 * @param serial         serial number, lower-case hex
 * @param kind           what it was issued as
 * @param subject        RFC 2253 subject (for lists; the certificate is authoritative)
 * @param notBefore      start of validity
 * @param notAfter       end of validity
 * @param certificatePem the certificate
 * @param state          {@code GOOD}, {@code REVOKED} or {@code SUSPENDED}
 * @param stateSince     when it was revoked or suspended ({@code null} when good)
 * @param reason         the revocation reason when revoked ({@code null} otherwise)
 */
public record IssuedCertificate(String serial, CertificateKind kind, String subject, Instant notBefore,
                                Instant notAfter, String certificatePem, State state, Instant stateSince,
                                RevocationReason reason) {

    /** Stored revocation state. */
    public enum State { GOOD, REVOKED, SUSPENDED }

    public IssuedCertificate {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        serial = serial.toLowerCase(Locale.ROOT);
    }

    static IssuedCertificate of(X509Certificate certificate, CertificateKind kind) {
        return new IssuedCertificate(hex(certificate.getSerialNumber()), kind,
                certificate.getSubjectX500Principal().getName(), certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(), Pem.encode(certificate), State.GOOD, null, null);
    }

    /** Canonical serial form used as index key: lower-case hex without leading zeros. */
    public static String hex(BigInteger serial) {
        return serial.toString(16);
    }

    public BigInteger serialNumber() {
        return new BigInteger(serial, 16);
    }

    public X509Certificate certificate() {
        return Pem.certificate(certificatePem);
    }

    /** The status CRL and OCSP report. */
    public CertificateStatus status() {
        return switch (state) {
            case GOOD -> new CertificateStatus.Good();
            case REVOKED -> new CertificateStatus.Revoked(stateSince, reason);
            case SUSPENDED -> new CertificateStatus.Suspended(stateSince);
        };
    }

    IssuedCertificate withState(State newState, Instant since, RevocationReason newReason) {
        return new IssuedCertificate(serial, kind, subject, notBefore, notAfter, certificatePem, newState, since,
                newReason);
    }
}
