package org.onewindow.service.pki;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.onewindow.service.keys.Sm2;

/** PKIX validation of certificate chains (signatures, validity, CA constraints; revocation is checked elsewhere). */
public final class CertificateChains {
    private CertificateChains() {
    }

    /**
     * Validates {@code chain} (leaf first; may or may not end with the anchor) against {@code anchors} at {@code at}.
     *
     * @throws PkiImportException naming what is wrong
     */
    public static void validate(List<X509Certificate> chain, Collection<X509Certificate> anchors, Instant at) {
        if (chain.isEmpty()) {
            throw new PkiImportException("the certificate chain is empty");
        }
        if (anchors.isEmpty()) {
            throw new PkiImportException("no trusted CA certificate to validate against");
        }
        Set<TrustAnchor> trust = new HashSet<>();
        anchors.forEach(anchor -> trust.add(new TrustAnchor(anchor, null)));
        List<X509Certificate> path = chain.stream().filter(c -> !anchors.contains(c)).toList();
        if (path.isEmpty()) {
            return;
        }
        try {
            PKIXParameters parameters = new PKIXParameters(trust);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            // The JDK cannot parse SM2 keys; SM2 chains go through Bouncy Castle's PKIX (same checks).
            boolean sm2 = path.stream().anyMatch(c -> Sm2.isSm2Key(c.getPublicKey()))
                    || anchors.stream().anyMatch(c -> Sm2.isSm2Key(c.getPublicKey()));
            CertificateFactory factory = sm2 ? CertificateFactory.getInstance("X.509", Sm2.provider())
                    : CertificateFactory.getInstance("X.509");
            CertPathValidator validator = sm2 ? CertPathValidator.getInstance("PKIX", Sm2.provider())
                    : CertPathValidator.getInstance("PKIX");
            validator.validate(factory.generateCertPath(path), parameters);
        } catch (CertPathValidatorException e) {
            throw new PkiImportException("the certificate chain does not validate: " + e.getMessage()
                    + (e.getIndex() >= 0 ? " (certificate " + e.getIndex() + ")" : ""));
        } catch (GeneralSecurityException e) {
            throw new PkiImportException("the certificate chain cannot be validated: " + e.getMessage());
        }
    }
}
