package org.onewindow.service.pki;

import org.onewindow.service.errors.ServiceUnavailableException;

/** Getting a time-stamp failed: the TSA is unreachable, rejected the request, or answered something invalid. */
public class TimeStampException extends ServiceUnavailableException {
    public TimeStampException(String message) {
        super(message);
    }

    public TimeStampException(String message, Throwable cause) {
        super(message, cause);
    }
}
