package org.onewindow.service.sign;

import org.onewindow.service.errors.UnprocessableException;

/** The input is not a PDF, or a PDF too damaged to be signed in an incremental update (HTTP 422). */
public class MalformedPdfException extends UnprocessableException {
    public MalformedPdfException(String message) {
        super(message);
    }

    public MalformedPdfException(String message, Throwable cause) {
        super(message, cause);
    }
}
