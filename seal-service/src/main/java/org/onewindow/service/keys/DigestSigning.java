package org.onewindow.service.keys;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;

/**
 * Signs a precomputed digest with a JCA private key: RSA PKCS#1 v1.5 over the DER DigestInfo ({@code NONEwithRSA},
 * CKM_RSA_PKCS in a token), ECDSA over the digest ({@code NONEwithECDSA}, CKM_ECDSA). The results are identical
 * to {@code SHA256withRSA}/{@code SHA256withECDSA} over the message. SM2 signs {@code e = SM3(Z || M)} in software
 * through Bouncy Castle ({@link Sm2#signDigest}).
 */
final class DigestSigning {
    private static final DefaultDigestAlgorithmIdentifierFinder DIGESTS = new DefaultDigestAlgorithmIdentifierFinder();

    private DigestSigning() {
    }

    static void checkDigest(SignatureAlgorithm algorithm, byte[] digest) {
        if (digest == null || digest.length != algorithm.digestLength()) {
            throw new UnsupportedSignatureAlgorithmException("a " + algorithm.digestAlgorithm() + " digest has "
                    + algorithm.digestLength() + " bytes, got " + (digest == null ? "none" : digest.length));
        }
    }

    /**
     * @param provider the provider holding the key (SunPKCS11 instance), or {@code null} for the JVM's defaults
     */
    static byte[] sign(PrivateKey key, Provider provider, SignatureAlgorithm algorithm, byte[] digest)
            throws GeneralSecurityException {
        checkDigest(algorithm, digest);
        if (algorithm.isSm2()) {
            if (provider != null) {
                throw new UnsupportedSignatureAlgorithmException("SM3withSM2 is not available in " + provider.getName());
            }
            return Sm2.signDigest(key, digest);
        }
        if (algorithm.keyAlgorithm().equals("RSA")) {
            Signature signature = provider == null ? Signature.getInstance("NONEwithRSA")
                    : Signature.getInstance("NONEwithRSA", provider);
            signature.initSign(key);
            signature.update(digestInfo(algorithm, digest));
            return signature.sign();
        }
        Signature signature = provider == null ? Signature.getInstance("NONEwithECDSA")
                : Signature.getInstance("NONEwithECDSA", provider);
        signature.initSign(key);
        signature.update(digest);
        return signature.sign();
    }

    static byte[] digestInfo(SignatureAlgorithm algorithm, byte[] digest) {
        AlgorithmIdentifier digestId = DIGESTS.find(algorithm.digestAlgorithm());
        AlgorithmIdentifier withNull = new AlgorithmIdentifier(digestId.getAlgorithm(), DERNull.INSTANCE);
        try {
            return new DigestInfo(withNull, digest).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("encoding DigestInfo failed", e);
        }
    }
}
