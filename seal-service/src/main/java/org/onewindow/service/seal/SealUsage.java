package org.onewindow.service.seal;

import java.util.Set;
import java.util.TreeSet;

import org.onewindow.service.identity.Role;

/**
 * Who may apply a seal: anyone holding one of {@code roles} (for a department seal: only in its department), and
 * the users named in {@code userIds}. {@link Role#SEAL_ADMIN} manages seals and is never a using role.
 */
public record SealUsage(Set<Role> roles, Set<String> userIds) {
    public SealUsage {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        userIds = userIds == null ? Set.of() : Set.copyOf(new TreeSet<>(userIds));
        if (roles.contains(Role.SEAL_ADMIN)) {
            throw new IllegalArgumentException("SEAL_ADMIN manages seals and may not apply them");
        }
    }

    /** The default of a kind: its roles, no named users. */
    public static SealUsage defaultFor(SealKind kind) {
        return new SealUsage(kind.defaultRoles(), Set.of());
    }
}
