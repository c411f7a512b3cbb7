package org.onewindow.service.seal;

import org.onewindow.service.errors.ForbiddenException;

/** HTTP 403: this principal may not apply this seal (wrong role, wrong department, seal not active). */
public class SealUseDeniedException extends ForbiddenException {
    public SealUseDeniedException(String message) {
        super(message);
    }
}
