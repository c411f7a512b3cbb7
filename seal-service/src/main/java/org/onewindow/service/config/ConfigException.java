package org.onewindow.service.config;

/**
 * A configuration value that is missing, malformed or out of range. The message names the variable and the
 * allowed form, so the operator can fix it without reading code; {@code serve} prints it and exits 2.
 */
public final class ConfigException extends RuntimeException {
    private final String variable;

    public ConfigException(String variable, String message) {
        super(variable + ": " + message);
        this.variable = variable;
    }

    public ConfigException(String variable, String message, Throwable cause) {
        super(variable + ": " + message, cause);
        this.variable = variable;
    }

    /** The variable at fault, e.g. {@code ONEWINDOW_PORT}. */
    public String variable() {
        return variable;
    }
}
