package org.onewindow.service.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.onewindow.service.audit.AuditEntry;
import org.onewindow.service.audit.AuditLog;
import org.onewindow.service.audit.AuditOutcome;
import org.onewindow.service.audit.AuditTarget;
import org.onewindow.service.errors.ForbiddenException;
import org.onewindow.service.errors.TooManyRequestsException;
import org.onewindow.service.errors.UnauthorizedException;
import org.onewindow.service.errors.UnprocessableException;

/**
 * Users, logins, sessions and API tokens, with every change and every login attempt written to the audit log.
 * The web routes ({@code IdentityRoutes}) and the CLI ({@code users ...}) are thin layers over this.
 */
public final class IdentityService {
    public static final int MIN_PASSWORD_LENGTH = 8;
    /** Audit actor for changes made from the command line. */
    public static final String CLI_ACTOR_PREFIX = "cli:";

    private final UserStore users;
    private final SessionStore sessions;
    private final TokenStore tokens;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final Clock clock;
    private final String dummyHash;

    /** Who acts and in which request, for the audit log. */
    public record Actor(Principal principal, String requestId) {
        public Actor {
            Objects.requireNonNull(principal, "principal");
        }

        /** The command line, acting as system administrator under the OS user's name. */
        public static Actor cli(String osUser, String runId) {
            return new Actor(new Principal(CLI_ACTOR_PREFIX + osUser, "命令行 " + osUser,
                    Set.of(Role.SYSTEM_ADMIN), null, "cli"), runId);
        }
    }

    /** A successful login: the new session and the user. */
    public record LoginResult(SessionStore.Found session, User user) {
    }

    /** A live session and the principal it stands for. */
    public record SessionPrincipal(SessionStore.Found session, Principal principal) {
    }

    public IdentityService(UserStore users, SessionStore sessions, TokenStore tokens, PasswordHasher hasher,
                           LoginThrottle throttle, AuditLog audit, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.tokens = tokens;
        this.hasher = hasher;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
        this.dummyHash = hasher.hash("not a password: equalizes the time of unknown-user logins");
    }

    public UserStore users() {
        return users;
    }

    public SessionStore sessions() {
        return sessions;
    }

    public TokenStore tokens() {
        return tokens;
    }

    public AuditLog audit() {
        return audit;
    }

    // ---------------------------------------------------------------- login

    /**
     * Checks a password login and opens a session.
     *
     * @throws TooManyRequestsException when the user id or the client address is locked out (the exception message
     *                                  says until when; {@link LoginThrottle.Refusal} has the retry delay)
     * @throws UnauthorizedException    for an unknown user, a wrong password or a disabled account (one message for
     *                                  the first two, so user ids cannot be probed)
     */
    public LoginResult login(String userId, String password, String clientIp, String requestId) {
        if (userId == null || userId.isBlank() || password == null || password.isEmpty()) {
            throw new UnprocessableException("user id and password are required");
        }
        String id = userId.strip().toLowerCase(java.util.Locale.ROOT);
        if (id.length() > 128) { // whatever was typed goes into the audit log: bound it
            id = id.substring(0, 128);
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("clientIp", String.valueOf(clientIp));
        AuditTarget target = AuditTarget.of("user", id);
        Optional<LoginThrottle.Refusal> refusal = throttle.check(id, clientIp);
        if (refusal.isPresent()) {
            details.put("reason", refusal.get().reason());
            details.put("lockedUntil", refusal.get().until().toString());
            audit.append(new AuditEntry(id, null, "auth.login", target, AuditOutcome.DENIED, requestId, details));
            throw new LoginThrottledException(refusal.get(), throttle.clock().instant());
        }
        Optional<Versioned<User>> found = validUserId(id) ? users.get(id) : Optional.empty();
        boolean passwordOk = hasher.verify(password, found.map(v -> v.value().passwordHash()).orElse(dummyHash));
        if (found.isEmpty() || !passwordOk) {
            throttle.recordFailure(id, clientIp);
            details.put("reason", found.isEmpty() ? "unknown user" : "wrong password");
            audit.append(new AuditEntry(id, null, "auth.login", target, AuditOutcome.FAILED, requestId, details));
            throw new UnauthorizedException("wrong user id or password");
        }
        User user = found.get().value();
        if (user.disabled()) {
            details.put("reason", "account disabled");
            audit.append(new AuditEntry(id, null, "auth.login", target, AuditOutcome.DENIED, requestId, details));
            throw new UnauthorizedException("this account is disabled");
        }
        throttle.recordSuccess(id);
        if (hasher.needsRehash(user.passwordHash())) {
            String rehashed = hasher.hash(password);
            user = users.update(id, u -> u.withRehashedPassword(rehashed, clock.instant()));
        }
        SessionStore.Found session = sessions.create(id, clientIp);
        audit.append(AuditEntry.of(user.principal("session"), "auth.login", target, AuditOutcome.GRANTED,
                requestId, details));
        return new LoginResult(session, user);
    }

    /** Thrown when login attempts are locked out: carries when to retry. */
    public static final class LoginThrottledException extends TooManyRequestsException {
        private final long retryAfterSeconds;

        LoginThrottledException(LoginThrottle.Refusal refusal, Instant now) {
            super(refusal.reason() + "; try again after " + refusal.until());
            this.retryAfterSeconds = refusal.retryAfterSeconds(now);
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    public void logout(String sessionId, Actor actor) {
        sessions.delete(sessionId);
        audit(actor, "auth.logout", AuditTarget.of("user", actor.principal().userId()), Map.of());
    }

    /** The principal of a live session, or empty (unknown, expired, user gone or disabled, password changed). */
    public Optional<SessionPrincipal> resolveSession(String sessionId) {
        Optional<SessionStore.Found> found = sessions.find(sessionId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Session session = found.get().session();
        Optional<Versioned<User>> user = validUserId(session.userId()) ? users.get(session.userId())
                : Optional.empty();
        if (user.isEmpty() || user.get().value().disabled()
                || session.createdAt().isBefore(user.get().value().sessionsNotBefore())) {
            sessions.delete(sessionId);
            return Optional.empty();
        }
        return Optional.of(new SessionPrincipal(found.get(), user.get().value().principal("session")));
    }

    /**
     * The principal of a presented API token: the user's identity with the token's roles that the user still
     * holds. Empty when the token is unknown, revoked or expired, or its user is gone or disabled.
     */
    public Optional<Principal> resolveToken(String token) {
        Optional<ApiToken> record = tokens.find(token);
        if (record.isEmpty() || !record.get().usable(clock.instant())) {
            return Optional.empty();
        }
        Optional<Versioned<User>> user = users.get(record.get().userId());
        if (user.isEmpty() || user.get().value().disabled()) {
            return Optional.empty();
        }
        User u = user.get().value();
        EnumSet<Role> effective = EnumSet.noneOf(Role.class);
        effective.addAll(record.get().roles());
        effective.retainAll(u.roles());
        return Optional.of(new Principal(u.userId(), u.displayName(), effective,
                effective.contains(Role.DEPARTMENT_APPROVER) ? u.department() : null, "token"));
    }

    // ---------------------------------------------------------------- users (admin)

    public List<User> listUsers() {
        return users.list();
    }

    public User getUser(String userId) {
        return users.require(User.checkUserId(userId));
    }

    public User addUser(Actor actor, String userId, String displayName, Set<Role> roles, String department,
                        String password) {
        User.checkUserId(userId);
        if (displayName == null || displayName.isBlank() || displayName.strip().length() > 64) {
            throw new UnprocessableException("display name is required (at most 64 characters)");
        }
        String dept = User.checkRolesAndDepartment(roles, department);
        checkPassword(password);
        Instant now = clock.instant();
        User user = new User(userId, displayName.strip(), roles, dept, false, hasher.hash(password), now, now, now);
        users.create(user);
        audit(actor, "user.add", AuditTarget.of("user", userId), userDetails(user));
        return user;
    }

    public User setDisabled(Actor actor, String userId, boolean disabled) {
        User.checkUserId(userId);
        if (disabled && userId.equals(actor.principal().userId())) {
            throw new UnprocessableException("you cannot disable your own account");
        }
        User user = users.update(userId, u -> u.withDisabled(disabled, clock.instant()));
        audit(actor, disabled ? "user.disable" : "user.enable", AuditTarget.of("user", userId), Map.of());
        return user;
    }

    public User setRoles(Actor actor, String userId, Set<Role> roles, String department) {
        User.checkUserId(userId);
        String dept = User.checkRolesAndDepartment(roles, department);
        if (userId.equals(actor.principal().userId()) && !roles.contains(Role.SYSTEM_ADMIN)
                && actor.principal().has(Role.SYSTEM_ADMIN)) {
            throw new UnprocessableException("you cannot remove your own system administrator role");
        }
        User user = users.update(userId, u -> u.withRoles(roles, dept, clock.instant()));
        audit(actor, "user.roles", AuditTarget.of("user", userId), userDetails(user));
        return user;
    }

    /** Sets a new password (admin); ends the user's sessions. */
    public User resetPassword(Actor actor, String userId, String newPassword) {
        User.checkUserId(userId);
        checkPassword(newPassword);
        String hash = hasher.hash(newPassword);
        User user = users.update(userId, u -> u.withPasswordHash(hash, clock.instant()));
        audit(actor, "user.password.reset", AuditTarget.of("user", userId), Map.of());
        return user;
    }

    /** Changes the actor's own password after checking the current one; ends the other sessions. */
    public void changeOwnPassword(Actor actor, String currentPassword, String newPassword) {
        String userId = actor.principal().userId();
        User user = users.require(userId);
        if (!hasher.verify(currentPassword, user.passwordHash())) {
            audit.append(AuditEntry.of(actor.principal(), "auth.password.change", AuditTarget.of("user", userId),
                    AuditOutcome.FAILED, actor.requestId(), Map.of("reason", "wrong current password")));
            throw new ForbiddenException("the current password is wrong");
        }
        checkPassword(newPassword);
        String hash = hasher.hash(newPassword);
        users.update(userId, u -> u.withPasswordHash(hash, clock.instant()));
        audit(actor, "auth.password.change", AuditTarget.of("user", userId), Map.of());
    }

    // ---------------------------------------------------------------- tokens

    /**
     * Makes an API token for {@code userId} carrying {@code roles} (all the user's roles when empty). Users make
     * their own; system administrators may make one for anybody.
     */
    public TokenStore.Created createToken(Actor actor, String userId, String name, Set<Role> roles,
                                          Instant expiresAt) {
        User.checkUserId(userId);
        requireSelfOrAdmin(actor, userId);
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new UnprocessableException("token name is required (at most 100 characters)");
        }
        User user = users.require(userId);
        Set<Role> scope = roles == null || roles.isEmpty() ? user.roles() : roles;
        if (!user.roles().containsAll(scope)) {
            EnumSet<Role> extra = EnumSet.copyOf(scope);
            extra.removeAll(user.roles());
            throw new UnprocessableException("the token cannot carry roles its user does not hold: " + extra);
        }
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw new UnprocessableException("expiry must be in the future");
        }
        TokenStore.Created created = tokens.create(userId, name.strip(), scope, expiresAt,
                actor.principal().userId());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("name", name.strip());
        details.put("roles", String.join(",", scope.stream().map(Enum::name).sorted().toList()));
        details.put("owner", userId);
        audit(actor, "token.create", AuditTarget.of("token", created.record().tokenId()), details);
        return created;
    }

    public ApiToken revokeToken(Actor actor, String tokenId) {
        ApiToken token = tokens.byId(tokenId);
        requireSelfOrAdmin(actor, token.userId());
        ApiToken revoked = tokens.revoke(tokenId, actor.principal().userId());
        audit(actor, "token.revoke", AuditTarget.of("token", tokenId), Map.of("owner", token.userId()));
        return revoked;
    }

    public List<ApiToken> listTokens(Actor actor, String userId) {
        requireSelfOrAdmin(actor, userId);
        return tokens.list(userId);
    }

    // ---------------------------------------------------------------- helpers

    private void requireSelfOrAdmin(Actor actor, String userId) {
        if (!actor.principal().userId().equals(userId) && !actor.principal().has(Role.SYSTEM_ADMIN)) {
            audit.append(AuditEntry.of(actor.principal(), "token.access", AuditTarget.of("user", userId),
                    AuditOutcome.DENIED, actor.requestId(), Map.of("reason", "not the owner")));
            throw new ForbiddenException("only the token's owner or a system administrator may do this");
        }
    }

    private static boolean validUserId(String id) {
        try {
            User.checkUserId(id);
            return true;
        } catch (UnprocessableException e) {
            return false;
        }
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new UnprocessableException("password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > PasswordHasher.MAX_PASSWORD_LENGTH) {
            throw new UnprocessableException("password is longer than " + PasswordHasher.MAX_PASSWORD_LENGTH
                    + " characters");
        }
    }

    private static Map<String, String> userDetails(User user) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("displayName", user.displayName());
        details.put("roles", String.join(",", user.roles().stream().map(Enum::name).sorted().toList()));
        if (user.department() != null) {
            details.put("department", user.department());
        }
        return details;
    }

    private void audit(Actor actor, String action, AuditTarget target, Map<String, String> details) {
        audit.append(AuditEntry.of(actor.principal(), action, target, AuditOutcome.GRANTED, actor.requestId(),
                details));
    }
}
