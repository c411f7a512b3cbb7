package org.onewindow.service.jobs;

/** Where a background job is. */
public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED;
    }
}
