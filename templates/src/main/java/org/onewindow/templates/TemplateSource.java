package org.onewindow.templates;

import java.util.List;
import java.util.Optional;

/**
 * Where template definitions (JSON, UTF-8) come from. The module ships {@link ClasspathTemplateSource} with the
 * defaults; a center overrides or adds templates through another source (a directory, or object storage in the
 * service) combined with {@link LayeredTemplateSource}.
 */
public interface TemplateSource {
    /** Ids of the templates this source holds, in display order. */
    List<String> templateIds();

    /** The JSON definition of one template, or empty if this source does not hold it. */
    Optional<byte[]> load(String templateId);
}
