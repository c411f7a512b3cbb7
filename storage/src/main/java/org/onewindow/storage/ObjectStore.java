package org.onewindow.storage;

import java.io.InputStream;
import java.util.Optional;

/**
 * Object storage: the source of truth for documents, case records, the seal registry and the audit log.
 *
 * <p>Keys are validated by {@link ObjectKey#validate(String)} in every backend. Content is streamed in both
 * directions (no backend buffers a whole object in memory) and its SHA-256 is computed on the way in.
 * State records are updated with conditional writes ({@link WriteCondition}) so that two writers can never
 * silently overwrite each other.
 *
 * <p>All methods throw {@link StorageException} subtypes: {@link InvalidKeyException},
 * {@link ObjectNotFoundException}, {@link PreconditionFailedException}, {@link StorageUnavailableException}.
 */
public interface ObjectStore extends AutoCloseable {

    /**
     * Streams {@code content} (of unknown length) to {@code key}. The object becomes visible only when the
     * whole stream has been read and stored; a failure or an interrupted stream leaves nothing visible.
     *
     * @return the stored object's size, SHA-256 and version
     * @throws PreconditionFailedException when {@link PutOptions#condition()} does not hold
     */
    ObjectInfo put(String key, InputStream content, PutOptions options);

    /** Convenience for small records. */
    default ObjectInfo put(String key, byte[] content, PutOptions options) {
        return put(key, new java.io.ByteArrayInputStream(content), options);
    }

    /**
     * Opens the whole object for streaming. The caller must close the returned object.
     *
     * @throws ObjectNotFoundException when there is no object at {@code key}
     */
    StoredObject get(String key);

    /**
     * Opens a byte range of the object. A range reaching past the end is truncated to the object's size.
     *
     * @throws InvalidRangeException when the range starts at or past the end of a non-empty object
     */
    StoredObject get(String key, ByteRange range);

    /** Convenience: reads a small object fully (records, not documents). */
    default byte[] readAllBytes(String key) {
        try (StoredObject object = get(key)) {
            return object.content().readAllBytes();
        } catch (java.io.IOException e) {
            throw new StorageUnavailableException("reading " + key + " failed: " + e.getMessage(), e);
        }
    }

    /** Metadata of the object at {@code key}, or empty when there is none. */
    Optional<ObjectInfo> head(String key);

    /**
     * Lists objects whose keys start with {@code prefix} in ascending order of their UTF-8 bytes, starting
     * after {@code startAfter} (exclusive; {@code null} for the first page). Pages are stable: listing page by
     * page with the returned {@link ListPage#nextStartAfter()} visits every key present for the whole listing
     * exactly once.
     *
     * @param maxKeys between 1 and 1000
     */
    ListPage list(String prefix, String startAfter, int maxKeys);

    /**
     * Deletes the object at {@code key}.
     *
     * @return whether an object was there
     */
    boolean delete(String key);

    /**
     * Deletes the object only when its current version is {@code expectedVersion}.
     *
     * @throws PreconditionFailedException when the object is absent or has another version
     */
    void deleteIfVersionMatches(String key, String expectedVersion);

    /**
     * Copies an object with its content type and user metadata, under {@code condition} on the target.
     *
     * @throws ObjectNotFoundException when the source does not exist
     * @throws PreconditionFailedException when the condition on the target does not hold
     */
    ObjectInfo copy(String sourceKey, String targetKey, WriteCondition condition);

    /**
     * Checks that the store can be reached and written to.
     *
     * @throws StorageUnavailableException with a message naming the cause (bad credentials, missing bucket,
     *                                     unreachable endpoint, unwritable directory)
     */
    void checkHealth();

    /** A short description for logs and the health endpoint, never containing credentials. */
    String describe();

    @Override
    void close();
}
