package org.onewindow.service.keys;

import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Locale;

/**
 * Signature algorithms: RSA PKCS#1 v1.5 and ECDSA with SHA-2 (every custody), and SM3withSM2 (software custody; a
 * PKCS#11 token needs an SM2 mechanism). Each one can be computed from a digest alone (hash outside, sign inside),
 * which is what an HSM needs; for SM2 that digest is {@code e = SM3(Z || M)} ({@link #digest(PublicKey, byte[])}).
 */
public enum SignatureAlgorithm {
    SHA256_WITH_RSA("SHA256withRSA", "SHA-256", "RSA", "1.2.840.113549.1.1.11"),
    SHA384_WITH_RSA("SHA384withRSA", "SHA-384", "RSA", "1.2.840.113549.1.1.12"),
    SHA512_WITH_RSA("SHA512withRSA", "SHA-512", "RSA", "1.2.840.113549.1.1.13"),
    SHA256_WITH_ECDSA("SHA256withECDSA", "SHA-256", "EC", "1.2.840.10045.4.3.2"),
    SHA384_WITH_ECDSA("SHA384withECDSA", "SHA-384", "EC", "1.2.840.10045.4.3.3"),
    SHA512_WITH_ECDSA("SHA512withECDSA", "SHA-512", "EC", "1.2.840.10045.4.3.4"),
    /** GB/T 32918 SM2 with SM3, default user id {@value Sm2#DEFAULT_USER_ID}; DER {@code SEQUENCE {r, s}}. */
    SM3_WITH_SM2("SM3withSM2", "SM3", "EC", Sm2.SM3_WITH_SM2_OID);

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

    /**
     * JCA key algorithm, {@code RSA} or {@code EC} (iText's {@code getSignatureAlgorithmName()} wants "RSA"/"ECDSA").
     * SM2 keys are EC keys on the curve sm2p256v1: see {@link #isSm2()}.
     */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** The signature algorithm OID (used in certificates, CMS SignerInfo). */
    public String oid() {
        return oid;
    }

    /** Whether this is SM3withSM2. */
    public boolean isSm2() {
        return this == SM3_WITH_SM2;
    }

    /** Digest length in bytes. */
    public int digestLength() {
        return switch (digestAlgorithm) {
            case "SHA-256", "SM3" -> 32;
            case "SHA-384" -> 48;
            default -> 64;
        };
    }

    /** A fresh digest for this algorithm. */
    public MessageDigest newDigest() {
        if (isSm2()) {
            return Sm2.sm3();
        }
        try {
            return MessageDigest.getInstance(digestAlgorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JCA lacks " + digestAlgorithm, e);
        }
    }

    /**
     * The digest a custody signs for {@code message}: the plain hash, or for SM2 {@code e = SM3(Z || M)} with the
     * signer's public key and the default user id.
     */
    public byte[] digest(PublicKey signerKey, byte[] message) {
        return isSm2() ? Sm2.digest(signerKey, message) : newDigest().digest(message);
    }

    /** Whether this algorithm can be used with {@code key} (public or private): SM2 only with sm2p256v1 keys. */
    public boolean fits(Key key) {
        String algorithm = key.getAlgorithm().toUpperCase(Locale.ROOT);
        if (!keyAlgorithm.equals("EC")) {
            return algorithm.equals("RSA");
        }
        boolean ec = algorithm.equals("EC") || algorithm.equals("ECDSA") || algorithm.equals("SM2");
        return ec && Sm2.isSm2Key(key) == isSm2();
    }

    /** The default algorithm for a key: SHA-256 with RSA or ECDSA, SM3withSM2 for an SM2 key. */
    public static SignatureAlgorithm defaultFor(Key key) {
        if (Sm2.isSm2Key(key)) {
            return SM3_WITH_SM2;
        }
        return of(key.getAlgorithm(), "SHA-256");
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
        if (keyAlgorithm.equalsIgnoreCase("SM2") || digestAlgorithm.equalsIgnoreCase("SM3")) {
            if (keyAlgorithm.equalsIgnoreCase("SM2") && digestAlgorithm.equalsIgnoreCase("SM3")) {
                return SM3_WITH_SM2;
            }
            throw new UnsupportedSignatureAlgorithmException("unsupported combination: " + keyAlgorithm + " with "
                    + digestAlgorithm + " (SM2 goes with SM3 only)");
        }
        String key = keyAlgorithm.toUpperCase(Locale.ROOT).equals("ECDSA") ? "EC" : keyAlgorithm.toUpperCase(Locale.ROOT);
        String digest = digestAlgorithm.toUpperCase(Locale.ROOT).replace("SHA256", "SHA-256")
                .replace("SHA384", "SHA-384").replace("SHA512", "SHA-512");
        for (SignatureAlgorithm algorithm : values()) {
            if (!algorithm.isSm2() && algorithm.keyAlgorithm.equals(key) && algorithm.digestAlgorithm.equals(digest)) {
                return algorithm;
            }
        }
        throw new UnsupportedSignatureAlgorithmException("unsupported combination: " + keyAlgorithm + " with "
                + digestAlgorithm);
    }
}
