package org.onewindow.service.pki;

import org.onewindow.service.errors.UnprocessableException;

/** Certificates or keys given for import cannot be used (unparseable, broken chain, not a CA). */
public class PkiImportException extends UnprocessableException {
    public PkiImportException(String message) {
        super(message);
    }

    public PkiImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
