package org.onewindow.templates;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * The data for one document.
 *
 * @param fields         field values by field name (see {@link FieldSpec}); dates as ISO {@code 2026-11-25}
 * @param tables         rows of each repeating table, each row a map from column name to text
 * @param verificationId the id printed on every page and encoded in the QR code
 *                       ({@code [A-Za-z0-9][A-Za-z0-9-]{5,63}})
 * @param publicUrl      base URL of the public verification page; the QR code holds
 *                       {@code publicUrl + "/verify/" + verificationId}
 * @param issuedAt       the issuing time: shown as the document date ({@code {issuedAt}}) and written as the PDF's
 *                       creation and modification date, so the same request gives the same bytes
 */
public record RenderRequest(Map<String, String> fields, Map<String, List<Map<String, String>>> tables,
                            String verificationId, String publicUrl, ZonedDateTime issuedAt) {
    public RenderRequest {
        fields = fields == null ? Map.of() : fields;
        tables = tables == null ? Map.of() : tables;
    }
}
