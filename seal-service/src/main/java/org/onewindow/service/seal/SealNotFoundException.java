package org.onewindow.service.seal;

import org.onewindow.service.errors.NotFoundException;

/** HTTP 404: no seal with this id. */
public class SealNotFoundException extends NotFoundException {
    public SealNotFoundException(String id) {
        super("no seal '" + id + "'");
    }
}
