package org.onewindow.templates;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * A request checked against its template, as display text: what another output format (the OFD renderer of the
 * service) lays out from the same template data. Obtained with {@link TemplateRenderer#resolve}.
 *
 * @param definition     the template
 * @param values         display text of every field and built-in placeholder ({@code issuedAt}, {@code verifyUrl} ...)
 * @param tables         each table's rows, cells in column order (sequence columns filled in)
 * @param verificationId the id printed on every page
 * @param verifyUrl      the URL of the QR code
 * @param issuedAt       the issuing time
 */
public record ResolvedTemplate(TemplateDefinition definition, Map<String, String> values,
                               Map<String, List<List<String>>> tables, String verificationId, String verifyUrl,
                               ZonedDateTime issuedAt) {
    public ResolvedTemplate {
        values = Map.copyOf(values);
        tables = Map.copyOf(tables);
    }

    /** The display text of a field ("" when empty). */
    public String value(String name) {
        return values.getOrDefault(name, "");
    }

    /** Fills {@code {field}} and {@code {field|default}} placeholders as the PDF renderer does. */
    public String fill(String text) {
        return Placeholders.fill(text, values::get);
    }

    /** The label of the first field a text refers to, e.g. for a {@code fields} grid item without a label. */
    public String labelOf(String text) {
        List<String> names = Placeholders.names(text);
        return names.isEmpty() ? "" : definition.field(names.get(0)).map(FieldSpec::label).orElse(names.get(0));
    }
}
