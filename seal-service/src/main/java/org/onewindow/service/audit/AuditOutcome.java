package org.onewindow.service.audit;

import java.util.Locale;

/** How an audited attempt ended. */
public enum AuditOutcome {
    /** The action was allowed and done. */
    GRANTED,
    /** The action was refused: not authenticated, wrong role, wrong department, locked out. */
    DENIED,
    /** The action was allowed but did not succeed (bad input, wrong password, storage error). */
    FAILED;

    /** The lower-case form stored in events and accepted in queries. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AuditOutcome fromWire(String value) {
        for (AuditOutcome outcome : values()) {
            if (outcome.wireName().equals(value)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("unknown audit outcome '" + value + "'");
    }
}
