package org.onewindow.service.seal.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.itextpdf.kernel.geom.PageSize;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.canvas.PdfCanvas;
import com.itextpdf.kernel.pdf.xobject.PdfFormXObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The vector form, read back with PDFBox (an independent implementation from the iText that wrote it). */
class SealPdfRendererTest {

    private static final SealImageSpec DEPARTMENT =
            SealImageSpec.specialSeal("敦煌市食品药品监督管理局", "行政审批专用章").withCodeText("6209820012345");

    private final SealPdfRenderer renderer = new SealPdfRenderer();

    @Test
    void standalonePdfIsTheSealSizeAndItsTextExtracts() throws IOException {
        SealLayout layout = SealLayout.compute(DEPARTMENT);
        try (PDDocument pdf = Loader.loadPDF(renderer.toStandalonePdf(layout, SealPdfRenderer.TextMode.TEXT))) {
            assertEquals(1, pdf.getNumberOfPages());
            PDPage page = pdf.getPage(0);
            assertEquals(40 * 72 / 25.4, page.getMediaBox().getWidth(), 0.01);
            assertEquals(40 * 72 / 25.4, page.getMediaBox().getHeight(), 0.01);
            String text = extract(pdf);
            assertTrue(text.contains("敦煌市食品药品监督管理局"), text);
            assertTrue(text.contains("行政审批专用章"), text);
            assertTrue(text.contains("6209820012345"), text);
        }
    }

    @Test
    void fontIsEmbeddedAsASubsetWithUnicodeMapping() throws IOException {
        SealLayout layout = SealLayout.compute(SealImageSpec.specialSeal("敦煌市行政服务中心", "受理专用章"));
        try (PDDocument pdf = Loader.loadPDF(renderer.toStandalonePdf(layout, SealPdfRenderer.TextMode.TEXT))) {
            List<PDFont> fonts = fonts(pdf.getPage(0).getResources());
            assertEquals(1, fonts.size(), "one font for all seal text");
            PDType0Font font = (PDType0Font) fonts.get(0);
            assertTrue(font.getName().matches("[A-Z]{6}\\+.+"), "subset tag expected: " + font.getName());
            assertNotNull(font.getDescendantFont().getFontDescriptor().getFontFile2(), "TrueType program embedded");
            assertTrue(font.getCOSObject().containsKey(COSName.TO_UNICODE), "ToUnicode map present");
        }
    }

    @Test
    void outlineModeDrawsPathsWithoutAnyFontOrText() throws IOException {
        SealLayout layout = SealLayout.compute(DEPARTMENT);
        try (PDDocument pdf = Loader.loadPDF(renderer.toStandalonePdf(layout, SealPdfRenderer.TextMode.OUTLINES))) {
            assertTrue(fonts(pdf.getPage(0).getResources()).isEmpty());
            assertEquals("", extract(pdf));
        }
    }

    @Test
    void formXObjectPlacedOnADocumentPageIsReadBack() throws IOException {
        SealLayout layout = SealLayout.compute(SealImageSpec.specialSeal("敦煌市行政服务中心", "审批专用章"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PdfDocument pdf = new PdfDocument(new PdfWriter(out))) {
            PdfCanvas canvas = new PdfCanvas(pdf.addNewPage(PageSize.A4));
            PdfFormXObject seal = renderer.toFormXObject(layout, pdf, SealPdfRenderer.TextMode.TEXT);
            assertEquals(SealPdfRenderer.sizePt(layout), seal.getBBox().toRectangle().getWidth(), 0.01);
            canvas.addXObjectAt(seal, 400, 100);
            canvas.release();
        }
        try (PDDocument pdf = Loader.loadPDF(out.toByteArray())) {
            String text = extract(pdf);
            assertTrue(text.contains("敦煌市行政服务中心"), text);
            assertTrue(text.contains("审批专用章"), text);
        }
    }

    @Test
    void qpdfFindsNoStructuralErrors(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path file = tmp.resolve("seal.pdf");
        java.nio.file.Files.write(file, renderer.toStandalonePdf(SealLayout.compute(DEPARTMENT),
                SealPdfRenderer.TextMode.TEXT));
        Process p;
        try {
            p = new ProcessBuilder("qpdf", "--check", file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("qpdf not found: install the Debian package qpdf", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("No syntax or stream encoding errors"), out);
    }

    /** Both renderers draw the same layout: PDFBox's rendering of the PDF matches the Java2D PNG. */
    @ParameterizedTest
    @EnumSource(SealPdfRenderer.TextMode.class)
    void pdfRendersToTheSamePictureAsThePng(SealPdfRenderer.TextMode mode) throws IOException {
        SealLayout layout = SealLayout.compute(DEPARTMENT);
        int dpi = 600;
        BufferedImage png = new SealPngRenderer().render(layout, dpi);
        BufferedImage fromPdf;
        try (PDDocument pdf = Loader.loadPDF(renderer.toStandalonePdf(layout, mode))) {
            fromPdf = new PDFRenderer(pdf).renderImageWithDPI(0, dpi, ImageType.ARGB);
        }
        assertEquals(png.getWidth(), fromPdf.getWidth(), 1.0);
        int w = Math.min(png.getWidth(), fromPdf.getWidth());
        int h = Math.min(png.getHeight(), fromPdf.getHeight());
        long union = 0;
        long differ = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int a = png.getRGB(x, y) >>> 24;
                int b = fromPdf.getRGB(x, y) >>> 24;
                if (a >= 128 || b >= 128) {
                    union++;
                }
                // The two rasterisers may place an edge one pixel apart; count only ink with no ink within a
                // pixel of it in the other picture, or the other way round.
                if (a >= 224 && maxAlphaAround(fromPdf, x, y) < 32 || b >= 224 && maxAlphaAround(png, x, y) < 32) {
                    differ++;
                }
            }
        }
        double mismatch = (double) differ / union;
        assertTrue(union > w * h / 20, "seal has ink");
        assertTrue(mismatch < 0.002, "PDF and PNG differ in " + Math.round(mismatch * 1000) / 10.0 + "% of ink pixels");
        // And the PDF's ink is the spec colour.
        int c = w / 2;
        SealPngRendererTest.assertColour(DEPARTMENT.colorRgb(), fromPdf.getRGB(c, c), 8);
        assertFalse((fromPdf.getRGB(0, 0) >>> 24) > 0, "PDF page corner transparent");
    }

    private static int maxAlphaAround(BufferedImage image, int x, int y) {
        int max = 0;
        for (int j = Math.max(0, y - 1); j <= Math.min(image.getHeight() - 1, y + 1); j++) {
            for (int i = Math.max(0, x - 1); i <= Math.min(image.getWidth() - 1, x + 1); i++) {
                max = Math.max(max, image.getRGB(i, j) >>> 24);
            }
        }
        return max;
    }

    private static String extract(PDDocument pdf) throws IOException {
        return new PDFTextStripper().getText(pdf).replaceAll("\\s+", "");
    }

    private static List<PDFont> fonts(PDResources resources) throws IOException {
        List<PDFont> out = new ArrayList<>();
        for (COSName name : resources.getFontNames()) {
            out.add(resources.getFont(name));
        }
        for (COSName name : resources.getXObjectNames()) {
            PDXObject x = resources.getXObject(name);
            if (x instanceof PDFormXObject form && form.getResources() != null) {
                out.addAll(fonts(form.getResources()));
            }
        }
        return out;
    }
}
