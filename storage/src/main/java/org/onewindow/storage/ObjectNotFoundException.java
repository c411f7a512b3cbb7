package org.onewindow.storage;

/** No object at the key. */
public final class ObjectNotFoundException extends StorageException {
    private final String key;

    public ObjectNotFoundException(String key) {
        super("no object at key '" + key + "'");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
