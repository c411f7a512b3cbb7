package org.onewindow.service.config;

import java.util.Objects;

/**
 * A secret configuration value. Its {@link #toString()} never shows the value, so records holding it can be
 * logged safely; call {@link #reveal()} only where the value is handed to the library that needs it.
 */
public final class Secret {
    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The secret itself. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "[hidden]";
    }
}
