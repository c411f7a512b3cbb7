package org.onewindow.service.identity;

import java.util.Objects;
import java.util.Set;

/**
 * Who is acting in a request.
 *
 * @param userId      the stable user id (login name)
 * @param displayName the person's name as shown in the console and the audit log
 * @param roles       the roles this principal may use in this request (an API token may carry fewer than its user)
 * @param department  the department a {@link Role#DEPARTMENT_APPROVER} belongs to, or {@code null}
 * @param via         how it authenticated: {@code "session"}, {@code "token"}, ...
 */
public record Principal(String userId, String displayName, Set<Role> roles, String department, String via) {
    public Principal {
        Objects.requireNonNull(userId, "userId");
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
