package org.onewindow.service.sign;

import org.onewindow.service.errors.UnprocessableException;

/** The PDF is encrypted and no password, or a wrong one, was given (HTTP 422). */
public class EncryptedPdfException extends UnprocessableException {
    public EncryptedPdfException(String message) {
        super(message);
    }

    public EncryptedPdfException(String message, Throwable cause) {
        super(message, cause);
    }
}
