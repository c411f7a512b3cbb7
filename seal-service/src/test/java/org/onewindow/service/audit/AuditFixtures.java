package org.onewindow.service.audit;

import java.util.Map;

/** Entries for tests. */
final class AuditFixtures {
    private AuditFixtures() {
    }

    static AuditEntry entry(int i) {
        return new AuditEntry("clerk", "WINDOW_CLERK", "case.open", AuditTarget.of("case", "C-" + i),
                AuditOutcome.GRANTED, "req-" + i, Map.of("note", "第" + i + "件"));
    }
}
