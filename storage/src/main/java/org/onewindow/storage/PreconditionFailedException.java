package org.onewindow.storage;

/** A conditional write or delete whose condition did not hold: another writer got there first. */
public final class PreconditionFailedException extends StorageException {
    private final String key;

    public PreconditionFailedException(String key, String message) {
        super("conditional write to '" + key + "' refused: " + message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
