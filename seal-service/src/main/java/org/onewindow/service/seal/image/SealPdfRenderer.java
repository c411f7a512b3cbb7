package org.onewindow.service.seal.image;

import com.itextpdf.io.font.FontProgram;
import com.itextpdf.io.font.FontProgramFactory;
import com.itextpdf.io.font.PdfEncodings;
import com.itextpdf.kernel.colors.DeviceRgb;
import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.kernel.font.PdfFontFactory;
import com.itextpdf.kernel.geom.PageSize;
import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.PdfDictionary;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfName;
import com.itextpdf.kernel.pdf.PdfPage;
import com.itextpdf.kernel.pdf.PdfString;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.canvas.PdfCanvas;
import com.itextpdf.kernel.pdf.canvas.PdfCanvasConstants;
import com.itextpdf.kernel.pdf.xobject.PdfFormXObject;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.PathIterator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a {@link SealLayout} as PDF vector graphics with iText: a form XObject for signature appearances, or a
 * standalone one-page PDF exactly the seal's size. By default the texts are real text in the seal font,
 * embedded as a subset with a ToUnicode map, so extraction reads the names back; {@link TextMode#OUTLINES}
 * draws them as paths instead (no font in the file, nothing to extract). Thread-safe: every drawing parses its
 * own font program, because iText reads glyph data from the program's file reader when the document closes.
 */
public final class SealPdfRenderer {

    /** How texts are written into the PDF. */
    public enum TextMode {
        /** Real text with the font embedded and subset (default). */
        TEXT,
        /** Glyph outlines as filled paths. */
        OUTLINES
    }

    /** PDF points per millimetre. */
    public static final double PT_PER_MM = 72 / 25.4;

    /** Side of the square seal in PDF points. */
    public static double sizePt(SealLayout layout) {
        return layout.spec().diameterMm() * PT_PER_MM;
    }

    /**
     * A form XObject of the seal, {@link #sizePt(SealLayout)} square with the origin at its lower left, to be
     * placed on a page or used as (part of) a signature field appearance of {@code pdf}. Fonts are created for
     * {@code pdf} and cannot be shared with another document.
     */
    public PdfFormXObject toFormXObject(SealLayout layout, PdfDocument pdf, TextMode mode) {
        double size = sizePt(layout);
        PdfFormXObject form = new PdfFormXObject(new Rectangle(0, 0, (float) size, (float) size));
        PdfCanvas canvas = new PdfCanvas(form, pdf);
        draw(layout, canvas, pdf, mode);
        canvas.release();
        return form;
    }

    /** {@link #toFormXObject(SealLayout, PdfDocument, TextMode)} with real text. */
    public PdfFormXObject toFormXObject(SealLayout layout, PdfDocument pdf) {
        return toFormXObject(layout, pdf, TextMode.TEXT);
    }

    /** {@link #toStandalonePdf(SealLayout, TextMode)} with real text. */
    public byte[] toStandalonePdf(SealLayout layout) {
        return toStandalonePdf(layout, TextMode.TEXT);
    }

    /** A one-page PDF whose page is exactly the seal (diameter × diameter), with the seal drawn on it. */
    public byte[] toStandalonePdf(SealLayout layout, TextMode mode) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PdfDocument pdf = new PdfDocument(new PdfWriter(out))) {
            pdf.getDocumentInfo().setTitle(layout.spec().organizationName() + " " + layout.spec().sealName());
            float size = (float) sizePt(layout);
            PdfPage page = pdf.addNewPage(new PageSize(size, size));
            PdfFormXObject form = toFormXObject(layout, pdf, mode);
            new PdfCanvas(page).addXObjectAt(form, 0, 0).release();
        }
        return out.toByteArray();
    }

    private void draw(SealLayout layout, PdfCanvas canvas, PdfDocument pdf, TextMode mode) {
        SealImageSpec spec = layout.spec();
        int rgb = spec.colorRgb();
        DeviceRgb colour = new DeviceRgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
        double half = sizePt(layout) / 2;
        canvas.saveState();
        // From here on user space is the layout frame: millimetres, origin at the centre, y up.
        canvas.concatMatrix(PT_PER_MM, 0, 0, PT_PER_MM, half, half);
        canvas.setFillColor(colour).setStrokeColor(colour);

        canvas.circle(0, 0, layout.outerRadiusMm()).circle(0, 0, layout.innerRadiusMm()).eoFill();
        Shape star = layout.starShape();
        if (star != null) {
            appendPath(canvas, star);
            canvas.fill();
        }

        double weight = spec.textWeightMm();
        canvas.setLineWidth((float) weight)
                .setLineJoinStyle(PdfCanvasConstants.LineJoinStyle.ROUND)
                .setLineCapStyle(PdfCanvasConstants.LineCapStyle.ROUND);
        if (mode == TextMode.TEXT) {
            drawText(layout, canvas, pdf, weight > 0);
        } else {
            for (SealLayout.PlacedGlyph glyph : layout.glyphs()) {
                appendPath(canvas, glyph.outline());
                if (weight > 0) {
                    canvas.fillStroke();
                } else {
                    canvas.fill();
                }
            }
        }
        canvas.restoreState();
    }

    /**
     * Each character is shown with its own text matrix (position, rotation, condensing); each text is wrapped
     * in a marked-content span whose ActualText is the whole text, for extractors that honour it.
     */
    private void drawText(SealLayout layout, PdfCanvas canvas, PdfDocument pdf, boolean stroke) {
        Map<FontRef, PdfFont> fonts = new HashMap<>();
        for (SealLayout.TextRole role : SealLayout.TextRole.values()) {
            List<SealLayout.PlacedGlyph> glyphs = layout.glyphs(role);
            if (glyphs.isEmpty()) {
                continue;
            }
            PdfDictionary properties = new PdfDictionary();
            properties.put(PdfName.ActualText, new PdfString(layout.text(role), PdfEncodings.UNICODE_BIG));
            canvas.beginMarkedContent(PdfName.Span, properties);
            canvas.beginText();
            canvas.setTextRenderingMode(stroke ? PdfCanvasConstants.TextRenderingMode.FILL_STROKE
                    : PdfCanvasConstants.TextRenderingMode.FILL);
            for (SealLayout.PlacedGlyph glyph : glyphs) {
                PdfFont font = fonts.computeIfAbsent(glyph.font().ref(), ref -> pdfFont(ref, pdf));
                AffineTransform m = glyph.emToLayout();
                canvas.setFontAndSize(font, 1);
                canvas.setTextMatrix((float) m.getScaleX(), (float) m.getShearY(), (float) m.getShearX(),
                        (float) m.getScaleY(), (float) m.getTranslateX(), (float) m.getTranslateY());
                canvas.showText(glyph.character());
            }
            canvas.endText();
            canvas.endMarkedContent();
        }
    }

    private PdfFont pdfFont(FontRef ref, PdfDocument pdf) {
        String path = ref.file().toString();
        try {
            // A program per document: iText writes the subset when the signer's document closes, reading glyph
            // data through the program's single file reader, so one program shared by concurrent seals could be
            // read at another thread's position and embed a corrupt subset.
            FontProgram program = ref.isCollection()
                    ? FontProgramFactory.createFont(path, ref.collectionIndex(), false)
                    : FontProgramFactory.createFont(path, false);
            PdfFont font = PdfFontFactory.createFont(program, PdfEncodings.IDENTITY_H,
                    PdfFontFactory.EmbeddingStrategy.FORCE_EMBEDDED);
            font.setSubset(true);
            return font;
        } catch (IOException | RuntimeException e) {
            String pkg = ref.debianPackage();
            throw new SealImageException(SealImageException.Reason.FONT_UNAVAILABLE,
                    "seal font " + path + " cannot be embedded in PDF: " + e.getMessage()
                            + (pkg != null ? " (Debian package " + pkg + ")" : ""), e);
        }
    }

    /** Appends a Java2D path (already in the layout frame) to the canvas; quadratic segments become cubic. */
    private static void appendPath(PdfCanvas canvas, Shape shape) {
        PathIterator it = shape.getPathIterator(null);
        double[] c = new double[6];
        double x = 0;
        double y = 0;
        while (!it.isDone()) {
            switch (it.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> {
                    canvas.moveTo(c[0], c[1]);
                    x = c[0];
                    y = c[1];
                }
                case PathIterator.SEG_LINETO -> {
                    canvas.lineTo(c[0], c[1]);
                    x = c[0];
                    y = c[1];
                }
                case PathIterator.SEG_QUADTO -> {
                    canvas.curveTo(x + 2.0 / 3 * (c[0] - x), y + 2.0 / 3 * (c[1] - y),
                            c[2] + 2.0 / 3 * (c[0] - c[2]), c[3] + 2.0 / 3 * (c[1] - c[3]), c[2], c[3]);
                    x = c[2];
                    y = c[3];
                }
                case PathIterator.SEG_CUBICTO -> {
                    canvas.curveTo(c[0], c[1], c[2], c[3], c[4], c[5]);
                    x = c[4];
                    y = c[5];
                }
                case PathIterator.SEG_CLOSE -> canvas.closePath();
                default -> throw new IllegalStateException("unknown path segment");
            }
            it.next();
        }
    }
}
