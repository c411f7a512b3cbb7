package org.onewindow.service.intake;

import java.time.Instant;
import java.util.List;

/**
 * One upload of a material for a case: its originals, the normalized document and what was done. Stored as
 * {@code cases/{caseId}/materials/{materialCode}/{submissionId}/material.json}; a later upload of the same
 * material (e.g. a 副件 supplied after 容缺受理) is a new submission, the latest one counts.
 *
 * @param caseId         the case
 * @param materialCode   the catalogued material
 * @param submissionId   time-ordered id of this upload
 * @param createdAt      when it was accepted
 * @param originals      the uploaded files, in order, as stored
 * @param documentKey    the normalized PDF
 * @param documentSha256 its SHA-256
 * @param pages          its page count
 * @param conformance    PDF/A conformance of the normalized PDF, or {@code null}
 * @param actions        what normalization did (removed active content, assumed resolution, ...)
 * @param ocrJobId       the background job adding the text layer and previews, or {@code null}
 */
public record MaterialSubmission(String caseId, String materialCode, String submissionId, Instant createdAt,
                                 List<StoredOriginal> originals, String documentKey, String documentSha256,
                                 int pages, String conformance, List<String> actions, String ocrJobId) {
    public MaterialSubmission {
        originals = List.copyOf(originals);
        actions = List.copyOf(actions);
    }
}
