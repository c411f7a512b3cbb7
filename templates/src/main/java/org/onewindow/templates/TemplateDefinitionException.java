package org.onewindow.templates;

/**
 * A template definition (the JSON) is malformed or inconsistent: unknown block type, a placeholder naming no field,
 * a seal used twice, sample data that does not fit its own fields. Raised when a template is loaded, so a broken
 * override is reported before anything is rendered with it.
 */
public final class TemplateDefinitionException extends RuntimeException {
    private final String templateId;

    public TemplateDefinitionException(String templateId, String message) {
        super("Template \"" + templateId + "\": " + message);
        this.templateId = templateId;
    }

    public TemplateDefinitionException(String templateId, String message, Throwable cause) {
        super("Template \"" + templateId + "\": " + message, cause);
        this.templateId = templateId;
    }

    public String templateId() {
        return templateId;
    }
}
