package org.onewindow.service.intake;

/**
 * Bounds on what one upload may make the service do. Everything is checked from headers before any
 * decoding or large allocation.
 *
 * @param maxFileBytes        largest accepted file
 * @param maxImageFileBytes   largest accepted image file (images are read into memory to be embedded)
 * @param maxPages            most pages in one file (TIFF directories, PDF pages)
 * @param maxPixelsPerPage    most pixels of one image page (width × height)
 * @param maxSidePixels       longest accepted image side
 * @param maxFilesPerMaterial most files in one material upload
 * @param maxDecodedBytes     most bytes one decoded image page may take in memory (when it is re-encoded or rendered)
 */
public record IntakeLimits(long maxFileBytes, long maxImageFileBytes, int maxPages, long maxPixelsPerPage,
                           int maxSidePixels, int maxFilesPerMaterial, long maxDecodedBytes) {
    public IntakeLimits {
        if (maxFileBytes <= 0 || maxImageFileBytes <= 0 || maxPages <= 0 || maxPixelsPerPage <= 0
                || maxSidePixels <= 0 || maxFilesPerMaterial <= 0 || maxDecodedBytes <= 0) {
            throw new IllegalArgumentException("intake limits must be positive");
        }
    }

    /**
     * 1 GiB files, 100 MiB images, 2,000 pages, 150 megapixels (A0 at 300 dpi is ~140), 30,000 px sides,
     * 50 files, 200 MiB decoded per image page.
     */
    public static IntakeLimits defaults() {
        return new IntakeLimits(1L << 30, 100L << 20, 2000, 150_000_000L, 30_000, 50, 200L << 20);
    }

    public IntakeLimits withMaxFileBytes(long bytes) {
        return new IntakeLimits(bytes, Math.min(maxImageFileBytes, bytes), maxPages, maxPixelsPerPage, maxSidePixels,
                maxFilesPerMaterial, maxDecodedBytes);
    }

    public IntakeLimits withMaxPages(int pages) {
        return new IntakeLimits(maxFileBytes, maxImageFileBytes, pages, maxPixelsPerPage, maxSidePixels,
                maxFilesPerMaterial, maxDecodedBytes);
    }
}
