package org.onewindow.service.identity;

import java.time.Instant;

/**
 * A browser session as stored at {@code identity/sessions/{sha256(sessionId)}.json}. The session id itself is
 * never stored, so reading the store does not let anyone take over a session.
 *
 * @param userId     who logged in
 * @param csrfToken  the synchronizer token that state-changing requests must echo in {@code X-CSRF-Token}
 * @param createdAt  login time
 * @param lastSeenAt last activity (refreshed at most once a minute)
 * @param expiresAt  absolute end, whatever the activity
 * @param clientIp   address at login (for the audit log and the user's overview)
 */
public record Session(String userId, String csrfToken, Instant createdAt, Instant lastSeenAt, Instant expiresAt,
                      String clientIp) {
    Session seen(Instant now) {
        return new Session(userId, csrfToken, createdAt, now, expiresAt, clientIp);
    }
}
