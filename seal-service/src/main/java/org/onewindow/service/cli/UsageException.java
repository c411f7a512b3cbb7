package org.onewindow.service.cli;

/** Wrong command-line arguments: the dispatcher prints the message and the command's usage, and exits 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
