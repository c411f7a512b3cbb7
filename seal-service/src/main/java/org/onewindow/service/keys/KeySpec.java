package org.onewindow.service.keys;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/** The key types a custody can generate. */
public enum KeySpec {
    RSA_2048("RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), SignatureAlgorithm.SHA256_WITH_RSA),
    RSA_3072("RSA", new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), SignatureAlgorithm.SHA256_WITH_RSA),
    EC_P256("EC", new ECGenParameterSpec("secp256r1"), SignatureAlgorithm.SHA256_WITH_ECDSA),
    /** SM2 (GB/T 32918) on sm2p256v1, generated through Bouncy Castle; PKCS#11 custody refuses it. */
    SM2("EC", new ECGenParameterSpec("sm2p256v1"), SignatureAlgorithm.SM3_WITH_SM2);

    private final String jcaAlgorithm;
    private final AlgorithmParameterSpec parameters;
    private final SignatureAlgorithm defaultSignatureAlgorithm;

    KeySpec(String jcaAlgorithm, AlgorithmParameterSpec parameters, SignatureAlgorithm defaultSignatureAlgorithm) {
        this.jcaAlgorithm = jcaAlgorithm;
        this.parameters = parameters;
        this.defaultSignatureAlgorithm = defaultSignatureAlgorithm;
    }

    /** JCA key algorithm name: {@code RSA} or {@code EC}. */
    public String jcaAlgorithm() {
        return jcaAlgorithm;
    }

    public AlgorithmParameterSpec parameters() {
        return parameters;
    }

    /** Whether this is an SM2 key. */
    public boolean isSm2() {
        return this == SM2;
    }

    /** A software key generator for this spec (the JDK's for RSA/P-256, Bouncy Castle's for SM2). */
    public KeyPairGenerator softwareGenerator() throws GeneralSecurityException {
        KeyPairGenerator generator = isSm2() ? KeyPairGenerator.getInstance(jcaAlgorithm, Sm2.provider())
                : KeyPairGenerator.getInstance(jcaAlgorithm);
        generator.initialize(parameters);
        return generator;
    }

    /** The signature algorithm used with this key unless a caller asks for another one. */
    public SignatureAlgorithm defaultSignatureAlgorithm() {
        return defaultSignatureAlgorithm;
    }
}
