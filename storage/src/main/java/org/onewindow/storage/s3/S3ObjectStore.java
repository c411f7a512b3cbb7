package org.onewindow.storage.s3;

import org.onewindow.storage.ObjectStore;

/** S3 / MinIO backend on the MinIO Java SDK. (Stub: being implemented.) */
public final class S3ObjectStore implements ObjectStore {
    public S3ObjectStore(S3StoreConfig config) {
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
