package org.onewindow.service.sign;

import org.onewindow.service.errors.UnprocessableException;

/** The seal cannot be placed: no such page, field or anchor text, or the field is already signed (HTTP 422). */
public class SealPlacementException extends UnprocessableException {
    public SealPlacementException(String message) {
        super(message);
    }

    public SealPlacementException(String message, Throwable cause) {
        super(message, cause);
    }
}
