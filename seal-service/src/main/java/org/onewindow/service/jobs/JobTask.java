package org.onewindow.service.jobs;

import java.util.Map;

/** The work of a background job. */
@FunctionalInterface
public interface JobTask {
    /**
     * Does the work, reporting page progress.
     *
     * @return small string results recorded with the job
     */
    Map<String, String> run(JobProgress progress) throws Exception;

    /** Receives page progress; may be called from several threads. */
    @FunctionalInterface
    interface JobProgress {
        void pages(int done, int total);
    }
}
