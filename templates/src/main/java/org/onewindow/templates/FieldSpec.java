package org.onewindow.templates;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One named input of a template.
 *
 * @param name         key in {@link RenderRequest#fields()} and in {@code {placeholders}}
 * @param label        Chinese label shown to clerks and in error messages
 * @param type         how the value is checked and formatted (default {@link FieldType#TEXT})
 * @param required     whether a render without it fails
 * @param maxLength    maximum length in Unicode code points (after trimming)
 * @param defaultValue value used when the request leaves the field out (e.g. the center's name)
 */
public record FieldSpec(String name, String label, FieldType type, boolean required, int maxLength,
                        @JsonProperty("default") String defaultValue) {
    public FieldSpec {
        type = type == null ? FieldType.TEXT : type;
        maxLength = maxLength <= 0 ? 200 : maxLength;
    }
}
