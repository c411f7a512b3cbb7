package org.onewindow.service.web;

import java.util.Optional;

import io.javalin.http.Context;
import org.onewindow.service.errors.UnauthorizedException;
import org.onewindow.service.identity.Principal;

/** The principal the web layer authenticated for a request (set before a non-public route's handler runs). */
public final class Principals {
    static final String ATTRIBUTE = "onewindow.principal";

    private Principals() {
    }

    /** The authenticated principal, or empty on a public route called anonymously. */
    public static Optional<Principal> current(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
    }

    /** The authenticated principal; on a non-public route it is always there. */
    public static Principal require(Context ctx) {
        return current(ctx).orElseThrow(() -> new UnauthorizedException("authentication required"));
    }
}
