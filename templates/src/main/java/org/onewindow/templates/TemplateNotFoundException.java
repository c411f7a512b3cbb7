package org.onewindow.templates;

/** No template with the requested id exists in the catalog (the service maps it to 404). */
public final class TemplateNotFoundException extends RuntimeException {
    private final String templateId;

    public TemplateNotFoundException(String templateId) {
        super("No template with id \"" + templateId + "\"");
        this.templateId = templateId;
    }

    public String templateId() {
        return templateId;
    }
}
