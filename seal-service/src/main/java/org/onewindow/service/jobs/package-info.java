/**
 * Background jobs: {@link org.onewindow.service.jobs.JobRunner} runs them on a bounded executor and keeps
 * {@code jobs/{id}.json} in the object store so that {@code GET /api/jobs/{id}} answers after a restart.
 */
package org.onewindow.service.jobs;
