package org.onewindow.service.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * PLACEHOLDER checkpoint signer until the center key exists: HMAC-SHA256 with a 256-bit secret. Anyone holding the
 * secret can both make and check checkpoints, so it proves integrity only against someone who can write the object
 * store but cannot read the secret file. Replace with {@link KeyPairCheckpointSigner} over the center key.
 */
public final class HmacCheckpointSigner implements CheckpointSigner {
    public static final String ALGORITHM = "HmacSHA256";
    private final byte[] secret;
    private final String keyId;

    public HmacCheckpointSigner(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("HMAC checkpoint secret must be at least 32 bytes");
        }
        this.secret = secret.clone();
        this.keyId = "hmac:" + AuditEvent.sha256Hex(this.secret).substring(0, 16);
    }

    /**
     * Loads the secret from {@code file} (hex), creating it with a fresh random secret (mode 600) when absent.
     * Keep this file outside the object store.
     */
    public static HmacCheckpointSigner fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Files.createDirectories(file.toAbsolutePath().getParent());
                try {
                    Files.writeString(file, HexFormat.of().formatHex(fresh) + "\n", StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                    try {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                    } catch (UnsupportedOperationException ignored) {
                        // not a POSIX filesystem: the file stays with default permissions
                    }
                } catch (FileAlreadyExistsException raced) {
                    // another instance created it first: read theirs below
                }
            }
            return new HmacCheckpointSigner(HexFormat.of().parseHex(Files.readString(file).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the audit checkpoint key " + file, e);
        }
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public String algorithm() {
        return ALGORITHM;
    }

    @Override
    public byte[] sign(byte[] message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public boolean verify(String keyId, String algorithm, byte[] message, byte[] signature) {
        return this.keyId.equals(keyId) && ALGORITHM.equals(algorithm)
                && MessageDigest.isEqual(sign(message), signature);
    }
}
