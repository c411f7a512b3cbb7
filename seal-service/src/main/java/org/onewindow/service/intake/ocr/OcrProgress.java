package org.onewindow.service.intake.ocr;

/** Receives page progress from a running OCR pass. Called from worker threads. */
@FunctionalInterface
public interface OcrProgress {
    void pageDone(int pagesDone, int pagesTotal);

    OcrProgress NONE = (done, total) -> {
    };
}
