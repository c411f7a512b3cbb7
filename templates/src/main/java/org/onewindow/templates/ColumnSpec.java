package org.onewindow.templates;

/**
 * One column of a repeating table.
 *
 * @param name      key in each row map
 * @param label     column header
 * @param width     relative width (any positive number; columns share the table width in proportion)
 * @param required  whether every row must have a value
 * @param maxLength maximum length in code points
 * @param sequence  if true the column is filled with the row number (1, 2, 3 …) and takes no input
 * @param align     {@code left} (default), {@code center} or {@code right}
 */
public record ColumnSpec(String name, String label, double width, boolean required, int maxLength, boolean sequence,
                         String align) {
    public ColumnSpec {
        width = width <= 0 ? 1 : width;
        maxLength = maxLength <= 0 ? 200 : maxLength;
        align = align == null ? (sequence ? "center" : "left") : align;
    }
}
