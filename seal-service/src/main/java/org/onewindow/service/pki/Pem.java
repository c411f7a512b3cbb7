package org.onewindow.service.pki;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.onewindow.service.keys.Sm2;

/** PEM and DER conversions of X.509 certificates. */
public final class Pem {
    private Pem() {
    }

    public static String encode(X509Certificate certificate) {
        try {
            return encode("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    public static String encode(List<X509Certificate> certificates) {
        StringBuilder text = new StringBuilder();
        certificates.forEach(certificate -> text.append(encode(certificate)));
        return text.toString();
    }

    /** PEM with the given label, 64-character lines, LF line ends. */
    public static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /**
     * Parses one or more certificates from PEM or DER. Certificates with SM2 keys, which the JDK's factory rejects
     * ("Unknown named curve"), are parsed with Bouncy Castle.
     */
    public static List<X509Certificate> certificates(byte[] pemOrDer) {
        try {
            return certificates(pemOrDer, CertificateFactory.getInstance("X.509"));
        } catch (PkiImportException | CertificateException jdkFailed) {
            try {
                return certificates(pemOrDer, CertificateFactory.getInstance("X.509", Sm2.provider()));
            } catch (PkiImportException | CertificateException bcFailed) {
                throw jdkFailed instanceof PkiImportException known ? known
                        : new PkiImportException("cannot parse certificates: " + jdkFailed.getMessage());
            }
        }
    }

    /** A certificate built with Bouncy Castle, as a JCA certificate (BC's own class for SM2 keys). */
    public static X509Certificate certificate(org.bouncycastle.cert.X509CertificateHolder holder) {
        try {
            return certificates(holder.getEncoded()).get(0);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    private static List<X509Certificate> certificates(byte[] pemOrDer, CertificateFactory factory) {
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (var certificate : factory.generateCertificates(new ByteArrayInputStream(pemOrDer))) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new PkiImportException("no certificate found");
            }
            return certificates;
        } catch (CertificateException | RuntimeException e) {
            if (e instanceof PkiImportException known) {
                throw known;
            }
            throw new PkiImportException("cannot parse certificates: " + e.getMessage());
        }
    }

    public static List<X509Certificate> certificates(String pem) {
        return certificates(pem.getBytes(StandardCharsets.US_ASCII));
    }

    public static X509Certificate certificate(String pem) {
        return certificates(pem).get(0);
    }
}
