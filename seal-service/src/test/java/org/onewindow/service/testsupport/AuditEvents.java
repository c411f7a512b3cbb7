package org.onewindow.service.testsupport;

import java.util.Optional;

import org.onewindow.service.audit.AuditEvent;
import org.onewindow.service.audit.AuditLog;

/** Looks up audit events the way a test checks "this action was recorded for that object". */
public final class AuditEvents {
    private AuditEvents() {
    }

    /** The newest event with this action whose target is {@code targetId}; fails the test when there is none. */
    public static AuditEvent last(AuditLog log, String action, String targetId) {
        for (long i = log.head().seq(); i > 0; i--) {
            Optional<AuditEvent> event = log.read(i);
            if (event.isPresent() && event.get().action().equals(action) && event.get().target() != null
                    && targetId.equals(event.get().target().id())) {
                return event.get();
            }
        }
        throw new AssertionError("no audit event " + action + " for " + targetId);
    }
}
