package org.onewindow.service.identity;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.onewindow.service.errors.UnprocessableException;

/**
 * A local user as stored at {@code identity/users/{userId}.json}.
 *
 * @param userId           login name: lower-case ASCII letters, digits, {@code . _ -}; 1–64 characters
 * @param displayName      the person's name (Chinese), shown in the console and the audit log
 * @param roles            the roles held (at least one)
 * @param department       the department a {@link Role#DEPARTMENT_APPROVER} decides for; {@code null} otherwise
 * @param disabled         a disabled user cannot log in; its sessions and tokens stop working at once
 * @param passwordHash     Argon2id PHC string
 * @param sessionsNotBefore sessions created before this instant are invalid (set on password change and disable)
 * @param createdAt        when the user was added
 * @param updatedAt        last change
 */
public record User(String userId, String displayName, Set<Role> roles, String department, boolean disabled,
                   String passwordHash, Instant sessionsNotBefore, Instant createdAt, Instant updatedAt) {
    private static final Pattern USER_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public User {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(displayName, "displayName");
        roles = roles == null || roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        sessionsNotBefore = sessionsNotBefore == null ? createdAt : sessionsNotBefore;
    }

    /** @throws UnprocessableException when {@code userId} is not a valid login name */
    public static String checkUserId(String userId) {
        if (userId == null || !USER_ID.matcher(userId).matches()) {
            throw new UnprocessableException("user id must be 1-64 characters of a-z, 0-9, '.', '_', '-', starting"
                    + " with a letter or digit");
        }
        return userId;
    }

    /**
     * Checks the role/department rule: at least one role; a department exactly when the user is a department
     * approver. Returns the department, trimmed.
     *
     * @throws UnprocessableException naming the rule broken
     */
    public static String checkRolesAndDepartment(Set<Role> roles, String department) {
        if (roles == null || roles.isEmpty()) {
            throw new UnprocessableException("a user needs at least one role");
        }
        String trimmed = department == null || department.isBlank() ? null : department.strip();
        if (roles.contains(Role.DEPARTMENT_APPROVER) && trimmed == null) {
            throw new UnprocessableException("a department approver must be bound to a department");
        }
        if (!roles.contains(Role.DEPARTMENT_APPROVER) && trimmed != null) {
            throw new UnprocessableException("only a department approver is bound to a department");
        }
        if (trimmed != null && trimmed.length() > 64) {
            throw new UnprocessableException("department name is longer than 64 characters");
        }
        return trimmed;
    }

    /** The principal this user acts as in a session (all roles). */
    public Principal principal(String via) {
        return new Principal(userId, displayName, roles, department, via);
    }

    User withPasswordHash(String hash, Instant now) {
        return new User(userId, displayName, roles, department, disabled, hash, now, createdAt, now);
    }

    User withRehashedPassword(String hash, Instant now) {
        return new User(userId, displayName, roles, department, disabled, hash, sessionsNotBefore, createdAt, now);
    }

    User withDisabled(boolean newDisabled, Instant now) {
        return new User(userId, displayName, roles, department, newDisabled, passwordHash,
                newDisabled ? now : sessionsNotBefore, createdAt, now);
    }

    User withRoles(Set<Role> newRoles, String newDepartment, Instant now) {
        return new User(userId, displayName, newRoles, newDepartment, disabled, passwordHash, sessionsNotBefore,
                createdAt, now);
    }

    User withDisplayName(String newDisplayName, Instant now) {
        return new User(userId, newDisplayName, roles, department, disabled, passwordHash, sessionsNotBefore,
                createdAt, now);
    }
}
