package org.onewindow.service.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An upload copied to a private temporary file while its SHA-256 and length are computed, so that nothing
 * reaches storage before the whole file has been checked. Closing it deletes the file.
 */
public final class SpooledUpload implements AutoCloseable {
    private final Path file;
    private final String declaredName;
    private final long size;
    private final String sha256;

    private SpooledUpload(Path file, String declaredName, long size, String sha256) {
        this.file = file;
        this.declaredName = declaredName;
        this.size = size;
        this.sha256 = sha256;
    }

    /**
     * Copies {@code content} to a temporary file in {@code directory}, stopping as soon as it exceeds
     * {@code maxBytes}.
     *
     * @throws MaterialLimitException when the content is larger than {@code maxBytes}
     * @throws CorruptMaterialException when the content is empty
     */
    public static SpooledUpload spool(InputStream content, String declaredName, Path directory, long maxBytes) {
        Path file = null;
        try {
            Files.createDirectories(directory);
            file = Files.createTempFile(directory, "upload-", ".part");
            MessageDigest digest = sha256Digest();
            long total = 0;
            byte[] buffer = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(file)) {
                int n;
                while ((n = content.read(buffer)) > 0) {
                    total += n;
                    if (total > maxBytes) {
                        throw new MaterialLimitException("file '" + displayName(declaredName) + "' is larger than the limit of "
                                + maxBytes + " bytes");
                    }
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            if (total == 0) {
                throw new CorruptMaterialException("file '" + displayName(declaredName) + "' is empty");
            }
            SpooledUpload spooled = new SpooledUpload(file, declaredName, total, HexFormat.of().formatHex(digest.digest()));
            file = null;
            return spooled;
        } catch (IOException e) {
            throw new CorruptMaterialException("upload of '" + displayName(declaredName) + "' was interrupted: "
                    + e.getMessage(), e);
        } finally {
            if (file != null) {
                deleteQuietly(file);
            }
        }
    }

    static String displayName(String declaredName) {
        return declaredName == null || declaredName.isBlank() ? "(unnamed)" : declaredName;
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temporary file is harmless; the directory is private to the service
        }
    }

    public Path file() {
        return file;
    }

    /** The file name the client gave; never used to decide the type. */
    public String declaredName() {
        return declaredName;
    }

    public String displayName() {
        return displayName(declaredName);
    }

    public long size() {
        return size;
    }

    /** Lower-case hex SHA-256 of the content. */
    public String sha256() {
        return sha256;
    }

    public InputStream open() {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        deleteQuietly(file);
    }
}
