package org.onewindow.storage;

import java.util.Objects;

/** The condition under which a write may replace what is stored. */
public sealed interface WriteCondition {

    /** Always write. */
    record None() implements WriteCondition {
    }

    /** Write only when no object exists at the key (create-if-absent, S3 {@code If-None-Match: *}). */
    record IfAbsent() implements WriteCondition {
    }

    /** Write only when the current object has this version (S3 {@code If-Match}). */
    record IfVersionMatches(String version) implements WriteCondition {
        public IfVersionMatches {
            Objects.requireNonNull(version, "version");
            if (version.isBlank()) {
                throw new IllegalArgumentException("version must not be blank");
            }
        }
    }

    static WriteCondition none() {
        return new None();
    }

    static WriteCondition ifAbsent() {
        return new IfAbsent();
    }

    static WriteCondition ifVersionMatches(String version) {
        return new IfVersionMatches(version);
    }
}
