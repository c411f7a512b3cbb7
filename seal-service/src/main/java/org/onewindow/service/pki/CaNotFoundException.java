package org.onewindow.service.pki;

import org.onewindow.service.errors.NotFoundException;

/** No certification authority with this id. */
public class CaNotFoundException extends NotFoundException {
    public CaNotFoundException(String message) {
        super(message);
    }

    public CaNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
