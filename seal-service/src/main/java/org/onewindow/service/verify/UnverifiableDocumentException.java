package org.onewindow.service.verify;

import org.onewindow.service.errors.ProblemReason;
import org.onewindow.service.errors.ReasonedException;

/**
 * The input cannot be verified at all: not a PDF (415), too large (413), or malformed, too expensive or too slow
 * to parse (422). Thrown instead of a report; the message says what is wrong, never how the parser failed inside.
 */
public class UnverifiableDocumentException extends ReasonedException {

    /** Why the document could not be verified. */
    public enum Reason implements ProblemReason {
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

        @Override
        public int status() {
            return status;
        }

        @Override
        public String title() {
            return title;
        }

        @Override
        public String type() {
            return "unverifiable-document";
        }
    }

    public UnverifiableDocumentException(Reason reason, String message) {
        super(reason, message);
    }

    public UnverifiableDocumentException(Reason reason, String message, Throwable cause) {
        super(reason, message, cause);
    }

    public Reason reason() {
        return (Reason) problemReason();
    }
}
