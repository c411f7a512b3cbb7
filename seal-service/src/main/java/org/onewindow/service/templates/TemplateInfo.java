package org.onewindow.service.templates;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.onewindow.templates.FieldSpec;
import org.onewindow.templates.SealSpec;
import org.onewindow.templates.TableSpec;
import org.onewindow.templates.TemplateDefinition;

/**
 * One entry of {@code GET /api/templates}: what a client needs to fill the template in.
 *
 * @param overridden whether the center's own definition (object storage) replaces or adds to the defaults
 * @param problem    set (and the inputs empty) when the stored definition can no longer be read; {@code null} otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TemplateInfo(String id, String title, String description, boolean overridden, List<FieldSpec> fields,
                           List<TableSpec> tables, List<SealSpec> seals, String problem) {

    static TemplateInfo of(TemplateDefinition d, boolean overridden) {
        return new TemplateInfo(d.id(), d.title(), d.description(), overridden, d.fields(), d.tables(), d.seals(), null);
    }

    static TemplateInfo broken(String id, boolean overridden, String problem) {
        return new TemplateInfo(id, null, null, overridden, List.of(), List.of(), List.of(), problem);
    }
}
