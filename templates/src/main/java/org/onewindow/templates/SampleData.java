package org.onewindow.templates;

import java.util.List;
import java.util.Map;

/** Example input shipped with a template, used for previews and tests. */
public record SampleData(Map<String, String> fields, Map<String, List<Map<String, String>>> tables, String issuedAt) {
    public SampleData {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        tables = tables == null ? Map.of() : Map.copyOf(tables);
    }
}
