package org.onewindow.service.ses;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.onewindow.service.keys.Sm2;

/**
 * A parsed electronic seal, the same shape for every version. Byte arrays are the seal's own bytes (not copied on
 * access: treat them as read-only).
 *
 * @param version            detected from the structure
 * @param headerVersion      the header's version number (normally {@code version.number()})
 * @param vendorId           header {@code Vid}
 * @param esId               the seal's id ({@code esID})
 * @param type               1 organization, 2 personal (other values are kept as read)
 * @param name               the seal's name
 * @param certListType       1: {@link #certificates()} holds signer certificates; 2: {@link #certDigests()}
 * @param certificates       DER signer certificates the seal may be applied with
 * @param certDigests        signer certificate digests (certListType 2)
 * @param createDate         when the seal was made
 * @param validStart         start of the seal's validity
 * @param validEnd           end of the seal's validity
 * @param pictureType        e.g. {@code png}, {@code ofd}, {@code svg}
 * @param picture            the image bytes
 * @param widthMm            display width in millimetres
 * @param heightMm           display height in millimetres
 * @param makerCertificate   DER certificate of the seal maker (制章人)
 * @param signatureAlgorithm OID of the maker's signature, normally SM3withSM2 1.2.156.10197.1.501
 * @param signedValue        the maker's signature (DER {@code SEQUENCE {r, s}} for SM2)
 * @param signedContents     what the maker may have signed, preferred form first: the DER {@code SEQUENCE} of seal
 *                           information, maker certificate and algorithm (GB/T 38540), then the seal information
 *                           alone (what some producers sign)
 * @param timeStamp          v5 only: the DER RFC 3161 time-stamp token over {@link #signedValue()}, when present
 * @param encoded            the whole seal as read
 */
public record SesSeal(SesVersion version, int headerVersion, String vendorId, String esId, int type, String name,
                      int certListType, List<byte[]> certificates, List<CertDigest> certDigests, Instant createDate,
                      Instant validStart, Instant validEnd, String pictureType, byte[] picture, long widthMm,
                      long heightMm, byte[] makerCertificate, String signatureAlgorithm, byte[] signedValue,
                      List<byte[]> signedContents, Optional<byte[]> timeStamp, byte[] encoded) {
    public SesSeal {
        Objects.requireNonNull(version, "version");
        certificates = List.copyOf(certificates);
        certDigests = List.copyOf(certDigests);
        signedContents = List.copyOf(signedContents);
        Objects.requireNonNull(timeStamp, "timeStamp");
    }

    /**
     * A signer certificate digest (certListType 2).
     *
     * @param algorithm the digest algorithm as written ({@code SM3}, {@code SHA256}, an OID ...)
     * @param value     the digest of the DER certificate
     */
    public record CertDigest(String algorithm, byte[] value) {
    }

    /** @throws SesFormatException when the maker certificate cannot be parsed */
    public X509Certificate makerX509() {
        return x509(makerCertificate, "the seal maker certificate");
    }

    /** The signer certificates of the seal's list (certListType 1), parsed. */
    public List<X509Certificate> signerX509s() {
        List<X509Certificate> list = new ArrayList<>();
        for (byte[] der : certificates) {
            list.add(x509(der, "a signer certificate in the seal"));
        }
        return list;
    }

    static X509Certificate x509(byte[] der, String what) {
        try {
            return Sm2.certificate(der);
        } catch (CertificateException | RuntimeException e) {
            throw new SesFormatException(what + " is not a readable X.509 certificate");
        }
    }
}
