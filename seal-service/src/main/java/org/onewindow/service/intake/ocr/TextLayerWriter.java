package org.onewindow.service.intake.ocr;

import com.itextpdf.io.font.PdfEncodings;
import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.kernel.font.PdfFontFactory;
import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfPage;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.canvas.PdfCanvas;
import com.itextpdf.kernel.pdf.canvas.PdfCanvasConstants;
import com.itextpdf.pdfa.PdfADocument;

import java.awt.geom.AffineTransform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Adds recognized words to a PDF as invisible text (render mode 3) in an embedded CJK font, each word
 * stretched over its box, so the scan stays as it was while its text can be searched, selected and extracted.
 * Words read from a straightened copy of a skewed page are written along the page's own slope.
 */
public final class TextLayerWriter {
    /** AR PL SungtiL GB (Debian {@code fonts-arphic-gbsn00lp}): a TrueType CJK font that embeds cleanly. */
    public static final String DEFAULT_FONT = "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf";

    private final String fontFile;

    public TextLayerWriter(String fontFile) {
        this.fontFile = fontFile;
    }

    /**
     * Copies {@code input} to {@code output} with a text layer on every page that has an entry in
     * {@code pages} (index = page number - 1; {@code null} entries are skipped).
     *
     * @param keepPdfA whether the input is a PDF/A document written by intake (then the output stays PDF/A)
     * @return how many words were written
     */
    public int write(Path input, Path output, List<OcrPage> pages, boolean keepPdfA) {
        int written = 0;
        try (PdfReader reader = new PdfReader(input.toFile());
             PdfDocument pdf = keepPdfA ? new PdfADocument(reader, new PdfWriter(output.toFile()))
                     : new PdfDocument(reader, new PdfWriter(output.toFile()))) {
            PdfFont font;
            try {
                font = PdfFontFactory.createFont(fontFile, PdfEncodings.IDENTITY_H,
                        PdfFontFactory.EmbeddingStrategy.FORCE_EMBEDDED);
            } catch (IOException e) {
                throw new UncheckedIOException("CJK font " + fontFile
                        + " cannot be read (Debian package fonts-arphic-gbsn00lp)", e);
            }
            for (int i = 0; i < Math.min(pages.size(), pdf.getNumberOfPages()); i++) {
                OcrPage ocr = pages.get(i);
                if (ocr != null && !ocr.words().isEmpty()) {
                    written += writePage(pdf.getPage(i + 1), ocr, font);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }

    private int writePage(PdfPage page, OcrPage ocr, PdfFont font) {
        Rectangle crop = page.getCropBox();
        AffineTransform toUser = displayToUser(crop, page.getRotation(), 72.0 / ocr.dpi());
        // boxes of a straightened page lie in the straightened image: turn them back onto the page as stored
        toUser.concatenate(ocr.toImage());
        double scale = 72.0 / ocr.dpi();
        PdfCanvas canvas = new PdfCanvas(page.newContentStreamAfter(), page.getResources(), page.getDocument());
        canvas.saveState().beginText().setTextRenderingMode(PdfCanvasConstants.TextRenderingMode.INVISIBLE);
        int written = 0;
        for (OcrWord word : ocr.words()) {
            String text = printable(word.text(), font);
            if (text.isEmpty() || word.width() <= 0 || word.height() <= 0) {
                continue;
            }
            float size = (float) (word.height() * scale);
            float natural = font.getWidth(text, size);
            if (natural <= 0) {
                continue;
            }
            float stretch = (float) (word.width() * scale / natural * 100);
            // text space (1 unit = 1 point, y up) → display pixels (y down) → user space
            AffineTransform textToDisplay = new AffineTransform(1 / scale, 0, 0, -1 / scale,
                    word.left(), word.top() + word.height());
            AffineTransform matrix = new AffineTransform(toUser);
            matrix.concatenate(textToDisplay);
            canvas.setFontAndSize(font, size).setHorizontalScaling(stretch)
                    .setTextMatrix((float) matrix.getScaleX(), (float) matrix.getShearY(), (float) matrix.getShearX(),
                            (float) matrix.getScaleY(), (float) matrix.getTranslateX(), (float) matrix.getTranslateY())
                    .showText(text);
            written++;
        }
        canvas.endText().restoreState().release();
        return written;
    }

    /** Maps pixels of the page as rendered (rotation applied, origin top-left) to PDF user space. */
    static AffineTransform displayToUser(Rectangle crop, int rotation, double s) {
        double x0 = crop.getX();
        double y0 = crop.getY();
        double w = crop.getWidth();
        double h = crop.getHeight();
        return switch (((rotation % 360) + 360) % 360) {
            case 90 -> new AffineTransform(0, s, s, 0, x0, y0);
            case 180 -> new AffineTransform(-s, 0, 0, s, x0 + w, y0);
            case 270 -> new AffineTransform(0, -s, -s, 0, x0 + w, y0 + h);
            default -> new AffineTransform(s, 0, 0, -s, x0, y0 + h);
        };
    }

    /** Drops characters the font has no glyph for (PDF/A forbids showing .notdef). */
    private static String printable(String text, PdfFont font) {
        StringBuilder kept = new StringBuilder();
        text.codePoints().filter(c -> !Character.isISOControl(c) && font.containsGlyph(c)).forEach(kept::appendCodePoint);
        return kept.toString().strip();
    }
}
