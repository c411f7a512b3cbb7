package org.onewindow.service.seal.image;

import org.onewindow.service.errors.OnewindowException;
import org.onewindow.service.errors.ProblemReason;
import org.onewindow.service.errors.ReasonedException;

/**
 * A seal image could not be made or accepted. The {@link Reason} decides the HTTP status, so the web layer can
 * map this one type like any other {@link OnewindowException}.
 */
public class SealImageException extends ReasonedException {

    /** Why the image was refused; each reason is one HTTP status. */
    public enum Reason implements ProblemReason {
        /** The seal specification is invalid (size, text, colour ...): 422. */
        INVALID_SPEC(422, "Invalid seal specification", "seal-spec-invalid"),
        /** The configured font cannot be loaded or lacks a glyph: 503, a server configuration problem. */
        FONT_UNAVAILABLE(503, "Seal font unavailable", "seal-font-unavailable"),
        /** The upload is not a supported image type (detected from its bytes): 415. */
        UNSUPPORTED_TYPE(415, "Unsupported seal image type", "seal-image-type"),
        /** The upload is too large, in bytes or in pixels: 413. */
        TOO_LARGE(413, "Seal image too large", "seal-image-too-large"),
        /** The upload is a damaged or truncated image: 422. */
        CORRUPT(422, "Corrupt seal image", "seal-image-corrupt"),
        /** The upload decodes but is not usable as a seal (no transparency, too big in mm ...): 422. */
        UNSUITABLE(422, "Unsuitable seal image", "seal-image-unsuitable");

        private final int status;
        private final String title;
        private final String type;

        Reason(int status, String title, String type) {
            this.status = status;
            this.title = title;
            this.type = type;
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
            return type;
        }
    }

    public SealImageException(Reason reason, String message) {
        super(reason, message);
    }

    public SealImageException(Reason reason, String message, Throwable cause) {
        super(reason, message, cause);
    }

    public Reason reason() {
        return (Reason) problemReason();
    }
}
