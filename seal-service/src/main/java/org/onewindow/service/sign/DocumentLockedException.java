package org.onewindow.service.sign;

import org.onewindow.service.errors.ConflictException;

/** The document's certification (DocMDP) forbids this signature, e.g. it is certified with P=1 (HTTP 409). */
public class DocumentLockedException extends ConflictException {
    public DocumentLockedException(String message) {
        super(message);
    }

    public DocumentLockedException(String message, Throwable cause) {
        super(message, cause);
    }
}
