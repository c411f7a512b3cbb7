package org.onewindow.service.errors;

/** One reason of a {@link ReasonedException}: it decides the HTTP status, title and problem type. */
public interface ProblemReason {
    int status();

    String title();

    String type();
}
