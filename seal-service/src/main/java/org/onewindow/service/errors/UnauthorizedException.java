package org.onewindow.service.errors;

/** HTTP 401: Authentication required. */
public class UnauthorizedException extends OnewindowException {
    public UnauthorizedException(String message) {
        super(message);
    }

    public UnauthorizedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 401;
    }

    @Override
    public String title() {
        return "Authentication required";
    }

    @Override
    public String type() {
        return "unauthorized";
    }
}
