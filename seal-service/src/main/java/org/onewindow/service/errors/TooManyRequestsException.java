package org.onewindow.service.errors;

/** HTTP 429: Too many requests. */
public class TooManyRequestsException extends OnewindowException {
    public TooManyRequestsException(String message) {
        super(message);
    }

    public TooManyRequestsException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 429;
    }

    @Override
    public String title() {
        return "Too many requests";
    }

    @Override
    public String type() {
        return "too-many-requests";
    }
}
