package org.onewindow.service.identity;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import org.onewindow.service.errors.BadRequestException;
import org.onewindow.service.errors.UnprocessableException;
import org.onewindow.service.web.Access;
import org.onewindow.service.web.Principals;
import org.onewindow.service.web.RequestBodies;
import org.onewindow.service.web.RequestIds;
import org.onewindow.service.web.Route;
import org.onewindow.service.web.RouteProvider;

/** Login, logout, the current user, own API tokens, and the user administration API. */
public final class IdentityRoutes implements RouteProvider {
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private final IdentityService identity;
    private final RequestBodies bodies;
    private final boolean secureCookie;
    private final String publicOrigin;
    private final SecureRandom random;

    /**
     * @param publicUrl the service's public URL: the session cookie is marked Secure when it is https
     */
    public IdentityRoutes(IdentityService identity, RequestBodies bodies, URI publicUrl, SecureRandom random) {
        this.identity = identity;
        this.bodies = bodies;
        this.secureCookie = "https".equalsIgnoreCase(publicUrl.getScheme());
        this.publicOrigin = publicUrl.getScheme() + "://" + publicUrl.getRawAuthority();
        this.random = random;
    }

    /** Login by JSON. */
    public record LoginRequest(String userId, String password) {
    }

    public record PasswordChange(String currentPassword, String newPassword) {
    }

    public record TokenRequest(String name, List<Role> roles, Instant expiresAt) {
    }

    public record NewUser(String userId, String displayName, List<Role> roles, String department, String password) {
    }

    public record RolesChange(List<Role> roles, String department) {
    }

    public record PasswordReset(String password) {
    }

    @Override
    public List<Route> routes() {
        Access admin = Access.anyOf(Role.SYSTEM_ADMIN);
        return List.of(
                new Route(HandlerType.POST, "/api/auth/login", "Log in with user id and password (JSON or form);"
                        + " sets the session cookie and returns the CSRF token", Access.publicAccess(), this::login),
                new Route(HandlerType.POST, "/api/auth/logout", "End the current session", Access.authenticated(),
                        this::logout),
                new Route(HandlerType.GET, "/api/auth/me", "The current user, roles, department and CSRF token",
                        Access.authenticated(), this::me),
                new Route(HandlerType.POST, "/api/auth/password", "Change the own password (ends other sessions)",
                        Access.authenticated(), this::changePassword),
                new Route(HandlerType.GET, "/api/auth/tokens", "The own API tokens (never the secrets)",
                        Access.authenticated(), this::ownTokens),
                new Route(HandlerType.POST, "/api/auth/tokens", "Create an own API token, scoped to some of the own"
                        + " roles; the token is shown once", Access.authenticated(), this::createOwnToken),
                new Route(HandlerType.DELETE, "/api/auth/tokens/{tokenId}", "Revoke an own API token",
                        Access.authenticated(), this::revokeToken),
                new Route(HandlerType.GET, "/api/admin/users", "List users", admin, this::listUsers),
                new Route(HandlerType.POST, "/api/admin/users", "Add a user (a password is generated when none is"
                        + " given, and shown once)", admin, this::addUser),
                new Route(HandlerType.GET, "/api/admin/users/{userId}", "One user", admin, this::getUser),
                new Route(HandlerType.POST, "/api/admin/users/{userId}/disable", "Disable a user (ends its sessions,"
                        + " stops its tokens)", admin, ctx -> setDisabled(ctx, true)),
                new Route(HandlerType.POST, "/api/admin/users/{userId}/enable", "Enable a user again", admin,
                        ctx -> setDisabled(ctx, false)),
                new Route(HandlerType.PUT, "/api/admin/users/{userId}/roles", "Set a user's roles and department",
                        admin, this::setRoles),
                new Route(HandlerType.POST, "/api/admin/users/{userId}/password", "Reset a user's password (generated"
                        + " when none is given, and shown once)", admin, this::resetPassword),
                new Route(HandlerType.GET, "/api/admin/users/{userId}/tokens", "A user's API tokens", admin,
                        this::userTokens),
                new Route(HandlerType.POST, "/api/admin/users/{userId}/tokens", "Create an API token for a user",
                        admin, this::createUserToken),
                new Route(HandlerType.DELETE, "/api/admin/tokens/{tokenId}", "Revoke any API token", admin,
                        this::revokeToken));
    }

    // ------------------------------------------------------------------ session

    private void login(Context ctx) {
        String userId;
        String password;
        String next = null;
        if (IdentityAuthenticator.isUrlEncodedForm(ctx.contentType())) {
            refuseCrossSiteForm(ctx);
            userId = ctx.formParam("userId") != null ? ctx.formParam("userId") : ctx.formParam("username");
            password = ctx.formParam("password");
            next = ctx.formParam("next");
        } else {
            LoginRequest request = bodies.json(ctx, LoginRequest.class);
            userId = request.userId();
            password = request.password();
        }
        IdentityService.LoginResult result;
        try {
            result = identity.login(userId, password, ctx.ip(), RequestIds.of(ctx));
        } catch (IdentityService.LoginThrottledException e) {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            throw e;
        }
        ctx.cookie(sessionCookie(result.session().sessionId(), -1));
        if (next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\")) {
            ctx.redirect(next, io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        Map<String, Object> body = userView(result.user());
        body.put("csrfToken", result.session().session().csrfToken());
        body.put("expiresAt", result.session().session().expiresAt().toString());
        ctx.json(body);
    }

    /**
     * A plain HTML form can be posted from any site (login CSRF: logging the victim into the attacker's account);
     * JSON cannot without a CORS preflight. Browsers send Origin with form posts: it must be this service.
     */
    private void refuseCrossSiteForm(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        String host = ctx.header("Host");
        boolean same = origin.equalsIgnoreCase(publicOrigin)
                || (host != null && (origin.equalsIgnoreCase("http://" + host)
                || origin.equalsIgnoreCase("https://" + host)));
        if (!same) {
            throw new org.onewindow.service.errors.ForbiddenException("login form posted from another site ("
                    + origin + ")");
        }
    }

    private void logout(Context ctx) {
        IdentityService.SessionPrincipal session = ctx.attribute(IdentityAuthenticator.SESSION_ATTRIBUTE);
        if (session != null) {
            identity.logout(session.session().sessionId(), actor(ctx));
        }
        ctx.cookie(sessionCookie("", 0));
        ctx.status(204);
    }

    private void me(Context ctx) {
        Principal principal = Principals.require(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", principal.userId());
        body.put("displayName", principal.displayName());
        body.put("roles", roleViews(principal.roles()));
        body.put("department", principal.department());
        body.put("via", principal.via());
        IdentityService.SessionPrincipal session = ctx.attribute(IdentityAuthenticator.SESSION_ATTRIBUTE);
        body.put("csrfToken", session == null ? null : session.session().session().csrfToken());
        ctx.json(body);
    }

    private void changePassword(Context ctx) {
        PasswordChange change = bodies.json(ctx, PasswordChange.class);
        identity.changeOwnPassword(actor(ctx), change.currentPassword(), change.newPassword());
        ctx.status(204);
    }

    private Cookie sessionCookie(String value, int maxAge) {
        return new Cookie(IdentityAuthenticator.SESSION_COOKIE, value, "/", maxAge, secureCookie, 0, true, null, null,
                SameSite.STRICT);
    }

    // ------------------------------------------------------------------ tokens

    private void ownTokens(Context ctx) {
        Principal me = Principals.require(ctx);
        ctx.json(Map.of("tokens", identity.listTokens(actor(ctx), me.userId()).stream().map(ApiToken::toView)
                .toList()));
    }

    private void createOwnToken(Context ctx) {
        createToken(ctx, Principals.require(ctx).userId());
    }

    private void createUserToken(Context ctx) {
        createToken(ctx, ctx.pathParam("userId"));
    }

    private void createToken(Context ctx, String userId) {
        TokenRequest request = bodies.json(ctx, TokenRequest.class);
        TokenStore.Created created = identity.createToken(actor(ctx), userId, request.name(),
                roles(request.roles(), true), request.expiresAt());
        Map<String, Object> body = new LinkedHashMap<>(created.record().toView());
        body.put("token", created.token());
        ctx.status(201).json(body);
    }

    private void revokeToken(Context ctx) {
        ctx.json(identity.revokeToken(actor(ctx), ctx.pathParam("tokenId")).toView());
    }

    private void userTokens(Context ctx) {
        ctx.json(Map.of("tokens", identity.listTokens(actor(ctx), ctx.pathParam("userId")).stream()
                .map(ApiToken::toView).toList()));
    }

    // ------------------------------------------------------------------ admin

    private void listUsers(Context ctx) {
        ctx.json(Map.of("users", identity.listUsers().stream().map(IdentityRoutes::userView).toList()));
    }

    private void getUser(Context ctx) {
        ctx.json(userView(identity.getUser(ctx.pathParam("userId"))));
    }

    private void addUser(Context ctx) {
        NewUser request = bodies.json(ctx, NewUser.class);
        boolean generated = request.password() == null || request.password().isEmpty();
        String password = generated ? generatePassword() : request.password();
        User user = identity.addUser(actor(ctx), request.userId(), request.displayName(),
                roles(request.roles(), false), request.department(), password);
        Map<String, Object> body = userView(user);
        if (generated) {
            body.put("password", password);
        }
        ctx.status(201).json(body);
    }

    private void setDisabled(Context ctx, boolean disabled) {
        ctx.json(userView(identity.setDisabled(actor(ctx), ctx.pathParam("userId"), disabled)));
    }

    private void setRoles(Context ctx) {
        RolesChange change = bodies.json(ctx, RolesChange.class);
        ctx.json(userView(identity.setRoles(actor(ctx), ctx.pathParam("userId"), roles(change.roles(), false),
                change.department())));
    }

    private void resetPassword(Context ctx) {
        String given = null;
        if (ctx.contentLength() > 0) {
            given = bodies.json(ctx, PasswordReset.class).password();
        }
        boolean generated = given == null || given.isEmpty();
        String password = generated ? generatePassword() : given;
        User user = identity.resetPassword(actor(ctx), ctx.pathParam("userId"), password);
        Map<String, Object> body = userView(user);
        if (generated) {
            body.put("password", password);
        }
        ctx.json(body);
    }

    // ------------------------------------------------------------------ helpers

    static IdentityService.Actor actor(Context ctx) {
        return new IdentityService.Actor(Principals.require(ctx), RequestIds.of(ctx));
    }

    private static Set<Role> roles(List<Role> roles, boolean emptyAllowed) {
        if (roles == null || roles.isEmpty()) {
            if (emptyAllowed) {
                return Set.of();
            }
            throw new UnprocessableException("roles are required: one or more of " + List.of(Role.values()));
        }
        if (roles.contains(null)) {
            throw new BadRequestException("roles must not contain null");
        }
        return EnumSet.copyOf(roles);
    }

    /** The user as the API shows it (never the password hash). */
    static Map<String, Object> userView(User user) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("userId", user.userId());
        view.put("displayName", user.displayName());
        view.put("roles", roleViews(user.roles()));
        view.put("department", user.department());
        view.put("disabled", user.disabled());
        view.put("createdAt", user.createdAt().toString());
        view.put("updatedAt", user.updatedAt().toString());
        return view;
    }

    private static List<Map<String, String>> roleViews(Set<Role> roles) {
        List<Map<String, String>> views = new ArrayList<>();
        for (Role role : EnumSet.copyOf(roles.isEmpty() ? EnumSet.noneOf(Role.class) : roles)) {
            views.add(Map.of("role", role.name(), "name", role.chineseName()));
        }
        return views;
    }

    private String generatePassword() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
