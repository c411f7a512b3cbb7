package org.onewindow.service.errors;

/** HTTP 503: Service unavailable. */
public class ServiceUnavailableException extends OnewindowException {
    public ServiceUnavailableException(String message) {
        super(message);
    }

    public ServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public String title() {
        return "Service unavailable";
    }

    @Override
    public String type() {
        return "service-unavailable";
    }
}
