package org.onewindow.storage;

/** The store cannot be reached or used (I/O error, bad credentials, missing bucket, server errors after retries). */
public final class StorageUnavailableException extends StorageException {
    public StorageUnavailableException(String message) {
        super(message);
    }

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
