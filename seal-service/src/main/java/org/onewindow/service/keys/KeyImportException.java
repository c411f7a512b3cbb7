package org.onewindow.service.keys;

import org.onewindow.service.errors.UnprocessableException;

/** Key material given for import cannot be used: wrong passphrase, corrupt file, no private key, unsupported key type. The message never contains key material or passphrases. */
public class KeyImportException extends UnprocessableException {
    public KeyImportException(String message) {
        super(message);
    }

    public KeyImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
