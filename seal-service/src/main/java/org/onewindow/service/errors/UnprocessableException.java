package org.onewindow.service.errors;

/** HTTP 422: Unprocessable content. */
public class UnprocessableException extends OnewindowException {
    public UnprocessableException(String message) {
        super(message);
    }

    public UnprocessableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 422;
    }

    @Override
    public String title() {
        return "Unprocessable content";
    }

    @Override
    public String type() {
        return "unprocessable";
    }
}
