package org.onewindow.service.keys;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Locale;

/**
 * Signature algorithms supported by every custody: RSA PKCS#1 v1.5 and ECDSA with SHA-2. Each one can be computed
 * from a digest alone (hash outside, sign inside), which is what an HSM needs.
 */
public enum SignatureAlgorithm {
    SHA256_WITH_RSA("SHA256withRSA", "SHA-256", "RSA", "1.2.840.113549.1.1.11"),
    SHA384_WITH_RSA("SHA384withRSA", "SHA-384", "RSA", "1.2.840.113549.1.1.12"),
    SHA512_WITH_RSA("SHA512withRSA", "SHA-512", "RSA", "1.2.840.113549.1.1.13"),
    SHA256_WITH_ECDSA("SHA256withECDSA", "SHA-256", "EC", "1.2.840.10045.4.3.2"),
    SHA384_WITH_ECDSA("SHA384withECDSA", "SHA-384", "EC", "1.2.840.10045.4.3.3"),
    SHA512_WITH_ECDSA("SHA512withECDSA", "SHA-512", "EC", "1.2.840.10045.4.3.4");

    private final String jcaName;
    private final String digestAlgorithm;
    private final String keyAlgorithm;
    private final String oid;

    SignatureAlgorithm(String jcaName, String digestAlgorithm, String keyAlgorithm, String oid) {
        this.jcaName = jcaName;
        this.digestAlgorithm = digestAlgorithm;
        this.keyAlgorithm = keyAlgorithm;
        this.oid = oid;
    }

    /** JCA signature name, e.g. {@code SHA256withRSA}. */
    public String jcaName() {
        return jcaName;
    }

    /** JCA digest name, e.g. {@code SHA-256} (what iText's {@code getDigestAlgorithmName()} returns). */
    public String digestAlgorithm() {
        return digestAlgorithm;
    }

    /** JCA key algorithm, {@code RSA} or {@code EC} (iText's {@code getSignatureAlgorithmName()} wants "RSA"/"ECDSA"). */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** The signature algorithm OID (used in certificates, CMS SignerInfo). */
    public String oid() {
        return oid;
    }

    /** Digest length in bytes. */
    public int digestLength() {
        return switch (digestAlgorithm) {
            case "SHA-256" -> 32;
            case "SHA-384" -> 48;
            default -> 64;
        };
    }

    /** A fresh digest for this algorithm. */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(digestAlgorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JCA lacks " + digestAlgorithm, e);
        }
    }

    /** Whether this algorithm can be used with {@code key}. */
    public boolean fits(PublicKey key) {
        String algorithm = key.getAlgorithm().toUpperCase(Locale.ROOT);
        return keyAlgorithm.equals("EC") ? algorithm.equals("EC") || algorithm.equals("ECDSA") : algorithm.equals("RSA");
    }

    /** Parses a JCA name ({@code SHA256withRSA}) or the enum name. */
    public static SignatureAlgorithm parse(String name) {
        for (SignatureAlgorithm algorithm : values()) {
            if (algorithm.jcaName.equalsIgnoreCase(name) || algorithm.name().equalsIgnoreCase(name)) {
                return algorithm;
            }
        }
        throw new UnsupportedSignatureAlgorithmException("unsupported signature algorithm '" + name + "'");
    }

    /** The algorithm for a key algorithm ({@code RSA}/{@code EC}) and a digest name ({@code SHA-256}...). */
    public static SignatureAlgorithm of(String keyAlgorithm, String digestAlgorithm) {
        String key = keyAlgorithm.toUpperCase(Locale.ROOT).equals("ECDSA") ? "EC" : keyAlgorithm.toUpperCase(Locale.ROOT);
        String digest = digestAlgorithm.toUpperCase(Locale.ROOT).replace("SHA256", "SHA-256")
                .replace("SHA384", "SHA-384").replace("SHA512", "SHA-512");
        for (SignatureAlgorithm algorithm : values()) {
            if (algorithm.keyAlgorithm.equals(key) && algorithm.digestAlgorithm.equals(digest)) {
                return algorithm;
            }
        }
        throw new UnsupportedSignatureAlgorithmException("unsupported combination: " + keyAlgorithm + " with "
                + digestAlgorithm);
    }
}
