package org.onewindow.templates;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the sample data of a template should look like in the rendered document. */
final class Samples {
    static final String PUBLIC_URL = "https://zwfw.dunhuang.example.cn";

    private Samples() {
    }

    /** Every field value and table cell of the request, as it is displayed. */
    static List<String> displayedValues(TemplateDefinition d, RenderRequest r) {
        List<String> out = new ArrayList<>();
        r.fields().forEach((name, value) -> out.addAll(display(d.field(name).orElseThrow(), value)));
        r.tables().forEach((name, rows) -> rows.forEach(row -> row.values().stream()
                .filter(v -> !v.isBlank()).forEach(out::add)));
        return out;
    }

    static List<String> display(FieldSpec f, String value) {
        return switch (f.type()) {
            case DATE -> List.of(ChineseDates.date(LocalDate.parse(value)));
            case DATETIME -> List.of(ChineseDates.dateTime(LocalDateTime.parse(value)));
            case MULTILINE -> value.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            default -> List.of(value.strip());
        };
    }

    /** Placeholder values of a request, with field defaults and the built-ins, for filling template text in tests. */
    static Map<String, String> values(TemplateDefinition d, RenderRequest r) {
        Map<String, String> values = new HashMap<>();
        for (FieldSpec f : d.fields()) {
            String v = r.fields().get(f.name());
            if (v == null || v.isBlank()) {
                v = f.defaultValue();
            }
            if (v != null && !v.isBlank()) {
                values.put(f.name(), display(f, v).get(0));
            }
        }
        values.put("issuedAt", ChineseDates.date(r.issuedAt().toLocalDate()));
        values.put("verificationId", r.verificationId());
        return values;
    }
}
