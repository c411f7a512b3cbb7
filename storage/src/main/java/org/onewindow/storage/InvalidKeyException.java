package org.onewindow.storage;

/** A key that breaks the rules in {@link ObjectKey}. */
public final class InvalidKeyException extends StorageException {
    public InvalidKeyException(String message) {
        super(message);
    }
}
