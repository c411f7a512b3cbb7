package org.onewindow.service.intake;

import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PreconditionFailedException;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.WriteCondition;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Receives uploaded files: spools them to a private temporary directory, detects their type from the content,
 * checks them against the limits, and keeps each original unchanged in the object store, addressed by its
 * SHA-256. Nothing reaches the store before a file has passed every check.
 */
public final class MaterialIntake {
    /** Prefix of content-addressed originals. */
    public static final String ORIGINALS_PREFIX = "originals/sha256/";
    private static final int MAX_NAME_CHARS = 200;

    private final ObjectStore store;
    private final IntakeLimits limits;
    private final Path spoolDirectory;
    private final FileInspector inspector;

    public MaterialIntake(ObjectStore store, IntakeLimits limits, Path spoolDirectory) {
        this.store = store;
        this.limits = limits;
        this.spoolDirectory = spoolDirectory;
        this.inspector = new FileInspector(limits);
    }

    public IntakeLimits limits() {
        return limits;
    }

    /**
     * Spools and inspects one file without storing it. The caller closes the returned file's
     * {@link InspectedFile#upload()}.
     */
    public InspectedFile receive(InputStream content, String declaredName) {
        SpooledUpload upload = SpooledUpload.spool(content, declaredName, spoolDirectory, limits.maxFileBytes());
        try {
            return inspector.inspect(upload);
        } catch (RuntimeException e) {
            upload.close();
            throw e;
        }
    }

    /** Receives, checks and stores one file; the temporary copy is removed in every case. */
    public StoredOriginal accept(InputStream content, String declaredName) {
        InspectedFile file = receive(content, declaredName);
        try (SpooledUpload ignored = file.upload()) {
            return storeOriginal(file);
        }
    }

    /** The storage key of the original with this SHA-256. */
    public static String originalKey(String sha256) {
        return ORIGINALS_PREFIX + sha256.substring(0, 2) + "/" + sha256;
    }

    /**
     * Stores an inspected file create-if-absent under its content address. Identical bytes stored before are
     * recognized and reported as a duplicate, not written again.
     */
    public StoredOriginal storeOriginal(InspectedFile file) {
        SpooledUpload upload = file.upload();
        String key = originalKey(upload.sha256());
        boolean duplicate = store.head(key).isPresent();
        if (!duplicate) {
            Map<String, String> metadata = new HashMap<>();
            if (upload.declaredName() != null && !upload.declaredName().isBlank()) {
                metadata.put("original-name", sanitizeName(upload.declaredName()));
            }
            try (InputStream in = upload.open()) {
                store.put(key, in, new PutOptions(file.type().mimeType(), metadata, WriteCondition.ifAbsent()));
            } catch (PreconditionFailedException e) {
                duplicate = true;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return new StoredOriginal(key, upload.sha256(), upload.size(), file.type(), upload.declaredName(),
                file.pageCount(), duplicate);
    }

    private static String sanitizeName(String name) {
        StringBuilder clean = new StringBuilder();
        name.codePoints().filter(c -> c >= 0x20 && c != 0x7F).limit(MAX_NAME_CHARS).forEach(clean::appendCodePoint);
        return clean.toString();
    }
}
