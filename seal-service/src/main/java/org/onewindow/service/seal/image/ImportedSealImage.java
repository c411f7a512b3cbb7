package org.onewindow.service.seal.image;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * An uploaded seal image after checking and normalising: always a PNG with an alpha channel (re-encoded from the
 * decoded pixels, so nothing from the upload but the picture survives).
 *
 * @param png                  the normalised PNG (pHYs kept when the upload stated a resolution)
 * @param widthPx              width in pixels
 * @param heightPx             height in pixels
 * @param dpi                  resolution stated in the upload, if any
 * @param backgroundConverted  true when an opaque white background was turned transparent
 */
public record ImportedSealImage(byte[] png, int widthPx, int heightPx, OptionalInt dpi, boolean backgroundConverted) {

    public ImportedSealImage {
        png = png.clone();
    }

    @Override
    public byte[] png() {
        return png.clone();
    }

    /** Printed width in mm at the stated resolution; empty when the upload stated none. */
    public OptionalDouble widthMm() {
        return dpi.isPresent() ? OptionalDouble.of(widthPx * 25.4 / dpi.getAsInt()) : OptionalDouble.empty();
    }
}
