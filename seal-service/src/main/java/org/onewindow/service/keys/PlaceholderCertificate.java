package org.onewindow.service.keys;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * The self-signed certificate stored with a freshly generated key until its CA-issued chain is attached. Key
 * stores (PKCS#12, PKCS#11 via the Java KeyStore) only keep a private key together with a certificate.
 */
final class PlaceholderCertificate {
    private static final SecureRandom RANDOM = new SecureRandom();

    private PlaceholderCertificate() {
    }

    static X509Certificate create(String alias, PublicKey publicKey, SignatureAlgorithm algorithm, DigestSigner signer) {
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "onewindow key custody")
                .addRDN(BCStyle.CN, "placeholder for key " + alias + " (not issued)")
                .build();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(63, RANDOM).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(3650))), name, publicKey);
        try {
            var holder = builder.build(new CustodyContentSigner(algorithm, publicKey, signer));
            return algorithm.isSm2() ? Sm2.certificate(holder.getEncoded())
                    : new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException | java.io.IOException e) {
            throw new IllegalStateException("building a placeholder certificate failed", e);
        }
    }

    /** Whether {@code certificate} is a placeholder made by {@link #create}. */
    static boolean isPlaceholder(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName().contains("onewindow key custody");
    }
}
