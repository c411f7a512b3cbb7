package org.onewindow.templates;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * A request after checking: display text for every field and built-in placeholder, and the table cells in column
 * order (sequence columns filled in).
 */
record ResolvedData(Map<String, String> values, Map<String, List<List<String>>> tables, String verificationId,
                    String verifyUrl, ZonedDateTime issuedAt) {

    String value(String name) {
        return values.get(name);
    }
}
