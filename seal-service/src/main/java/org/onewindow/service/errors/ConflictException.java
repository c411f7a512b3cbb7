package org.onewindow.service.errors;

/** HTTP 409: Conflict. */
public class ConflictException extends OnewindowException {
    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String title() {
        return "Conflict";
    }

    @Override
    public String type() {
        return "conflict";
    }
}
