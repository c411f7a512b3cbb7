package org.onewindow.service.intake.ocr;

import java.awt.geom.AffineTransform;

/**
 * Straightens the copy of a page image that goes to tesseract; the stored page is never changed.
 *
 * <p>The skew is estimated on a downsampled, binarized copy (about {@value #ESTIMATE_WIDTH} px wide): for each
 * candidate angle the dark pixels are projected onto the axis across the text lines, and the angle whose profile
 * has the largest sum of squares (sharpest peaks = lines lying along the projection) wins; a coarse search is
 * followed by a fine one around the best coarse angle. Pages whose profile does not show lines (photos, blank
 * pages) and angles below {@code minDegrees} are left as they are.
 *
 * @param enabled    whether pages are straightened at all
 * @param minDegrees smaller skews are not corrected (tesseract's own line finding copes with them, and every
 *                   rotation blurs the image a little through interpolation)
 * @param maxDegrees the largest skew searched for, either way
 */
public record Deskew(boolean enabled, double minDegrees, double maxDegrees) {
    /** Width of the image the skew is estimated on. */
    static final int ESTIMATE_WIDTH = 600;
    private static final double COARSE_STEP = 0.2;
    private static final double FINE_STEP = 0.02;
    /** The best angle's profile must beat the unrotated one by this factor to count as lines. */
    private static final double MIN_GAIN = 1.02;

    public Deskew {
        if (minDegrees < 0 || maxDegrees <= 0 || maxDegrees > 20) {
            throw new IllegalArgumentException("deskew angles must be within 0-20 degrees");
        }
    }

    /**
     * Straighten skews of 0.5°-6°, as measured in docs/benchmarks.md ("OCR accuracy"): from 1.5° on it raised
     * character accuracy a lot (5°: 45% to 99.8%); turning pages by 0.3°-0.4° cost about 0.3 points.
     */
    public static Deskew defaults() {
        return new Deskew(true, 0.5, 6);
    }

    public static Deskew off() {
        return new Deskew(false, 0.5, 6);
    }

    /**
     * The angle (degrees) by which the text lines of the image slope downward to the right (image y axis
     * down), or 0 when nothing is to be corrected.
     *
     * @param samples    8-bit samples, rows top to bottom, {@code components} interleaved samples per pixel
     * @param components 1 (grey) or 3 (RGB)
     */
    public double estimate(byte[] samples, int width, int height, int components) {
        if (!enabled || width < 32 || height < 32) {
            return 0;
        }
        int factor = Math.max(1, (int) Math.ceil(width / (double) ESTIMATE_WIDTH));
        int w = width / factor;
        int h = height / factor;
        int[] small = new int[w * h];
        int[] histogram = new int[256];
        int area = factor * factor * components;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sum = 0;
                for (int dy = 0; dy < factor; dy++) {
                    int row = ((y * factor + dy) * width + x * factor) * components;
                    for (int i = 0; i < factor * components; i++) {
                        sum += samples[row + i] & 0xFF;
                    }
                }
                int value = sum / area;
                small[y * w + x] = value;
                histogram[value]++;
            }
        }
        int threshold = otsu(histogram, w * h);
        int dark = 0;
        for (int value : small) {
            if (value < threshold) {
                dark++;
            }
        }
        // a page with (almost) no ink, or mostly ink, has no lines to align
        if (dark < w * h / 500 || dark > w * h / 2) {
            return 0;
        }
        int[] xs = new int[dark];
        int[] ys = new int[dark];
        int n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (small[y * w + x] < threshold) {
                    xs[n] = x;
                    ys[n] = y;
                    n++;
                }
            }
        }
        int[] bins = new int[w + h + 2];
        double level = score(xs, ys, 0, bins, w);
        double best = 0;
        double bestScore = level;
        for (double angle = -maxDegrees; angle <= maxDegrees + 1e-9; angle += COARSE_STEP) {
            double s = score(xs, ys, angle, bins, w);
            if (s > bestScore) {
                bestScore = s;
                best = angle;
            }
        }
        double coarse = best;
        for (double angle = coarse - COARSE_STEP; angle <= coarse + COARSE_STEP + 1e-9; angle += FINE_STEP) {
            double s = score(xs, ys, angle, bins, w);
            if (s > bestScore) {
                bestScore = s;
                best = angle;
            }
        }
        if (bestScore < level * MIN_GAIN && Math.abs(best) > FINE_STEP) {
            return 0; // no clear line structure: leave the page alone
        }
        return Math.abs(best) < minDegrees ? 0 : best;
    }

    /** Sum of squared bin counts of the dark pixels projected across lines sloping at {@code degrees}. */
    private static double score(int[] xs, int[] ys, double degrees, int[] bins, int w) {
        java.util.Arrays.fill(bins, 0);
        double radians = Math.toRadians(degrees);
        double cos = Math.cos(radians);
        double sin = Math.sin(radians);
        double offset = w * Math.abs(sin) + 1;
        for (int i = 0; i < xs.length; i++) {
            int bin = (int) (ys[i] * cos - xs[i] * sin + offset);
            bins[bin]++;
        }
        double sum = 0;
        for (int count : bins) {
            sum += (double) count * count;
        }
        return sum;
    }

    private static int otsu(int[] histogram, int total) {
        double sumAll = 0;
        for (int i = 0; i < 256; i++) {
            sumAll += (double) i * histogram[i];
        }
        double sumBelow = 0;
        int below = 0;
        double bestVariance = -1;
        int best = 128;
        for (int t = 0; t < 256; t++) {
            below += histogram[t];
            if (below == 0) {
                continue;
            }
            int above = total - below;
            if (above == 0) {
                break;
            }
            sumBelow += (double) t * histogram[t];
            double meanBelow = sumBelow / below;
            double meanAbove = (sumAll - sumBelow) / above;
            double variance = (double) below * above * (meanBelow - meanAbove) * (meanBelow - meanAbove);
            if (variance > bestVariance) {
                bestVariance = variance;
                best = t + 1; // values below t+1 are dark
            }
        }
        return best;
    }

    /**
     * Maps pixels of the straightened image to pixels of the original one: a rotation by {@code degrees}
     * about the image centre (the straightened image has the same size).
     */
    public static AffineTransform straightenedToOriginal(double degrees, int width, int height) {
        return AffineTransform.getRotateInstance(Math.toRadians(degrees), width / 2.0, height / 2.0);
    }

    /**
     * The straightened grey image: each output pixel is the bilinear sample of the original at
     * {@link #straightenedToOriginal}; outside the original it is white.
     *
     * @param samples 8-bit samples with {@code components} (1 or 3) per pixel; RGB is read as luminance
     */
    public static byte[] straighten(byte[] samples, int width, int height, int components, double degrees) {
        byte[] grey;
        if (components == 1) {
            grey = samples;
        } else {
            grey = new byte[width * height];
            for (int i = 0, j = 0; i < grey.length; i++, j += components) {
                int r = samples[j] & 0xFF;
                int g = samples[j + 1] & 0xFF;
                int b = samples[j + 2] & 0xFF;
                grey[i] = (byte) ((299 * r + 587 * g + 114 * b + 500) / 1000);
            }
        }
        double radians = Math.toRadians(degrees);
        double cos = Math.cos(radians);
        double sin = Math.sin(radians);
        double cx = width / 2.0;
        double cy = height / 2.0;
        byte[] out = new byte[width * height];
        for (int y = 0; y < height; y++) {
            double dy = y + 0.5 - cy;
            // source = c + R (p - c), sampled at pixel centres
            double sx = cx + (0.5 - cx) * cos - dy * sin - 0.5;
            double sy = cy + (0.5 - cx) * sin + dy * cos - 0.5;
            int row = y * width;
            for (int x = 0; x < width; x++, sx += cos, sy += sin) {
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) {
                    out[row + x] = (byte) 255;
                    continue;
                }
                double fx = sx - x0;
                double fy = sy - y0;
                int i = y0 * width + x0;
                double top = (grey[i] & 0xFF) * (1 - fx) + (grey[i + 1] & 0xFF) * fx;
                double bottom = (grey[i + width] & 0xFF) * (1 - fx) + (grey[i + width + 1] & 0xFF) * fx;
                out[row + x] = (byte) (int) (top * (1 - fy) + bottom * fy + 0.5);
            }
        }
        return out;
    }
}
