package org.onewindow.service.intake;

import org.onewindow.service.errors.UnsupportedMediaTypeException;

/** HTTP 415: the content is of a type intake does not accept, or is not what its name says. */
public class MaterialTypeException extends UnsupportedMediaTypeException {
    private final String detectedType;

    public MaterialTypeException(String message, String detectedType) {
        super(message);
        this.detectedType = detectedType;
    }

    /** The MIME type detected from the content. */
    public String detectedType() {
        return detectedType;
    }
}
