package org.onewindow.templates;

/**
 * The data given for a render does not fit the template: a missing required field, an over-long value,
 * an unknown field or table, a malformed date, or a character none of the configured fonts can show.
 * The service maps it to HTTP 422; {@link #path()} points at the offending input (e.g. {@code fields.applicantName}
 * or {@code tables.materials[2].name}).
 */
public final class TemplateDataException extends RuntimeException {
    private final String templateId;
    private final String path;

    public TemplateDataException(String templateId, String path, String message) {
        super(message);
        this.templateId = templateId;
        this.path = path;
    }

    /** The template the data was meant for. */
    public String templateId() {
        return templateId;
    }

    /** Where in the request the problem is, e.g. {@code fields.itemName}; {@code null} for the request as a whole. */
    public String path() {
        return path;
    }
}
