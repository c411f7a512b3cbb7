package org.onewindow.storage.fs;

import java.nio.file.Path;

import org.onewindow.storage.ObjectStore;

/** Embedded default backend: objects as files under a root directory. (Stub: being implemented.) */
public final class FileSystemObjectStore implements ObjectStore {
    /** Opens (creating if needed) a store rooted at {@code root}. */
    public FileSystemObjectStore(Path root) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override public org.onewindow.storage.ObjectInfo put(String key, java.io.InputStream content, org.onewindow.storage.PutOptions options) { throw new UnsupportedOperationException(); }
    @Override public org.onewindow.storage.StoredObject get(String key) { throw new UnsupportedOperationException(); }
    @Override public org.onewindow.storage.StoredObject get(String key, org.onewindow.storage.ByteRange range) { throw new UnsupportedOperationException(); }
    @Override public java.util.Optional<org.onewindow.storage.ObjectInfo> head(String key) { throw new UnsupportedOperationException(); }
    @Override public org.onewindow.storage.ListPage list(String prefix, String startAfter, int maxKeys) { throw new UnsupportedOperationException(); }
    @Override public boolean delete(String key) { throw new UnsupportedOperationException(); }
    @Override public void deleteIfVersionMatches(String key, String expectedVersion) { throw new UnsupportedOperationException(); }
    @Override public org.onewindow.storage.ObjectInfo copy(String sourceKey, String targetKey, org.onewindow.storage.WriteCondition condition) { throw new UnsupportedOperationException(); }
    @Override public void checkHealth() { throw new UnsupportedOperationException(); }
    @Override public String describe() { return "stub"; }
    @Override public void close() { }
}
