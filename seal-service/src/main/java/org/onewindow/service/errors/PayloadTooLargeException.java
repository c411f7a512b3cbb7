package org.onewindow.service.errors;

/** HTTP 413: Payload too large. */
public class PayloadTooLargeException extends OnewindowException {
    public PayloadTooLargeException(String message) {
        super(message);
    }

    public PayloadTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 413;
    }

    @Override
    public String title() {
        return "Payload too large";
    }

    @Override
    public String type() {
        return "payload-too-large";
    }
}
