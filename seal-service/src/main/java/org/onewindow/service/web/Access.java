package org.onewindow.service.web;

import java.util.EnumSet;
import java.util.Set;

import org.onewindow.service.identity.Role;

/** Who may call a route. Every route declares one; there is no default. */
public sealed interface Access {

    /** Anyone, without logging in (health, version, public verification, login itself). */
    record Public() implements Access {
    }

    /** Any logged-in user, whatever the role. */
    record Authenticated() implements Access {
    }

    /** A logged-in user holding at least one of these roles. */
    record AnyRole(Set<Role> roles) implements Access {
        public AnyRole {
            if (roles.isEmpty()) {
                throw new IllegalArgumentException("AnyRole needs at least one role");
            }
            roles = Set.copyOf(roles);
        }
    }

    static Access publicAccess() {
        return new Public();
    }

    static Access authenticated() {
        return new Authenticated();
    }

    static Access anyOf(Role first, Role... more) {
        return new AnyRole(EnumSet.of(first, more));
    }

    /** Whether a principal holding {@code roles} passes (authentication itself is checked separately). */
    default boolean allows(Set<Role> roles) {
        if (this instanceof AnyRole anyRole) {
            return anyRole.roles().stream().anyMatch(roles::contains);
        }
        return true;
    }
}
