package org.onewindow.service.issuance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What was handed out when a document was issued (统一出件), stored at {@code issued/{verificationId}.json} and
 * never changed afterwards. The public page shows it without {@link #documentId()}.
 *
 * @param verificationId    printed on the document and in its QR code; 20 base32 characters, unguessable
 * @param documentId        the stored document (internal; never shown publicly)
 * @param version           the document version handed out
 * @param sha256            hex SHA-256 of the bytes handed out
 * @param fileBytes         their size
 * @param issuedAt          when
 * @param issuedBy          user id of the clerk who issued it
 * @param issuerOrganization the organizations whose seals it carries, e.g. 敦煌市行政服务中心
 * @param signatures        the signatures it carries, in file order
 */
public record IssuedRecord(String verificationId, String documentId, int version, String sha256, long fileBytes,
                           Instant issuedAt, String issuedBy, String issuerOrganization,
                           List<SignatureSummary> signatures) {
    public IssuedRecord {
        Objects.requireNonNull(verificationId, "verificationId");
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(sha256, "sha256");
        signatures = signatures == null ? List.of() : List.copyOf(signatures);
    }

    /**
     * One signature of an issued document.
     *
     * @param signerOrganization O of the signing certificate
     * @param signerName         CN of the signing certificate (the seal's full name for our seals)
     * @param sealId             the registry seal it was made with, or {@code null} when not ours
     * @param sealKind           that seal's kind, or {@code null}
     * @param signingTime        the time-stamped time when present, else the claimed signing time
     * @param level              PAdES level reached, e.g. B-T
     */
    public record SignatureSummary(String signerOrganization, String signerName, String sealId, String sealKind,
                                   Instant signingTime, String level) {
    }
}
