package org.onewindow.service.ofd;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Locale;


import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jcajce.provider.digest.SM3;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.ofdrw.gm.ses.v4.SESeal;

/**
 * GB/T 38540-2020 version-4 seal details that sealing and verification must agree on. The seal maker's signature
 * covers {@code SEQUENCE { eSealInfo, cert, signAlgID }} (the DER of the seal without its signature value).
 * The {@code org.onewindow.service.ses} package (SM2 custody and seal making) is meant to replace this class.
 */
public final class SesSeals {
    /** Bouncy Castle for SM2/SM3 (not registered globally: the JDK providers stay first for everything else). */
    static final Provider BC = new BouncyCastleProvider();

    private SesSeals() {
    }

    /** The bytes the seal maker signs: the DER {@code SEQUENCE { eSealInfo, cert, signAlgID }}. */
    public static byte[] makerSignedData(SESeal seal) {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(seal.geteSealInfo());
        v.add(seal.getCert());
        v.add(seal.getSignAlgID());
        try {
            return new DERSequence(v).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Certificates from PEM or DER through Bouncy Castle, for SM2 roots that the JDK cannot read.
     *
     * @throws IllegalArgumentException no certificate could be read
     */
    public static java.util.List<X509Certificate> certificates(byte[] pemOrDer) {
        try {
            java.util.List<X509Certificate> out = new java.util.ArrayList<>();
            for (java.security.cert.Certificate c : java.security.cert.CertificateFactory.getInstance("X.509", BC)
                    .generateCertificates(new java.io.ByteArrayInputStream(pemOrDer))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("no certificate found");
            }
            return out;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("cannot parse certificates: " + e.getMessage(), e);
        }
    }

    /** An X.509 certificate through Bouncy Castle (the JDK cannot read SM2 public keys). */
    public static X509Certificate certificate(byte[] der) throws CertificateException {
        try {
            return new JcaX509CertificateConverter().setProvider(BC).getCertificate(new X509CertificateHolder(der));
        } catch (IOException | RuntimeException e) {
            throw new CertificateException("not an X.509 certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the seal's certificate list names {@code certificate}: by DER equality (list type 1) or by digest
     * (type 2; digest algorithms SM3, SHA-256).
     */
    static boolean listsCertificate(SesV4.Seal seal, X509Certificate certificate) {
        byte[] der;
        try {
            der = certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            return false;
        }
        for (byte[] listed : seal.certificates()) {
            if (Arrays.equals(listed, der)) {
                return true;
            }
        }
        for (SesV4.DigestObj obj : seal.certificateDigests()) {
            byte[] actual = switch (obj.type().strip().toUpperCase(Locale.ROOT)) {
                case "SM3", "1.2.156.10197.1.401" -> new SM3.Digest().digest(der);
                case "SHA256", "SHA-256", "2.16.840.1.101.3.4.2.1" -> sha256(der);
                default -> null;
            };
            if (actual != null && Arrays.equals(actual, obj.value())) {
                return true;
            }
        }
        return false;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
