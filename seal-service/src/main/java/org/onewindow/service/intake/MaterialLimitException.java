package org.onewindow.service.intake;

import org.onewindow.service.errors.PayloadTooLargeException;

/** HTTP 413: an upload exceeds a size, page or pixel limit. */
public class MaterialLimitException extends PayloadTooLargeException {
    public MaterialLimitException(String message) {
        super(message);
    }
}
