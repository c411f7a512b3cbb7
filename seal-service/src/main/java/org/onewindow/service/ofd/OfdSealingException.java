package org.onewindow.service.ofd;

import org.onewindow.service.errors.ConflictException;

/**
 * The document cannot take another seal: a previous seal protects {@code Signatures.xml} (the document was closed
 * for further seals), or sealing failed in a way the caller can act on (HTTP 409).
 */
public class OfdSealingException extends ConflictException {
    public OfdSealingException(String message) {
        super(message);
    }

    public OfdSealingException(String message, Throwable cause) {
        super(message, cause);
    }
}
