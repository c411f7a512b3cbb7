package org.onewindow.service.keys;

import org.onewindow.service.errors.BadRequestException;

/** The signature algorithm is not supported or does not fit the key. */
public class UnsupportedSignatureAlgorithmException extends BadRequestException {
    public UnsupportedSignatureAlgorithmException(String message) {
        super(message);
    }

    public UnsupportedSignatureAlgorithmException(String message, Throwable cause) {
        super(message, cause);
    }
}
