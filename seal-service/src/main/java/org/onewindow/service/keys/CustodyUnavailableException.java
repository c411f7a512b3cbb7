package org.onewindow.service.keys;

import org.onewindow.service.errors.ServiceUnavailableException;

/** The custody cannot work: a missing secret, a wrong storage passphrase, an unreachable token or a failing store. */
public class CustodyUnavailableException extends ServiceUnavailableException {
    public CustodyUnavailableException(String message) {
        super(message);
    }

    public CustodyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
