package org.onewindow.service.audit;

import java.util.Objects;

/**
 * What an audited action was about.
 *
 * @param type e.g. {@code case}, {@code document}, {@code seal}, {@code user}, {@code token}, {@code route}
 * @param id   the target's id within its type
 */
public record AuditTarget(String type, String id) {
    public AuditTarget {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    public static AuditTarget of(String type, String id) {
        return new AuditTarget(type, id);
    }
}
