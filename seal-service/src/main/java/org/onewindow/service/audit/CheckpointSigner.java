package org.onewindow.service.audit;

/**
 * Signs and verifies audit checkpoints. The production implementation uses the center key (it arrives with the PKI
 * work: wrap it in {@link KeyPairCheckpointSigner} or implement this over the key custody seam); until then
 * {@link HmacCheckpointSigner} is the placeholder.
 *
 * <p>A checkpoint is only as good as the secrecy of the signing key: keep it out of the object store, so that
 * someone who can rewrite the store cannot forge checkpoints.
 */
public interface CheckpointSigner {
    /** Identifies the key in stored checkpoints, so that old checkpoints stay verifiable after a key change. */
    String keyId();

    /** Signature algorithm name stored in the checkpoint, e.g. {@code HmacSHA256}, {@code Ed25519}. */
    String algorithm();

    /** Signs {@code message} (the canonical JSON of the checkpoint without its signature). */
    byte[] sign(byte[] message);

    /**
     * Whether {@code signature} over {@code message} is valid for the key {@code keyId} with {@code algorithm}.
     * Returns false for a key or algorithm this signer does not know.
     */
    boolean verify(String keyId, String algorithm, byte[] message, byte[] signature);
}
