package org.onewindow.service.seal;

import org.onewindow.service.seal.image.SealImageSpec;

/**
 * A seal's appearance. The PNG is stored at {@code seals/{id}/image.png}.
 *
 * @param source    {@code generated} (drawn from {@code spec}) or {@code imported} (an uploaded image)
 * @param spec      what the generated seal looks like, used to draw the vector form for PDF appearances; for an
 *                  imported image the spec the seal would be drawn from had it not been imported ({@code null} when
 *                  none)
 * @param widthPx   PNG width
 * @param heightPx  PNG height
 * @param dpi       the PNG's resolution
 * @param widthMm   printed width
 * @param heightMm  printed height
 * @param sha256    SHA-256 of the stored PNG (hex)
 */
public record SealImage(String source, SealImageSpec spec, int widthPx, int heightPx, int dpi, double widthMm,
                        double heightMm, String sha256) {
    public static final String GENERATED = "generated";
    public static final String IMPORTED = "imported";

    public boolean isGenerated() {
        return GENERATED.equals(source);
    }
}
