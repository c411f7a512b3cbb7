package org.onewindow.service.errors;

/** HTTP 400: Bad request. */
public class BadRequestException extends OnewindowException {
    public BadRequestException(String message) {
        super(message);
    }

    public BadRequestException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String title() {
        return "Bad request";
    }

    @Override
    public String type() {
        return "validation";
    }
}
