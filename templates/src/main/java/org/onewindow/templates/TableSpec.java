package org.onewindow.templates;

import java.util.List;

/**
 * A repeating table such as the materials list.
 *
 * @param name     key in {@link RenderRequest#tables()}
 * @param label    Chinese label
 * @param columns  the columns, left to right
 * @param minRows  fewest rows accepted (a required table has at least 1)
 * @param maxRows  most rows accepted
 */
public record TableSpec(String name, String label, List<ColumnSpec> columns, int minRows, int maxRows) {
    public TableSpec {
        columns = columns == null ? List.of() : List.copyOf(columns);
        maxRows = maxRows <= 0 ? 200 : maxRows;
        minRows = Math.max(0, minRows);
    }
}
