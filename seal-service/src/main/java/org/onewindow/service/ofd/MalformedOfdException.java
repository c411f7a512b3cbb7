package org.onewindow.service.ofd;

import org.onewindow.service.errors.UnprocessableException;

/** Not an OFD package, a damaged one, or one over the reading bounds (HTTP 422). */
public class MalformedOfdException extends UnprocessableException {
    public MalformedOfdException(String message) {
        super(message);
    }

    public MalformedOfdException(String message, Throwable cause) {
        super(message, cause);
    }
}
