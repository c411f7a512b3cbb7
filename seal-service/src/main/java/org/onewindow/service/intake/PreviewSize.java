package org.onewindow.service.intake;

import java.util.Locale;
import java.util.Optional;

/** The two preview sizes the console shows, by width in pixels. */
public enum PreviewSize {
    /** Page strip in the case view. */
    THUMB(200),
    /** Page viewer. */
    LARGE(1200);

    private final int widthPixels;

    PreviewSize(int widthPixels) {
        this.widthPixels = widthPixels;
    }

    public int widthPixels() {
        return widthPixels;
    }

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PreviewSize> ofSlug(String slug) {
        for (PreviewSize size : values()) {
            if (size.slug().equals(slug)) {
                return Optional.of(size);
            }
        }
        return Optional.empty();
    }
}
