package org.onewindow.service.keys;

import org.onewindow.service.errors.NotFoundException;

/** No key with this reference in the custody. */
public class KeyNotFoundException extends NotFoundException {
    public KeyNotFoundException(String message) {
        super(message);
    }

    public KeyNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
