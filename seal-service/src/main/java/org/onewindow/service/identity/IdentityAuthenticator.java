package org.onewindow.service.identity;

import java.util.Locale;
import java.util.Optional;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.onewindow.service.errors.ForbiddenException;
import org.onewindow.service.errors.UnauthorizedException;
import org.onewindow.service.web.Authenticator;

/**
 * Authenticates a request by API token ({@code Authorization: Bearer ow_...}) or by session cookie, in that order.
 * Cookie-authenticated requests that change state (anything but GET, HEAD, OPTIONS) must carry the session's CSRF
 * token in {@code X-CSRF-Token} (or, for an urlencoded form, the {@code _csrf} field); token-authenticated requests
 * need none, since browsers never attach a bearer token by themselves. OIDC would be one more branch here.
 */
public final class IdentityAuthenticator implements Authenticator {
    public static final String SESSION_COOKIE = "ow_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FORM_FIELD = "_csrf";
    /** Request attribute holding the {@link IdentityService.SessionPrincipal} of a cookie-authenticated request. */
    public static final String SESSION_ATTRIBUTE = "onewindow.session";

    private final IdentityService identity;

    public IdentityAuthenticator(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public Optional<Principal> authenticate(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw new UnauthorizedException("unsupported Authorization scheme: use 'Bearer <API token>'");
            }
            return Optional.of(identity.resolveToken(authorization.substring(7).strip())
                    .orElseThrow(() -> new UnauthorizedException("the API token is unknown, revoked or expired")));
        }
        String sessionId = ctx.cookie(SESSION_COOKIE);
        if (sessionId == null) {
            return Optional.empty();
        }
        Optional<IdentityService.SessionPrincipal> session = identity.resolveSession(sessionId);
        if (session.isEmpty()) {
            return Optional.empty(); // stale cookie: as anonymous (the route answers 401)
        }
        if (changesState(ctx.method()) && !csrfTokenMatches(ctx, session.get().session().session().csrfToken())) {
            throw new ForbiddenException("missing or wrong CSRF token: send the csrfToken from /api/auth/me in the "
                    + CSRF_HEADER + " header");
        }
        ctx.attribute(SESSION_ATTRIBUTE, session.get());
        return Optional.of(session.get().principal());
    }

    private static boolean changesState(HandlerType method) {
        return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
    }

    private static boolean csrfTokenMatches(Context ctx, String expected) {
        String presented = ctx.header(CSRF_HEADER);
        if (presented == null && isUrlEncodedForm(ctx.contentType())) {
            presented = ctx.formParam(CSRF_FORM_FIELD);
        }
        return Secrets.constantTimeEquals(presented, expected);
    }

    static boolean isUrlEncodedForm(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(
                "application/x-www-form-urlencoded");
    }
}
