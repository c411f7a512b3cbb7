package org.onewindow.service.pki;

import java.time.Instant;

/** Revocation status of one certificate, as CRL and OCSP report it. */
public sealed interface CertificateStatus {

    /** Issued by the CA and neither revoked nor suspended. */
    record Good() implements CertificateStatus {
    }

    /** Permanently revoked. */
    record Revoked(Instant revokedAt, RevocationReason reason) implements CertificateStatus {
    }

    /** On hold (CRLReason certificateHold); can be reinstated. */
    record Suspended(Instant since) implements CertificateStatus {
    }

    /** Not issued by this CA (as far as its index knows). */
    record Unknown() implements CertificateStatus {
    }
}
