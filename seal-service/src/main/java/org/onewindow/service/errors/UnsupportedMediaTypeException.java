package org.onewindow.service.errors;

/** HTTP 415: Unsupported media type. */
public class UnsupportedMediaTypeException extends OnewindowException {
    public UnsupportedMediaTypeException(String message) {
        super(message);
    }

    public UnsupportedMediaTypeException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 415;
    }

    @Override
    public String title() {
        return "Unsupported media type";
    }

    @Override
    public String type() {
        return "unsupported-media-type";
    }
}
