package org.onewindow.service.intake;

import java.nio.file.Path;
import java.util.List;

/**
 * A material's normalized document, written to a temporary file.
 *
 * @param file        the PDF
 * @param pages       its page count
 * @param conformance {@code "PDF/A-2U"} when intake wrote it as PDF/A, otherwise the PDF/A part the
 *                    upload itself declared (e.g. {@code "PDF/A-1B (declared)"}), or {@code null}
 * @param actions     what was done to the uploaded content, in English, one line each (removed active content,
 *                    pages built from images, resolution assumed, ...)
 */
public record NormalizedPdf(Path file, int pages, String conformance, List<String> actions) {
    public NormalizedPdf {
        actions = List.copyOf(actions);
    }
}
