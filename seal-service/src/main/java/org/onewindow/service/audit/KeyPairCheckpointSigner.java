package org.onewindow.service.audit;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Objects;

/**
 * Signs checkpoints with an asymmetric key (Ed25519, EC or RSA), e.g. the center key once the PKI work provides it
 * (a PKCS#11 private key works too: only {@link Signature} is used). Verification needs only the public key.
 */
public final class KeyPairCheckpointSigner implements CheckpointSigner {
    private final String keyId;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String algorithm;

    /**
     * @param keyId      stable id of the key, e.g. the certificate's SHA-256 fingerprint
     * @param privateKey signing key, or {@code null} for a verify-only instance
     * @param publicKey  verification key
     */
    public KeyPairCheckpointSigner(String keyId, PrivateKey privateKey, PublicKey publicKey) {
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.privateKey = privateKey;
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.algorithm = switch (publicKey.getAlgorithm()) {
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new IllegalArgumentException("unsupported checkpoint key type " + publicKey.getAlgorithm());
        };
    }

    /**
     * PLACEHOLDER: a fresh in-memory Ed25519 key. Checkpoints it signs cannot be verified after a restart, so use it
     * in tests only.
     */
    public static KeyPairCheckpointSigner ephemeralEd25519() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            String id = "ed25519:" + AuditEvent.sha256Hex(pair.getPublic().getEncoded()).substring(0, 16);
            return new KeyPairCheckpointSigner(id, pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable", e);
        }
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public String algorithm() {
        return algorithm;
    }

    @Override
    public byte[] sign(byte[] message) {
        if (privateKey == null) {
            throw new IllegalStateException("this checkpoint signer can only verify");
        }
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing the audit checkpoint failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean verify(String keyId, String algorithm, byte[] message, byte[] signatureBytes) {
        if (!this.keyId.equals(keyId) || !this.algorithm.equals(algorithm)) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initVerify(publicKey);
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
