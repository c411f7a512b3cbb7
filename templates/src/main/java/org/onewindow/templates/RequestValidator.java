package org.onewindow.templates;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/** Checks a {@link RenderRequest} against a template and turns it into display text. */
final class RequestValidator {
    private static final Pattern VERIFICATION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{5,63}");
    private static final Pattern URL = Pattern.compile("https?://[^\\s{}<>\"]{1,200}");
    private static final Pattern INTEGER = Pattern.compile("\\d{1,9}");

    private final IntPredicate canShow;
    private final String fontNames;

    /**
     * @param canShow   whether some configured font has the character
     * @param fontNames the fonts, for error messages
     */
    RequestValidator(IntPredicate canShow, String fontNames) {
        this.canShow = canShow;
        this.fontNames = fontNames;
    }

    ResolvedData validate(TemplateDefinition d, RenderRequest r) {
        String id = d.id();
        if (r.verificationId() == null || !VERIFICATION_ID.matcher(r.verificationId()).matches()) {
            throw new TemplateDataException(id, "verificationId",
                    "verificationId must be 6-64 letters, digits or dashes (got " + quote(r.verificationId()) + ")");
        }
        if (r.publicUrl() == null || !URL.matcher(r.publicUrl()).matches()) {
            throw new TemplateDataException(id, "publicUrl",
                    "publicUrl must be an http(s) URL without spaces (got " + quote(r.publicUrl()) + ")");
        }
        if (r.issuedAt() == null) {
            throw new TemplateDataException(id, "issuedAt", "issuedAt is required");
        }
        for (String name : r.fields().keySet()) {
            if (d.field(name).isEmpty()) {
                throw new TemplateDataException(id, "fields." + name, "Unknown field \"" + name + "\"; template " + id
                        + " has " + d.fields().stream().map(FieldSpec::name).toList());
            }
        }
        for (String name : r.tables().keySet()) {
            if (d.table(name).isEmpty()) {
                throw new TemplateDataException(id, "tables." + name, "Unknown table \"" + name + "\"; template " + id
                        + " has " + d.tables().stream().map(TableSpec::name).toList());
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (FieldSpec f : d.fields()) {
            String path = "fields." + f.name();
            String raw = r.fields().get(f.name());
            String value = raw == null ? "" : normalize(raw, f.type() == FieldType.MULTILINE);
            if (value.isEmpty() && f.defaultValue() != null) {
                value = f.defaultValue();
            }
            if (value.isEmpty()) {
                if (f.required()) {
                    throw new TemplateDataException(id, path, "Field \"" + f.name() + "\" (" + f.label() + ") is required");
                }
                values.put(f.name(), "");
                continue;
            }
            checkText(id, path, "Field \"" + f.name() + "\" (" + f.label() + ")", value, f.maxLength(),
                    f.type() == FieldType.MULTILINE);
            values.put(f.name(), format(id, path, f, value));
        }
        String base = r.publicUrl().replaceAll("/+$", "");
        String verifyUrl = base + "/verify/" + r.verificationId();
        values.put("issuedAt", ChineseDates.date(r.issuedAt().toLocalDate()));
        values.put("verificationId", r.verificationId());
        values.put("verifyUrl", verifyUrl);

        Map<String, List<List<String>>> tables = new LinkedHashMap<>();
        for (TableSpec t : d.tables()) {
            List<Map<String, String>> rows = r.tables().getOrDefault(t.name(), List.of());
            String path = "tables." + t.name();
            if (rows.size() < t.minRows()) {
                throw new TemplateDataException(id, path, "Table \"" + t.name() + "\" (" + t.label() + ") needs at least "
                        + t.minRows() + " row(s), got " + rows.size());
            }
            if (rows.size() > t.maxRows()) {
                throw new TemplateDataException(id, path, "Table \"" + t.name() + "\" (" + t.label() + ") allows at most "
                        + t.maxRows() + " rows, got " + rows.size());
            }
            List<List<String>> cells = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Map<String, String> row = rows.get(i) == null ? Map.of() : rows.get(i);
                String rowPath = path + "[" + i + "]";
                for (String key : row.keySet()) {
                    boolean known = t.columns().stream().anyMatch(c -> c.name().equals(key) && !c.sequence());
                    if (!known) {
                        throw new TemplateDataException(id, rowPath + "." + key, "Unknown column \"" + key + "\" in table \""
                                + t.name() + "\"; columns: " + t.columns().stream().filter(c -> !c.sequence())
                                .map(ColumnSpec::name).toList());
                    }
                }
                List<String> line = new ArrayList<>();
                for (ColumnSpec c : t.columns()) {
                    if (c.sequence()) {
                        line.add(Integer.toString(i + 1));
                        continue;
                    }
                    String raw = row.get(c.name());
                    String value = raw == null ? "" : normalize(raw, false);
                    String what = "Table \"" + t.name() + "\" row " + (i + 1) + " column \"" + c.name() + "\" (" + c.label() + ")";
                    if (value.isEmpty() && c.required()) {
                        throw new TemplateDataException(id, rowPath + "." + c.name(), what + " is required");
                    }
                    checkText(id, rowPath + "." + c.name(), what, value, c.maxLength(), false);
                    line.add(value);
                }
                cells.add(List.copyOf(line));
            }
            tables.put(t.name(), List.copyOf(cells));
        }
        return new ResolvedData(Map.copyOf(values), Map.copyOf(tables), r.verificationId(), verifyUrl, r.issuedAt());
    }

    private static String normalize(String raw, boolean multiline) {
        String s = raw.replace("\r\n", "\n").replace('\r', '\n');
        if (multiline) {
            // trim each line, drop empty lines: paragraphs are separated by line breaks only
            List<String> lines = s.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            return String.join("\n", lines);
        }
        return s.strip();
    }

    private void checkText(String id, String path, String what, String value, int maxLength, boolean multiline) {
        int length = value.codePointCount(0, value.length()) - (multiline ? (int) value.chars().filter(c -> c == '\n').count() : 0);
        if (length > maxLength) {
            throw new TemplateDataException(id, path, what + " is too long: " + length + " characters, at most " + maxLength);
        }
        TreeSet<String> missing = new TreeSet<>();
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n' && multiline) {
                continue;
            }
            if (Character.isISOControl(cp) || cp == '\n') {
                throw new TemplateDataException(id, path, what + " contains control character U+"
                        + String.format("%04X", cp) + (cp == '\n' ? " (line break; this field is one line)" : ""));
            }
            if (Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.PRIVATE_USE
                    || Character.getType(cp) == Character.SURROGATE || Character.getType(cp) == Character.UNASSIGNED) {
                throw new TemplateDataException(id, path, what + " contains invisible, private-use or unassigned character U+"
                        + String.format("%04X", cp));
            }
            if (!Character.isWhitespace(cp) && !canShow.test(cp)) {
                missing.add("\"" + new String(Character.toChars(cp)) + "\" (U+" + String.format("%04X", cp) + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new TemplateDataException(id, path, what + " contains character(s) no configured font can show: "
                    + String.join(", ", missing) + "; fonts: " + fontNames);
        }
    }

    private static String format(String id, String path, FieldSpec f, String value) {
        try {
            return switch (f.type()) {
                case DATE -> ChineseDates.date(LocalDate.parse(value));
                case DATETIME -> ChineseDates.dateTime(LocalDateTime.parse(value));
                case INTEGER -> {
                    if (!INTEGER.matcher(value).matches()) {
                        throw new TemplateDataException(id, path, "Field \"" + f.name() + "\" (" + f.label()
                                + ") must be a whole number, got " + quote(value));
                    }
                    yield Integer.toString(Integer.parseInt(value));
                }
                default -> value;
            };
        } catch (DateTimeParseException e) {
            throw new TemplateDataException(id, path, "Field \"" + f.name() + "\" (" + f.label() + ") must be an ISO "
                    + (f.type() == FieldType.DATE ? "date like 2026-11-25" : "date-time like 2026-11-25T10:30")
                    + ", got " + quote(value));
        }
    }

    private static String quote(String s) {
        return s == null ? "nothing" : "\"" + (s.length() > 80 ? s.substring(0, 80) + "…" : s) + "\"";
    }
}
