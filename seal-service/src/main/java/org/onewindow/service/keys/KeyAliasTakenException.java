package org.onewindow.service.keys;

import org.onewindow.service.errors.ConflictException;

/** A key with this alias already exists in the custody. */
public class KeyAliasTakenException extends ConflictException {
    public KeyAliasTakenException(String message) {
        super(message);
    }

    public KeyAliasTakenException(String message, Throwable cause) {
        super(message, cause);
    }
}
