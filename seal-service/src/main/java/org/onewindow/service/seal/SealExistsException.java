package org.onewindow.service.seal;

import org.onewindow.service.errors.ConflictException;

/** HTTP 409: a seal with this id exists already. */
public class SealExistsException extends ConflictException {
    public SealExistsException(String id) {
        super("a seal with id '" + id + "' exists already");
    }
}
