package org.onewindow.templates;

/** How a field value is checked and shown. */
public enum FieldType {
    /** One line of text. */
    TEXT,
    /** Text with line breaks; each line becomes its own paragraph. */
    MULTILINE,
    /** ISO date {@code 2026-11-25}, shown as {@code 2026年11月25日}. */
    DATE,
    /** ISO local date-time {@code 2026-11-25T10:30}, shown as {@code 2026年11月25日10时30分}. */
    DATETIME,
    /** Non-negative whole number. */
    INTEGER
}
