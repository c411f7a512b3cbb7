package org.onewindow.service.intake;

/**
 * One image page as its header describes it.
 *
 * @param widthPixels  stored width
 * @param heightPixels stored height
 * @param dpiX         horizontal resolution, 0 when the file does not say
 * @param dpiY         vertical resolution, 0 when the file does not say
 * @param orientation  EXIF orientation 1-8 (1 = as stored)
 * @param components   colour components (1 grey, 3 RGB, ...)
 * @param bitsPerComponent bits per colour component
 */
public record ImagePage(int widthPixels, int heightPixels, double dpiX, double dpiY, int orientation,
                        int components, int bitsPerComponent) {

    /** Bytes the decoded raster takes in memory. */
    public long decodedBytes() {
        return (long) widthPixels * heightPixels * Math.max(1, components) * Math.max(1, bitsPerComponent) / 8 + 1;
    }

    /** Whether the displayed page is the stored image turned a quarter (EXIF 5-8). */
    public boolean quarterTurned() {
        return orientation >= 5 && orientation <= 8;
    }
}
