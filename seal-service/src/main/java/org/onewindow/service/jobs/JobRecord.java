package org.onewindow.service.jobs;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What is known about a background job; kept in memory while the service runs and written to
 * {@code jobs/{id}.json} on every state change (and now and then during progress).
 *
 * @param id         random UUID
 * @param kind       what the job does, e.g. {@code ocr}
 * @param state      where it is
 * @param pagesDone  pages finished
 * @param pagesTotal pages to do (0 when unknown)
 * @param error      why it failed, for the caller (no internals); {@code null} unless failed
 * @param result     small string results (e.g. storage keys) once it succeeded
 * @param createdAt  when it was submitted
 * @param updatedAt  last change
 */
public record JobRecord(String id, String kind, JobState state, int pagesDone, int pagesTotal, String error,
                        Map<String, String> result, Instant createdAt, Instant updatedAt) {
    public JobRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        result = result == null ? Map.of() : Map.copyOf(result);
    }

    JobRecord with(JobState newState, int done, int total, String newError, Map<String, String> newResult, Instant now) {
        return new JobRecord(id, kind, newState, done, total, newError, newResult, createdAt, now);
    }
}
