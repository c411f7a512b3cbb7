package org.onewindow.storage;

/** Base of every storage failure. Messages name the key and the cause, never credentials. */
public abstract class StorageException extends RuntimeException {
    protected StorageException(String message) {
        super(message);
    }

    protected StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
