package org.onewindow.service.audit;

import java.time.Instant;

/**
 * A filter over audit events; {@code null} members do not filter.
 *
 * @param caseId     events whose target is this case, or whose details carry {@code caseId}
 * @param documentId events whose target is this document, or whose details carry {@code documentId}
 * @param sealId     events whose target is this seal, or whose details carry {@code sealId}
 * @param actor      events by this user id
 * @param from       events at or after this time
 * @param to         events before this time
 * @param afterSeq   events after this seq (the page cursor; 0 for the start)
 * @param limit      at most this many events (1–1000)
 */
public record AuditQuery(String caseId, String documentId, String sealId, String actor, Instant from, Instant to,
                         long afterSeq, int limit) {
    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (afterSeq < 0) {
            throw new IllegalArgumentException("cursor must not be negative");
        }
    }

    public static AuditQuery all(int limit) {
        return new AuditQuery(null, null, null, null, null, null, 0, limit);
    }

    public AuditQuery after(long seq) {
        return new AuditQuery(caseId, documentId, sealId, actor, from, to, seq, limit);
    }

    boolean matches(AuditEvent event) {
        return about(event, "case", "caseId", caseId)
                && about(event, "document", "documentId", documentId)
                && about(event, "seal", "sealId", sealId)
                && (actor == null || actor.equals(event.actor()))
                && (from == null || !event.time().isBefore(from))
                && (to == null || event.time().isBefore(to));
    }

    private static boolean about(AuditEvent event, String type, String detailName, String id) {
        if (id == null) {
            return true;
        }
        AuditTarget target = event.target();
        return (target != null && target.type().equals(type) && target.id().equals(id))
                || id.equals(event.details().get(detailName));
    }
}
