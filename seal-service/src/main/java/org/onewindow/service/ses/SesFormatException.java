package org.onewindow.service.ses;

import org.onewindow.service.errors.UnprocessableException;

/** The bytes are not an electronic seal (GM/T 0031 v1, GB/T 38540 v4 or the v5 layout), or a field is malformed. */
public class SesFormatException extends UnprocessableException {
    public SesFormatException(String message) {
        super(message);
    }

    public SesFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
