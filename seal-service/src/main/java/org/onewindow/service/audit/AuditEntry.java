package org.onewindow.service.audit;

import java.util.Map;
import java.util.Objects;

import org.onewindow.service.identity.Principal;

/**
 * What a caller asks to record; {@link AuditLog#append} adds sequence number, time and hashes.
 *
 * @param actor     user id of who acted, or {@code anonymous}
 * @param role      the role the actor acted in (or the roles held, comma-separated), or {@code null}
 * @param action    dotted action name, e.g. {@code auth.login}, {@code user.disable}, {@code seal.apply}
 * @param target    what it was about, or {@code null}
 * @param outcome   granted, denied or failed
 * @param requestId the HTTP request id (or CLI run id), or {@code null}
 * @param details   further facts as text pairs (reason, client IP, case id of a document event ...)
 */
public record AuditEntry(String actor, String role, String action, AuditTarget target, AuditOutcome outcome,
                         String requestId, Map<String, String> details) {
    public static final String ANONYMOUS = "anonymous";

    public AuditEntry {
        actor = actor == null || actor.isBlank() ? ANONYMOUS : actor;
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        details = Map.copyOf(details == null ? Map.of() : details);
    }

    /** An entry for {@code principal} ({@code null} for anonymous), its roles listed in {@link #role()}. */
    public static AuditEntry of(Principal principal, String action, AuditTarget target, AuditOutcome outcome,
                                String requestId, Map<String, String> details) {
        if (principal == null) {
            return new AuditEntry(ANONYMOUS, null, action, target, outcome, requestId, details);
        }
        String roles = principal.roles().stream().map(Enum::name).sorted()
                .reduce((a, b) -> a + "," + b).orElse(null);
        return new AuditEntry(principal.userId(), roles, action, target, outcome, requestId, details);
    }
}
