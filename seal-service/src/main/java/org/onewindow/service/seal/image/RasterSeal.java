package org.onewindow.service.seal.image;

import java.util.Arrays;

/**
 * An imported seal image (a transparent PNG normalised by {@link SealImageImporter}) with its printed size, for
 * seals that have no vector layout. Drawn into PDFs as an image XObject whose alpha channel becomes an SMask.
 *
 * @param png      the PNG (8-bit RGBA as the importer writes it; any PNG iText reads is accepted)
 * @param widthMm  printed width
 * @param heightMm printed height
 */
public record RasterSeal(byte[] png, double widthMm, double heightMm) {
    /** Largest side accepted, a little over {@link SealImageSpec#MAX_DIAMETER_MM} for rounding of stated dpi. */
    static final double MAX_SIDE_MM = SealImageSpec.MAX_DIAMETER_MM + 1;

    public RasterSeal {
        if (png == null || png.length < 8) {
            throw new IllegalArgumentException("the seal image is empty");
        }
        if (!(widthMm > 0) || !(heightMm > 0) || widthMm > MAX_SIDE_MM || heightMm > MAX_SIDE_MM) {
            throw new IllegalArgumentException(String.format("seal image size %.1f x %.1f mm is not a seal's size",
                    widthMm, heightMm));
        }
        png = png.clone();
    }

    @Override
    public byte[] png() {
        return png.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RasterSeal r && Arrays.equals(png, r.png) && widthMm == r.widthMm
                && heightMm == r.heightMm;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(png) * 31 + Double.hashCode(widthMm);
    }

    @Override
    public String toString() {
        return String.format("RasterSeal[%d bytes, %.1f x %.1f mm]", png.length, widthMm, heightMm);
    }
}
