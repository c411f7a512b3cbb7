package org.onewindow.service.intake;

import org.onewindow.service.errors.UnprocessableException;

/** HTTP 422: a file is truncated, corrupt, or a polyglot (e.g. a ZIP archive hidden in a PDF or image). */
public class CorruptMaterialException extends UnprocessableException {
    public CorruptMaterialException(String message) {
        super(message);
    }

    public CorruptMaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}
