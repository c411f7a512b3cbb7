package org.onewindow.service.ofd;

import org.onewindow.service.errors.UnprocessableException;

/** The seal cannot be placed: no such page or anchor text, or the rectangle is off the page (HTTP 422). */
public class OfdSealPlacementException extends UnprocessableException {
    public OfdSealPlacementException(String message) {
        super(message);
    }
}
