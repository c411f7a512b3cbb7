package org.onewindow.storage;

/** User metadata that breaks the rules in {@link PutOptions}. */
public final class InvalidMetadataException extends StorageException {
    public InvalidMetadataException(String message) {
        super(message);
    }
}
