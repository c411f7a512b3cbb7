package org.onewindow.service.ses;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Optional;

import org.onewindow.service.pki.CertificateAuthority;
import org.onewindow.service.pki.PkiServices;

/** Where the seal verifier gets revocation data: OCSP responses and CRLs (both checked, never trusted blindly). */
public interface SesRevocationSource {

    /** A DER OCSP response to the DER request, or empty when no responder is available. */
    Optional<byte[]> ocsp(byte[] request);

    /** A DER CRL of the CA with this certificate, or empty when none is available. */
    Optional<byte[]> crl(X509Certificate issuer);

    /** This service's own PKI in process: its OCSP responder and the CRLs of the CAs it operates. */
    static SesRevocationSource inProcess(PkiServices pki) {
        return new SesRevocationSource() {
            @Override
            public Optional<byte[]> ocsp(byte[] request) {
                return Optional.of(pki.ocsp().respond(request));
            }

            @Override
            public Optional<byte[]> crl(X509Certificate issuer) {
                for (CertificateAuthority ca : pki.cas().operated()) {
                    try {
                        if (java.util.Arrays.equals(ca.certificate().getEncoded(), issuer.getEncoded())) {
                            return Optional.of(pki.crls().crl(ca.id()));
                        }
                    } catch (CertificateEncodingException e) {
                        return Optional.empty();
                    }
                }
                return Optional.empty();
            }
        };
    }

    /** No revocation data at all: every certificate's status is unknown (verification then fails). */
    static SesRevocationSource none() {
        return new SesRevocationSource() {
            @Override
            public Optional<byte[]> ocsp(byte[] request) {
                return Optional.empty();
            }

            @Override
            public Optional<byte[]> crl(X509Certificate issuer) {
                return Optional.empty();
            }
        };
    }
}
