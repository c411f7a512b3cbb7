package org.onewindow.templates;

/**
 * A rectangle on a page in millimetres, measured from the page's lower-left corner (PDF orientation).
 *
 * @param x      left edge
 * @param y      bottom edge
 * @param width  width
 * @param height height
 */
public record MmRect(double x, double y, double width, double height) {
    static final double PT_PER_MM = 72 / 25.4;

    static MmRect ofPoints(float x, float y, float width, float height) {
        return new MmRect(round(x / PT_PER_MM), round(y / PT_PER_MM), round(width / PT_PER_MM), round(height / PT_PER_MM));
    }

    private static double round(double mm) {
        return Math.round(mm * 100) / 100.0;
    }
}
