package org.onewindow.service.sign;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.onewindow.service.pki.CertificateAuthorities;
import org.onewindow.service.pki.CertificateAuthority;
import org.onewindow.service.pki.CrlIssuer;
import org.onewindow.service.pki.OcspResponder;

/**
 * Revocation data for B-LT: OCSP responses and CRLs for the certificates of a signature. The in-process source asks
 * this service's own OCSP responder and CRL issuer directly, without HTTP.
 */
public interface RevocationSource {

    /**
     * A DER {@code BasicOCSPResponse} saying {@code certificate} is good, or empty when the responder has none
     * (unknown issuer, not good).
     */
    Optional<byte[]> ocsp(X509Certificate certificate, X509Certificate issuer);

    /** DER CRLs covering {@code certificate}, possibly none. */
    List<byte[]> crls(X509Certificate certificate);

    /** This service's CRL issuer and OCSP responder, for certificates issued by its operated CAs. */
    static RevocationSource inProcess(CertificateAuthorities cas, CrlIssuer crlIssuer, OcspResponder responder) {
        return new RevocationSource() {
            @Override
            public Optional<byte[]> ocsp(X509Certificate certificate, X509Certificate issuer) {
                if (issuer == null || certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                    return Optional.empty();
                }
                try {
                    CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                            .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer),
                            certificate.getSerialNumber());
                    byte[] answer = responder.respond(new OCSPReqBuilder().addRequest(id).build().getEncoded());
                    OCSPResp response = new OCSPResp(answer);
                    if (response.getStatus() != OCSPResp.SUCCESSFUL) {
                        return Optional.empty();
                    }
                    BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
                    for (SingleResp single : basic.getResponses()) {
                        if (single.getCertID().getSerialNumber().equals(certificate.getSerialNumber())
                                && single.getCertStatus() == null) {
                            return Optional.of(basic.getEncoded());
                        }
                    }
                    return Optional.empty();
                } catch (OperatorCreationException | CertificateEncodingException | OCSPException | IOException e) {
                    throw new IllegalStateException("asking the in-process OCSP responder failed", e);
                }
            }

            @Override
            public List<byte[]> crls(X509Certificate certificate) {
                if (certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                    return List.of();
                }
                for (CertificateAuthority ca : cas.operated()) {
                    if (ca.certificate().getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                            && issuedBy(certificate, ca.certificate())) {
                        return List.of(crlIssuer.crl(ca.id()));
                    }
                }
                return List.of();
            }
        };
    }

    /** Whether {@code issuer}'s key signed {@code certificate}. */
    static boolean issuedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** The serial as lowercase hex, as the PKI's registry keys it. */
    static String hex(BigInteger serial) {
        return serial.toString(16);
    }
}
