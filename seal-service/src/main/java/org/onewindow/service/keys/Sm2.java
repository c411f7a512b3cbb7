package org.onewindow.service.keys;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.spec.ECParameterSpec;

import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * SM2/SM3 (GB/T 32918, GB/T 32905) helpers over Bouncy Castle, used without registering BC in the JVM: the JDK's
 * own providers neither know the curve sm2p256v1 nor parse certificates carrying SM2 keys, so every SM2 operation
 * names the BC provider held here.
 *
 * <p>An SM3withSM2 signature covers {@code e = SM3(Z || M)} where {@code Z} hashes the signer's distinguishing id
 * (default {@value #DEFAULT_USER_ID}, GB/T 35276) and public key. {@link #digest} computes {@code e}; a custody
 * signs {@code e} ({@link #signDigest}), which is how a certified SM2 device is driven as well.
 */
public final class Sm2 {
    /** The default SM2 distinguishing id of GB/T 35276 / GM/T 0009. */
    public static final String DEFAULT_USER_ID = "1234567812345678";
    /** OID of the curve sm2p256v1. */
    public static final String CURVE_OID = GMObjectIdentifiers.sm2p256v1.getId();
    /** OID of SM3withSM2 (certificates, seals, CMS). */
    public static final String SM3_WITH_SM2_OID = GMObjectIdentifiers.sm2sign_with_sm3.getId();
    /** OID of SM3. */
    public static final String SM3_OID = GMObjectIdentifiers.sm3.getId();

    private static final Provider BC = new BouncyCastleProvider();
    private static final X9ECParameters CURVE = GMNamedCurves.getByName("sm2p256v1");
    private static final byte[] DEFAULT_ID = DEFAULT_USER_ID.getBytes(StandardCharsets.US_ASCII);

    private Sm2() {
    }

    /** The Bouncy Castle provider instance used for SM2/SM3 (not registered in the JVM). */
    public static Provider provider() {
        return BC;
    }

    /** Whether {@code key} (public or private) is an EC key on the curve sm2p256v1. */
    public static boolean isSm2Key(Key key) {
        if (!(key instanceof ECKey ec) || ec.getParams() == null) {
            return false;
        }
        ECParameterSpec params = ec.getParams();
        return params.getOrder().equals(CURVE.getN())
                && params.getCurve().getB().equals(CURVE.getCurve().getB().toBigInteger())
                && params.getCurve().getA().equals(CURVE.getCurve().getA().toBigInteger());
    }

    /** A fresh SM3 digest (JCA). */
    public static java.security.MessageDigest sm3() {
        try {
            return java.security.MessageDigest.getInstance("SM3", BC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bouncy Castle lacks SM3", e);
        }
    }

    /** {@code Z} of GB/T 32918.2 for the default distinguishing id. */
    public static byte[] z(PublicKey key) {
        return z(key, DEFAULT_ID);
    }

    /** {@code Z = SM3(ENTL || ID || a || b || xG || yG || xA || yA)}. */
    public static byte[] z(PublicKey key, byte[] userId) {
        var point = publicPoint(key);
        SM3Digest sm3 = new SM3Digest();
        int bits = userId.length * 8;
        sm3.update((byte) (bits >> 8));
        sm3.update((byte) bits);
        sm3.update(userId, 0, userId.length);
        for (BigInteger value : new BigInteger[] {CURVE.getCurve().getA().toBigInteger(),
                CURVE.getCurve().getB().toBigInteger(), CURVE.getG().getAffineXCoord().toBigInteger(),
                CURVE.getG().getAffineYCoord().toBigInteger(), point.getAffineX(), point.getAffineY()}) {
            byte[] bytes = fixed32(value);
            sm3.update(bytes, 0, bytes.length);
        }
        byte[] out = new byte[32];
        sm3.doFinal(out, 0);
        return out;
    }

    /** {@code e = SM3(Z || message)} for the default distinguishing id: what an SM2 signature signs. */
    public static byte[] digest(PublicKey key, byte[] message) {
        java.security.MessageDigest sm3 = sm3();
        sm3.update(z(key));
        return sm3.digest(message);
    }

    /**
     * Signs a precomputed {@code e} (see {@link #digest}) with a software key; DER {@code SEQUENCE {r, s}}.
     *
     * @throws GeneralSecurityException when the key is not an SM2 private key
     */
    public static byte[] signDigest(PrivateKey key, byte[] e) throws GeneralSecurityException {
        if (!isSm2Key(key) || e == null || e.length != 32) {
            throw new java.security.InvalidKeyException("an SM2 private key and a 32-byte SM3 value are required");
        }
        ECPrivateKeyParameters parameters = (ECPrivateKeyParameters) ECUtil.generatePrivateKeyParameter(key);
        // SM2Signer hashes Z || M itself; a digest that ignores its input and yields e makes it sign e as given.
        SM2Signer signer = new SM2Signer(StandardDSAEncoding.INSTANCE, new Precomputed(e));
        signer.init(true, new ParametersWithID(new ParametersWithRandom(parameters, new java.security.SecureRandom()),
                DEFAULT_ID));
        try {
            return signer.generateSignature();
        } catch (CryptoException ex) {
            throw new java.security.SignatureException("SM2 signing failed", ex);
        }
    }

    /** Verifies an SM3withSM2 signature (DER r,s) over {@code message} with the default distinguishing id. */
    public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SM3withSM2", BC);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Parses a DER certificate with Bouncy Castle (the JDK's factory rejects SM2 public keys). */
    public static X509Certificate certificate(byte[] der) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509", BC)
                .generateCertificate(new ByteArrayInputStream(der));
    }

    /**
     * Every certificate of a PEM or DER file, parsed with Bouncy Castle (SM2 roots, which the JDK cannot read).
     *
     * @throws CertificateException when the content is not certificates
     */
    public static java.util.List<X509Certificate> certificates(byte[] pemOrDer) throws CertificateException {
        java.util.List<X509Certificate> out = new java.util.ArrayList<>();
        for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509", BC)
                .generateCertificates(new ByteArrayInputStream(pemOrDer))) {
            out.add((X509Certificate) c);
        }
        return out;
    }

    private static java.security.spec.ECPoint publicPoint(PublicKey key) {
        if (!(key instanceof java.security.interfaces.ECPublicKey ec) || !isSm2Key(key)) {
            throw new UnsupportedSignatureAlgorithmException("not an SM2 public key: " + key.getAlgorithm());
        }
        return ec.getW();
    }

    private static byte[] fixed32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    /** A "digest" whose output is a given value: feeds a precomputed e to {@link SM2Signer}. */
    private static final class Precomputed implements Digest {
        private final byte[] value;

        Precomputed(byte[] value) {
            this.value = value.clone();
        }

        @Override
        public String getAlgorithmName() {
            return "SM3(precomputed)";
        }

        @Override
        public int getDigestSize() {
            return value.length;
        }

        @Override
        public void update(byte in) {
        }

        @Override
        public void update(byte[] in, int inOff, int len) {
        }

        @Override
        public int doFinal(byte[] out, int outOff) {
            System.arraycopy(value, 0, out, outOff, value.length);
            return value.length;
        }

        @Override
        public void reset() {
        }
    }
}
