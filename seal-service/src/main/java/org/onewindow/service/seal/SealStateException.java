package org.onewindow.service.seal;

import org.onewindow.service.errors.ConflictException;

/** HTTP 409: the seal's status does not allow this (e.g. resuming an active seal, rotating a revoked one). */
public class SealStateException extends ConflictException {
    public SealStateException(String message) {
        super(message);
    }
}
