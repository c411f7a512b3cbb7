package org.onewindow.service.errors;

/** HTTP 403: Forbidden. */
public class ForbiddenException extends OnewindowException {
    public ForbiddenException(String message) {
        super(message);
    }

    public ForbiddenException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 403;
    }

    @Override
    public String title() {
        return "Forbidden";
    }

    @Override
    public String type() {
        return "forbidden";
    }
}
