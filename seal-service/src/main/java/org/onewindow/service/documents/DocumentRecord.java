package org.onewindow.service.documents;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored document: its versions, oldest first. Version 1 is the upload; every sealing appends a version and never
 * touches the earlier ones (their PDFs are immutable objects addressed by their SHA-256).
 *
 * @param id       {@code doc-} and 20 hex digits
 * @param title    free text given at upload (may be empty)
 * @param caseId   the case the document belongs to, or {@code null}
 * @param versions at least one
 */
public record DocumentRecord(String id, String title, String caseId, List<Version> versions) {
    public DocumentRecord {
        Objects.requireNonNull(id, "id");
        title = title == null ? "" : title;
        versions = List.copyOf(versions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a document has at least one version");
        }
    }

    /** What a version is. */
    public enum Kind { ORIGINAL, SEALED }

    /**
     * One immutable PDF.
     *
     * @param n              1-based version number
     * @param sha256         hex SHA-256 of the PDF (also its object key)
     * @param idempotencyKey SHA-256 of the client's Idempotency-Key that produced it, or {@code null}
     * @param requestSha256  SHA-256 of the canonical seal request that produced it, or {@code null}
     */
    public record Version(int n, String sha256, long size, Instant createdAt, String createdBy, Kind kind,
                          SealInfo seal, String idempotencyKey, String requestSha256) {
    }

    /** How a sealed version was made (input and output SHA-256 as the sealer computed them). */
    public record SealInfo(String sealId, String level, String fieldName, String reason, String location,
                           String certification, String inputSha256, String outputSha256) {
    }

    public Version latest() {
        return versions.get(versions.size() - 1);
    }

    DocumentRecord withVersion(Version version) {
        List<Version> all = new java.util.ArrayList<>(versions);
        all.add(version);
        return new DocumentRecord(id, title, caseId, all);
    }
}
