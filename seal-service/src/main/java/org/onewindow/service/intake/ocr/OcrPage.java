package org.onewindow.service.intake.ocr;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The OCR result of one page image.
 *
 * @param widthPixels  width of the image that was read
 * @param heightPixels height of the image that was read
 * @param dpi          the resolution the image was rendered at
 * @param words        recognized words in reading order
 */
public record OcrPage(int widthPixels, int heightPixels, double dpi, List<OcrWord> words) {
    public OcrPage {
        words = List.copyOf(words);
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
