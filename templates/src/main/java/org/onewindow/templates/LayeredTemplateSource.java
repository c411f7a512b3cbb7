package org.onewindow.templates;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An override source in front of a base source: a template in the override replaces the base template of the
 * same id; templates only in the override are added after the base ones.
 */
public final class LayeredTemplateSource implements TemplateSource {
    private final TemplateSource override;
    private final TemplateSource base;

    public LayeredTemplateSource(TemplateSource override, TemplateSource base) {
        this.override = override;
        this.base = base;
    }

    @Override
    public List<String> templateIds() {
        Set<String> ids = new LinkedHashSet<>(base.templateIds());
        ids.addAll(override.templateIds());
        return List.copyOf(ids);
    }

    @Override
    public Optional<byte[]> load(String templateId) {
        Optional<byte[]> overridden = override.load(templateId);
        return overridden.isPresent() ? overridden : base.load(templateId);
    }
}
