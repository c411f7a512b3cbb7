package org.onewindow.service.sign;

import org.onewindow.service.errors.ConflictException;

/** The seal certificate is revoked, suspended, expired or not issued by a known CA (HTTP 409). */
public class SealNotUsableException extends ConflictException {
    public SealNotUsableException(String message) {
        super(message);
    }

    public SealNotUsableException(String message, Throwable cause) {
        super(message, cause);
    }
}
