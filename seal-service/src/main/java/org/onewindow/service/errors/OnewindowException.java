package org.onewindow.service.errors;

/**
 * Base of every error the service reports to a caller. Each subtype is one HTTP status; the web layer maps
 * them to RFC 9457 problem JSON in one place. Messages are for the caller: precise, no internals.
 */
public abstract class OnewindowException extends RuntimeException {
    protected OnewindowException(String message) {
        super(message);
    }

    protected OnewindowException(String message, Throwable cause) {
        super(message, cause);
    }

    /** HTTP status code. */
    public abstract int status();

    /** Short, stable title for the problem type (English). */
    public abstract String title();

    /** Problem type slug, e.g. {@code validation}; becomes the problem's {@code type} URI. */
    public abstract String type();

    /**
     * RFC 9457 extension members added to the problem document (e.g. a case's current state and the actions allowed
     * in it); empty by default. Values must serialize to JSON.
     */
    public java.util.Map<String, Object> extensions() {
        return java.util.Map.of();
    }
}
