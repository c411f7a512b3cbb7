package org.onewindow.service.sign;

import org.onewindow.service.errors.UnprocessableException;

/** The requested PAdES level needs a service that is not configured (a TSA for B-T, revocation data for B-LT). */
public class LevelNotAvailableException extends UnprocessableException {
    public LevelNotAvailableException(String message) {
        super(message);
    }
}
