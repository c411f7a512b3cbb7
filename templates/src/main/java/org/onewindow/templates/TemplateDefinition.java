package org.onewindow.templates;

import java.util.List;
import java.util.Optional;

/**
 * A document template as data: its inputs (fields, repeating tables), its seal fields and its layout.
 * Loaded from JSON (see the files under {@code org/onewindow/templates/defaults/}).
 *
 * @param id          stable id, lower-case letters, digits and dashes (e.g. {@code acceptance-notice})
 * @param title       Chinese document title (e.g. 受理通知书)
 * @param description what the document is for
 * @param fields      scalar inputs
 * @param tables      repeating inputs
 * @param seals       named seal/signature positions
 * @param layout      blocks, top to bottom
 * @param sample      example data for previews
 */
public record TemplateDefinition(String id, String title, String description, List<FieldSpec> fields,
                                 List<TableSpec> tables, List<SealSpec> seals, List<LayoutBlock> layout,
                                 SampleData sample) {
    public TemplateDefinition {
        fields = fields == null ? List.of() : List.copyOf(fields);
        tables = tables == null ? List.of() : List.copyOf(tables);
        seals = seals == null ? List.of() : List.copyOf(seals);
        layout = layout == null ? List.of() : List.copyOf(layout);
        sample = sample == null ? new SampleData(null, null, null) : sample;
    }

    public Optional<FieldSpec> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public Optional<TableSpec> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<SealSpec> seal(String name) {
        return seals.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
