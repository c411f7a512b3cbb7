package org.onewindow.service.verify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The verdict on one PDF: one entry per signature and document time-stamp, and an overall result.
 * Plain records, serializable with Jackson (with the JSR-310 module for the instants).
 *
 * @param indication    overall: TOTAL_PASSED only when every signature passed and the last revision is covered
 * @param subIndication why, when not passed (the first problem found)
 * @param summary       plain Chinese for people, e.g. 「文件完整，未被篡改；共2个签章，均有效：…」
 * @param fileBytes     size of the verified file
 * @param sha256        hex SHA-256 of the verified file
 * @param revisions     number of revisions (incremental updates + 1)
 * @param documentProblems problems of the file as a whole (truncated, damaged cross-reference table)
 * @param signatures    signatures and document time-stamps in file order
 */
public record VerificationReport(Indication indication, Optional<SubIndication> subIndication, String summary,
                                 long fileBytes, String sha256, int revisions, List<String> documentProblems,
                                 List<SignatureReport> signatures) {

    public boolean passed() {
        return indication == Indication.TOTAL_PASSED;
    }

    /** One signature (or document time-stamp) and what the verifier found. */
    public record SignatureReport(
            String fieldName,
            Kind kind,
            Indication indication,
            Optional<SubIndication> subIndication,
            List<String> errors,
            List<String> warnings,
            String subFilter,
            Optional<String> signerSubject,
            Optional<String> signerOrganization,
            Optional<CertificateInfo> signingCertificate,
            Optional<Instant> claimedSigningTime,
            Optional<TimeStampInfo> timeStamp,
            Optional<String> padesLevel,
            boolean digestIntact,
            boolean signatureValueValid,
            boolean chainTrusted,
            RevocationCheck revocation,
            List<Long> byteRange,
            int revision,
            boolean coversWholeFile,
            List<Change> changesAfter) {
    }

    public enum Kind { SIGNATURE, DOCUMENT_TIMESTAMP }

    /** A certificate as people and machines identify it. */
    public record CertificateInfo(String subject, String issuer, String serialHex, String sha256,
                                  Instant notBefore, Instant notAfter, String pem) {
    }

    /**
     * A signature time-stamp (or the token of a document time-stamp).
     *
     * @param imprintMatches the token's message imprint is the digest of the signature value (or signed bytes)
     * @param valid          imprint matches, token signature verifies and the TSA chains to a trust anchor
     */
    public record TimeStampInfo(Instant time, String tsaSubject, boolean imprintMatches, boolean valid,
                                List<String> problems) {
    }

    /** Revocation status of the signing certificate's chain from the embedded CRLs/OCSP responses. */
    public record RevocationCheck(Status status, Optional<Instant> revokedAt, Optional<String> source,
                                  List<String> notes) {
        public enum Status { GOOD, REVOKED, NO_DATA, NOT_CHECKED }
    }

    /** One difference between the signed revision and the final file. */
    public record Change(ChangeType type, boolean allowed, String description) {
    }

    public enum ChangeType {
        PAGES_ADDED_OR_REMOVED,
        /** The catalog's /Pages points at another page tree than the signed one. */
        PAGES_REPLACED,
        PAGE_CHANGED,
        ANNOTATION_ADDED,
        ANNOTATION_CHANGED,
        ANNOTATION_REMOVED,
        SIGNATURE_FIELD_ADDED_OR_SIGNED,
        FORM_FIELD_CHANGED,
        CATALOG_CHANGED,
        DSS_ADDED_OR_CHANGED
    }
}
