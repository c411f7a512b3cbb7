package org.onewindow.templates;

import java.util.List;

/** What a client needs to know to fill in a template (the listing of {@code GET /api/templates}). */
public record TemplateSummary(String id, String title, String description, List<FieldSpec> fields,
                              List<TableSpec> tables, List<SealSpec> seals) {
    static TemplateSummary of(TemplateDefinition d) {
        return new TemplateSummary(d.id(), d.title(), d.description(), d.fields(), d.tables(), d.seals());
    }
}
