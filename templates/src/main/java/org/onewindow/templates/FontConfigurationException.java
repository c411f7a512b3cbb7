package org.onewindow.templates;

/** A configured font file is missing or unreadable; the message names the file and the Debian package providing it. */
public final class FontConfigurationException extends RuntimeException {
    public FontConfigurationException(String message) {
        super(message);
    }

    public FontConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
