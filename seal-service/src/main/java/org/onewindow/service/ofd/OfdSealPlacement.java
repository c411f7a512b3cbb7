package org.onewindow.service.ofd;

import java.util.Objects;

/** Where a visible seal goes on an OFD page (as {@code sign.SealPlacement} does for PDFs). */
public sealed interface OfdSealPlacement {

    /**
     * A rectangle on a page, in millimetres from the page's top-left corner.
     *
     * @param page 1-based page number
     */
    record PageArea(int page, double xMm, double yMm, double widthMm, double heightMm) implements OfdSealPlacement {
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
     * Centred over a text, as Chinese documents place seals over the organization name and date. The last occurrence
     * is used (the signature block is at the end).
     *
     * @param text   the text to find (as it appears in one text object of the page)
     * @param page   1-based page to search, or 0 for every page (last page first)
     * @param sizeMm the seal's width and height
     */
    record Anchor(String text, int page, double sizeMm) implements OfdSealPlacement {
        public Anchor {
            Objects.requireNonNull(text, "text");
            if (text.isBlank()) {
                throw new IllegalArgumentException("anchor text is empty");
            }
            if (page < 0) {
                throw new IllegalArgumentException("page must be 0 (any) or a 1-based page number");
            }
            if (!(sizeMm > 0) || sizeMm > 60) {
                throw new IllegalArgumentException("seal size must be in (0, 60] mm, got " + sizeMm);
            }
        }
    }
}
