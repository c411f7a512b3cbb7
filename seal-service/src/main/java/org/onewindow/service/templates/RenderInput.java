package org.onewindow.service.templates;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What a caller supplies to render a document ({@code POST /api/templates/{id}/render}, {@code templates render
 * --data}). The service adds the verification id and the public URL itself.
 *
 * @param fields   field values by field name; dates as {@code 2026-11-25}, date-times as {@code 2026-11-25T10:30}
 * @param tables   rows of each repeating table, each row a map from column name to text
 * @param issuedAt the document date, e.g. {@code 2026-11-25T10:30:00+08:00}; now when absent. Shown in China
 *                 Standard Time (the date printed is the date in Beijing at that instant)
 */
public record RenderInput(Map<String, String> fields, Map<String, List<Map<String, String>>> tables,
                          OffsetDateTime issuedAt) {
}
