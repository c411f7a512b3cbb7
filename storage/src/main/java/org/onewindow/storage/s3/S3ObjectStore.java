package org.onewindow.storage.s3;

import org.onewindow.storage.ObjectStore;

/** S3 / MinIO backend on the MinIO Java SDK. (Stub: being implemented.) */
public final class S3ObjectStore implements ObjectStore {
    public S3ObjectStore(S3StoreConfig config) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
