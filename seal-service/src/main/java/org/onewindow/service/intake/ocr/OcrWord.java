package org.onewindow.service.intake.ocr;

/**
 * One recognized word with its box in image pixels (origin top-left).
 *
 * @param text       the word
 * @param left       box left edge
 * @param top        box top edge
 * @param width      box width
 * @param height     box height
 * @param confidence tesseract's confidence, 0-100
 * @param line       a key that is equal for words on the same text line
 */
public record OcrWord(String text, int left, int top, int width, int height, double confidence, String line) {
}
