package org.onewindow.service.sign;

import java.security.cert.X509Certificate;
import java.util.List;

import org.onewindow.service.pki.CertificateAuthorities;
import org.onewindow.service.pki.CertificateAuthority;
import org.onewindow.service.pki.CertificateStatus;

/**
 * Decides, before anything is signed, whether a seal certificate may still be used. The PKI check asks the
 * revocation registry of the CA that issued it, so a seal suspended or revoked a moment ago cannot seal.
 */
@FunctionalInterface
public interface SealStatusCheck {

    /** The status of the chain's leaf; {@link CertificateStatus.Unknown} when no CA of ours issued it. */
    CertificateStatus status(List<X509Certificate> chain);

    /**
     * Checks against this service's CAs. A certificate that names one of our CAs as issuer but is unknown to its
     * registry is refused; certificates of foreign CAs (imported seals) are {@link CertificateStatus.Unknown} and
     * allowed, their status is the foreign CA's business.
     */
    static SealStatusCheck registry(CertificateAuthorities cas) {
        return chain -> {
            X509Certificate leaf = chain.get(0);
            for (CertificateAuthority ca : cas.operated()) {
                if (ca.certificate().getSubjectX500Principal().equals(leaf.getIssuerX500Principal())
                        && RevocationSource.issuedBy(leaf, ca.certificate())) {
                    CertificateStatus status = ca.registry().status(ca.id(), leaf.getSerialNumber());
                    if (status instanceof CertificateStatus.Unknown) {
                        throw new SealNotUsableException("the seal certificate (serial " + leaf.getSerialNumber()
                                .toString(16) + ") names CA '" + ca.id() + "' as issuer but that CA never issued it");
                    }
                    return status;
                }
            }
            return new CertificateStatus.Unknown();
        };
    }

    /** No registry (standalone CLI with a PKCS#12 file): only validity dates are checked. */
    static SealStatusCheck none() {
        return chain -> new CertificateStatus.Unknown();
    }
}
