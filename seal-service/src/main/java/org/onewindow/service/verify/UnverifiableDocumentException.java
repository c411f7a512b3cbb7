package org.onewindow.service.verify;

import org.onewindow.service.errors.OnewindowException;

/**
 * The input cannot be verified at all: not a PDF (415), too large (413), or malformed, too expensive or too slow
 * to parse (422). Thrown instead of a report; the message says what is wrong, never how the parser failed inside.
 */
public class UnverifiableDocumentException extends OnewindowException {

    /** Why the document could not be verified. */
    public enum Reason {
        NOT_PDF(415, "Unsupported media type"),
        TOO_LARGE(413, "Payload too large"),
        MALFORMED(422, "Unprocessable content"),
        RESOURCE_LIMIT(422, "Unprocessable content"),
        TIMEOUT(422, "Unprocessable content"),
        ENCRYPTED(422, "Unprocessable content");

        private final int status;
        private final String title;

        Reason(int status, String title) {
            this.status = status;
            this.title = title;
        }
    }

    private final Reason reason;

    public UnverifiableDocumentException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public UnverifiableDocumentException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public int status() {
        return reason.status;
    }

    @Override
    public String title() {
        return reason.title;
    }

    @Override
    public String type() {
        return "unverifiable-document";
    }
}
