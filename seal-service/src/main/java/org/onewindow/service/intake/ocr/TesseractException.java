package org.onewindow.service.intake.ocr;

/** Tesseract is missing, failed, or produced output that cannot be read. */
public class TesseractException extends RuntimeException {
    public TesseractException(String message) {
        super(message);
    }

    public TesseractException(String message, Throwable cause) {
        super(message, cause);
    }
}
