package org.onewindow.service.intake.ocr;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The OCR result of one page image.
 *
 * @param widthPixels  width of the image that was read
 * @param heightPixels height of the image that was read
 * @param dpi          the resolution the image was rendered at
 * @param deskewDegrees the angle the image was straightened by before recognition (0: read as it is); word boxes
 *                      are in the straightened image, {@link #toImage()} maps them back
 * @param words        recognized words in reading order
 */
public record OcrPage(int widthPixels, int heightPixels, double dpi, double deskewDegrees, List<OcrWord> words) {
    public OcrPage {
        words = List.copyOf(words);
    }

    /** Maps word-box pixels to pixels of the page image as it is stored (identity unless the page was straightened). */
    public java.awt.geom.AffineTransform toImage() {
        return deskewDegrees == 0 ? new java.awt.geom.AffineTransform()
                : Deskew.straightenedToOriginal(deskewDegrees, widthPixels, heightPixels);
    }

    /** The page text: words of a line joined, lines separated by newlines (CJK words joined without spaces). */
    public String text() {
        StringBuilder text = new StringBuilder();
        String line = null;
        OcrWord previous = null;
        for (OcrWord word : words) {
            if (line != null && !line.equals(word.line())) {
                text.append('\n');
            } else if (previous != null && !(isCjk(previous.text()) && isCjk(word.text()))) {
                text.append(' ');
            }
            text.append(word.text());
            line = word.line();
            previous = word;
        }
        return text.toString();
    }

    static boolean isCjk(String text) {
        return !text.isEmpty() && Character.UnicodeScript.of(text.codePointAt(0)) == Character.UnicodeScript.HAN;
    }

    /** Words as one string per line, for diagnostics. */
    public String describe() {
        return words.stream().map(OcrWord::text).collect(Collectors.joining(" "));
    }
}
