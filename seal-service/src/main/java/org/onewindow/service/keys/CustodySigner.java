package org.onewindow.service.keys;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * One key in custody bound to one signature algorithm: the shape of iText's {@code IExternalSignature}
 * ({@link #digestAlgorithmName()}, {@link #signatureAlgorithmName()}, {@link #sign(byte[])} over the whole message)
 * so that the PDF signing code wraps it in a few lines and never sees a private key.
 */
public record CustodySigner(KeyCustody custody, KeyRef key, SignatureAlgorithm algorithm) {
    public CustodySigner {
        Objects.requireNonNull(custody, "custody");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(algorithm, "algorithm");
        if (!algorithm.fits(custody.publicKey(key))) {
            throw new UnsupportedSignatureAlgorithmException(algorithm.jcaName() + " does not fit key " + key);
        }
    }

    /** The key's default algorithm: SHA-256 with RSA or ECDSA, SM3withSM2 for an SM2 key. */
    public static CustodySigner of(KeyCustody custody, KeyRef key) {
        return new CustodySigner(custody, key, SignatureAlgorithm.defaultFor(custody.publicKey(key)));
    }

    /** JCA digest name, e.g. {@code SHA-256} (iText {@code getDigestAlgorithmName()}). */
    public String digestAlgorithmName() {
        return algorithm.digestAlgorithm();
    }

    /** {@code RSA}, {@code ECDSA} or {@code SM2} (iText {@code getSignatureAlgorithmName()}). */
    public String signatureAlgorithmName() {
        if (algorithm.isSm2()) {
            return "SM2";
        }
        return algorithm.keyAlgorithm().equals("EC") ? "ECDSA" : "RSA";
    }

    /** Signs the whole message (iText passes the DER signed attributes). */
    public byte[] sign(byte[] message) {
        return custody.sign(key, algorithm, message);
    }

    /** Signs a digest computed with {@link #digestAlgorithmName()}. */
    public byte[] signDigest(byte[] digest) {
        return custody.signDigest(key, algorithm, digest);
    }

    /** The certificate chain stored with the key, leaf first. */
    public List<X509Certificate> certificateChain() {
        return custody.certificateChain(key);
    }
}
