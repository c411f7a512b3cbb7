package org.onewindow.service.pki;

import org.onewindow.service.errors.ConflictException;

/** The requested status change does not fit the certificate's current status (e.g. suspending a revoked certificate). */
public class RevocationStateException extends ConflictException {
    public RevocationStateException(String message) {
        super(message);
    }

    public RevocationStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
