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
     * A signer whose secret is read from {@code file} (hex) at its first use, creating the file with a fresh random
     * secret (mode 600) when absent, so that a service which never signs a checkpoint leaves no file behind.
     * Keep this file outside the object store.
     */
    public static CheckpointSigner fromFile(Path file) {
        return new CheckpointSigner() {
            private volatile HmacCheckpointSigner loaded;

            private HmacCheckpointSigner signer() {
                HmacCheckpointSigner current = loaded;
                if (current == null) {
                    synchronized (this) {
                        if (loaded == null) {
                            loaded = load(file);
                        }
                        current = loaded;
                    }
                }
                return current;
            }

            @Override
            public String keyId() {
                return signer().keyId();
            }

            @Override
            public String algorithm() {
                return ALGORITHM;
            }

            @Override
            public byte[] sign(byte[] message) {
                return signer().sign(message);
            }

            @Override
            public boolean verify(String keyId, String algorithm, byte[] message, byte[] signature) {
                return signer().verify(keyId, algorithm, message, signature);
            }
        };
    }

    /** Loads the secret from {@code file} now, creating it when absent. */
    public static HmacCheckpointSigner load(Path file) {
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
