package org.onewindow.service.intake;

import java.util.List;
import java.util.Objects;

/**
 * A spooled upload whose type was detected from its content and whose headers passed every limit.
 *
 * @param upload     the spooled bytes (the caller closes it)
 * @param type       the detected type
 * @param pageCount  pages (image directories or PDF pages)
 * @param imagePages per-page geometry for images; empty for PDFs
 */
public record InspectedFile(SpooledUpload upload, MaterialType type, int pageCount, List<ImagePage> imagePages) {
    public InspectedFile {
        Objects.requireNonNull(upload, "upload");
        Objects.requireNonNull(type, "type");
        imagePages = List.copyOf(imagePages);
    }
}
