package org.onewindow.service.identity;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An API token as stored at {@code identity/tokens/{sha256(token)}.json}; the token itself is shown once at
 * creation and never stored.
 *
 * @param tokenId   public id (first 16 hex digits of the hash): how it is listed and revoked
 * @param userId    whose token it is
 * @param name      what it is for
 * @param roles     the roles it may use: a subset of the user's roles (and only those the user still holds)
 * @param createdAt when it was made
 * @param createdBy who made it (the user or an admin)
 * @param expiresAt when it stops working, or {@code null} for never
 * @param revokedAt when it was revoked, or {@code null}
 * @param revokedBy who revoked it, or {@code null}
 */
public record ApiToken(String tokenId, String userId, String name, Set<Role> roles, Instant createdAt,
                       String createdBy, Instant expiresAt, Instant revokedAt, String revokedBy) {
    public ApiToken {
        roles = roles == null || roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public boolean usable(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    ApiToken revoked(Instant now, String by) {
        return new ApiToken(tokenId, userId, name, roles, createdAt, createdBy, expiresAt, now, by);
    }

    /** A JSON view for the API (never contains the token). */
    public Map<String, Object> toView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("tokenId", tokenId);
        view.put("userId", userId);
        view.put("name", name);
        view.put("roles", roles.stream().map(Enum::name).sorted().toList());
        view.put("createdAt", createdAt.toString());
        view.put("createdBy", createdBy);
        view.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
        view.put("revokedAt", revokedAt == null ? null : revokedAt.toString());
        view.put("revokedBy", revokedBy);
        return view;
    }
}
