package org.onewindow.service.pki;

import org.onewindow.service.errors.ConflictException;

/** PKI state changed under a writer too often to apply an update, or a CA id is taken. */
public class PkiStateConflictException extends ConflictException {
    public PkiStateConflictException(String message) {
        super(message);
    }

    public PkiStateConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
