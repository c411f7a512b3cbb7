package org.onewindow.service.errors;

import java.util.Objects;

/**
 * An error whose HTTP status depends on why it happened (e.g. an upload that is too large, of the wrong type, or
 * damaged): one exception type per feature, the {@link ProblemReason} carries the status.
 * Subclasses expose their own typed {@code reason()}.
 */
public abstract class ReasonedException extends OnewindowException {
    private final ProblemReason reason;

    protected ReasonedException(ProblemReason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    protected ReasonedException(ProblemReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The reason as given; subclasses return it typed. */
    protected ProblemReason problemReason() {
        return reason;
    }

    @Override
    public int status() {
        return reason.status();
    }

    @Override
    public String title() {
        return reason.title();
    }

    @Override
    public String type() {
        return reason.type();
    }
}
