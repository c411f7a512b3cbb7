package org.onewindow.templates;

import java.util.List;

/**
 * One block of a template's layout, top to bottom. Which properties matter depends on {@link #type()}:
 * <ul>
 * <li>{@code title} — {@code text} (lines split at {@code \n}), 2号 bold Song, centred</li>
 * <li>{@code subtitle} — {@code text}, 3号 Kai, centred</li>
 * <li>{@code docNumber} — {@code text} (e.g. {@code {docNumber}}), 3号, {@code align} (default right)</li>
 * <li>{@code salutation} — {@code text}, no indent (e.g. {@code {applicantName}：})</li>
 * <li>{@code paragraph} — {@code text}, 3号 body, first line indented two characters, justified</li>
 * <li>{@code heading} — {@code text}, 3号 Hei, indented</li>
 * <li>{@code note} — {@code text}, 4号 (14 pt) Song, left-aligned</li>
 * <li>{@code table} — {@code table} (name of a {@link TableSpec}), {@code emptyText}</li>
 * <li>{@code fields} — {@code items} shown as a bordered label/value grid with {@code columns} pairs per row</li>
 * <li>{@code issuer} — {@code organization}, {@code date}, {@code seal}: signing organization and date at
 *     lower right, with the seal field over them; optionally {@code coOrganization} and {@code coSeal}: a second
 *     signing organization to the left (joint issue, GB/T 9704 7.3.5.1), its own seal over its name</li>
 * <li>{@code signatures} — {@code boxes}: side-by-side boxes, each with its own seal field</li>
 * <li>{@code spacer} — {@code heightMm}</li>
 * </ul>
 * Common: {@code when} names a field; the block is left out when that field is empty. {@code fontSize} overrides
 * the size in points; {@code align} is {@code left|center|right|justify}.
 */
public record LayoutBlock(String type, String text, String when, String align, Double fontSize, String table,
                          String emptyText, List<GridItem> items, Integer columns, String organization, String date,
                          String seal, String coOrganization, String coSeal, List<SignatureBox> boxes,
                          Double heightMm) {
    public LayoutBlock {
        items = items == null ? List.of() : List.copyOf(items);
        boxes = boxes == null ? List.of() : List.copyOf(boxes);
    }

    /** One label/value cell pair of a {@code fields} block; {@code text} may hold placeholders. */
    public record GridItem(String label, String text, Integer span) {
    }

    /** One box of a {@code signatures} block: a heading, lines of text and the seal placed in it. */
    public record SignatureBox(String title, List<String> lines, String seal) {
        public SignatureBox {
            lines = lines == null ? List.of() : List.copyOf(lines);
        }
    }
}
