package org.onewindow.service.sign;

import org.onewindow.service.errors.UnprocessableException;

/** The key cannot sign with this certificate: missing in custody, a different key, or no signing key usage (HTTP 422). */
public class UnusableKeyException extends UnprocessableException {
    public UnusableKeyException(String message) {
        super(message);
    }

    public UnusableKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
