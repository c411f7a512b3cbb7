package org.onewindow.service.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Errors and warnings collected while one signature is checked; the first error decides the sub-indication. */
final class Findings {
    final List<String> errors = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    private SubIndication first;

    void fail(SubIndication subIndication, String message) {
        if (first == null || rank(subIndication) > rank(first)) {
            first = subIndication;
        }
        errors.add(message);
    }

    void warn(String message) {
        warnings.add(message);
    }

    Optional<SubIndication> subIndication() {
        return Optional.ofNullable(first);
    }

    Indication indication() {
        return first == null ? Indication.TOTAL_PASSED : first.indication();
    }

    /** A failure outranks an indeterminate result (ETSI: TOTAL_FAILED when anything proves the signature bad). */
    private static int rank(SubIndication s) {
        return s.indication() == Indication.TOTAL_FAILED ? 1 : 0;
    }
}
