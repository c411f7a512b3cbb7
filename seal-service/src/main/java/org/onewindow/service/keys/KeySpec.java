package org.onewindow.service.keys;

import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/** The key types a custody can generate. */
public enum KeySpec {
    RSA_2048("RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), SignatureAlgorithm.SHA256_WITH_RSA),
    RSA_3072("RSA", new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), SignatureAlgorithm.SHA256_WITH_RSA),
    EC_P256("EC", new ECGenParameterSpec("secp256r1"), SignatureAlgorithm.SHA256_WITH_ECDSA);

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

    /** The signature algorithm used with this key unless a caller asks for another one. */
    public SignatureAlgorithm defaultSignatureAlgorithm() {
        return defaultSignatureAlgorithm;
    }
}
