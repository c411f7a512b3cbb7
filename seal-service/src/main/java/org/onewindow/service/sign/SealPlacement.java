package org.onewindow.service.sign;

import java.util.Objects;

/** Where a seal goes in the document. */
public sealed interface SealPlacement {

    /** No visible seal: an invisible signature (e.g. a department signature with the seal shown elsewhere). */
    record Invisible() implements SealPlacement {
    }

    /** An existing, still unsigned signature field of the document, e.g. {@code acceptanceSeal} in a template. */
    record Field(String name) implements SealPlacement {
        public Field {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("signature field name is empty");
            }
        }
    }

    /**
     * A rectangle on a page, in millimetres from the page's top-left corner (as a ruler on paper measures).
     *
     * @param page 1-based page number
     */
    record PageArea(int page, double xMm, double yMm, double widthMm, double heightMm) implements SealPlacement {
        public PageArea {
            if (page < 1) {
                throw new IllegalArgumentException("page numbers start at 1, got " + page);
            }
            if (!(widthMm > 0) || !(heightMm > 0) || !(xMm >= 0) || !(yMm >= 0)) {
                throw new IllegalArgumentException("seal rectangle needs x, y >= 0 and a positive width and height");
            }
        }
    }

    /**
     * Centred over a text on a page, as Chinese documents place seals over the organization name and date or a
     * marker such as 「（盖章）」. The last occurrence in the document is used (the signature block is at the end).
     *
     * @param text the text to find (exact characters as extracted)
     * @param page 1-based page to search, or 0 for every page (last page first)
     */
    record Anchor(String text, int page) implements SealPlacement {
        public Anchor {
            Objects.requireNonNull(text, "text");
            if (text.isBlank()) {
                throw new IllegalArgumentException("anchor text is empty");
            }
            if (page < 0) {
                throw new IllegalArgumentException("page must be 0 (any) or a 1-based page number");
            }
        }

        public Anchor(String text) {
            this(text, 0);
        }
    }
}
