package org.onewindow.service.web;

import java.util.Optional;

import io.javalin.http.Context;
import org.onewindow.service.identity.Principal;

/**
 * Finds who sent a request (session cookie, API token; OIDC later). Returns empty for an anonymous request;
 * throws {@link org.onewindow.service.errors.UnauthorizedException} for presented but invalid credentials.
 */
@FunctionalInterface
public interface Authenticator {
    Optional<Principal> authenticate(Context ctx);

    /** Authenticates nobody: every non-public route answers 401. */
    static Authenticator nobody() {
        return ctx -> Optional.empty();
    }
}
