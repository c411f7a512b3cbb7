package org.onewindow.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * An open object: its metadata and a stream over the requested bytes. Close it to release the connection or file.
 *
 * @param info    the whole object's metadata
 * @param content the requested bytes
 * @param range   the range actually served, or {@code null} for the whole object
 */
public record StoredObject(ObjectInfo info, InputStream content, ByteRange range) implements AutoCloseable {
    @Override
    public void close() {
        try {
            content.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
