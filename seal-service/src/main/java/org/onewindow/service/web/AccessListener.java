package org.onewindow.service.web;

import io.javalin.http.Context;
import org.onewindow.service.errors.OnewindowException;
import org.onewindow.service.identity.Principal;

/**
 * Told about every request the access check refuses (401: no or invalid credentials, 403: wrong role or CSRF), just
 * before the refusal is answered. The audit log listens here so that denied attempts are recorded.
 */
@FunctionalInterface
public interface AccessListener {
    /**
     * @param principal who was refused, or {@code null} when nobody was authenticated
     * @param refusal   the exception that becomes the 401/403 problem
     */
    void denied(Context ctx, Route route, Principal principal, OnewindowException refusal);

    static AccessListener none() {
        return (ctx, route, principal, refusal) -> { };
    }
}
