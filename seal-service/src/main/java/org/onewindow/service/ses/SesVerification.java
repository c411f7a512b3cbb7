package org.onewindow.service.ses;

import java.util.List;

/**
 * The outcome of verifying a seal.
 *
 * @param seal     the parsed seal
 * @param failures every failed check with its reason (empty: valid)
 * @param notes    what was checked and how (e.g. which signed form matched, where revocation data came from)
 */
public record SesVerification(SesSeal seal, List<Finding> failures, List<String> notes) {
    public SesVerification {
        failures = List.copyOf(failures);
        notes = List.copyOf(notes);
    }

    /** One failed check. */
    public record Finding(SesFailure reason, String message) {
    }

    public boolean valid() {
        return failures.isEmpty();
    }

    /** Whether this reason is among the failures. */
    public boolean failed(SesFailure reason) {
        return failures.stream().anyMatch(f -> f.reason() == reason);
    }
}
