package org.onewindow.storage;

/** A byte range that starts at or past the end of the object. */
public final class InvalidRangeException extends StorageException {
    public InvalidRangeException(String message) {
        super(message);
    }
}
