package org.onewindow.service.intake;

import org.onewindow.service.jobs.JobRecord;

/**
 * A submission with what the background work has produced so far.
 *
 * @param submission    the stored submission
 * @param searchableKey the searchable PDF (with OCR text layer), or {@code null} while OCR has not finished
 * @param previewPages  pages whose previews exist
 * @param ocrJob        the OCR job's record, or {@code null} when unknown
 */
public record MaterialStatus(MaterialSubmission submission, String searchableKey, int previewPages, JobRecord ocrJob) {
}
