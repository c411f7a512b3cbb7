package org.onewindow.service.intake;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.intake.ocr.OcrEngine;
import org.onewindow.service.intake.ocr.OcrPage;
import org.onewindow.service.intake.ocr.OcrProgress;
import org.onewindow.service.intake.ocr.Tesseract;
import org.onewindow.service.intake.ocr.TextLayerWriter;
import org.onewindow.storage.fs.FileSystemObjectStore;
import org.verapdf.pdfa.flavours.PDFAFlavour;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One small rendered page through normalization, tesseract and the invisible text layer. */
class OcrTextLayerTest {
    @TempDir
    Path temp;
    private FileSystemObjectStore store;
    private OcrEngine engine;

    @BeforeEach
    void setUp() {
        store = new FileSystemObjectStore(temp.resolve("store"));
        engine = new OcrEngine(Tesseract.defaults(), 2, 40_000_000L, temp.resolve("scratch"));
        engine.tesseract().checkInstalled();
    }

    @AfterEach
    void tearDown() {
        engine.close();
        store.close();
    }

    private static float[] firstGlyphPosition(Path pdf, char wanted) throws Exception {
        float[] found = {-1, -1};
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<org.apache.pdfbox.text.TextPosition> positions) {
                    for (var position : positions) {
                        if (found[0] < 0 && position.getUnicode().indexOf(wanted) >= 0) {
                            found[0] = position.getXDirAdj();
                            found[1] = position.getYDirAdj();
                        }
                    }
                }
            };
            stripper.getText(doc);
        }
        assertTrue(found[0] >= 0, "glyph " + wanted + " not found");
        return found;
    }

    @Test
    void pagesThatAlreadyHaveTextAreLeftAlone() throws Exception {
        Path born = temp.resolve("born.pdf");
        try (com.itextpdf.kernel.pdf.PdfDocument pdf = new com.itextpdf.kernel.pdf.PdfDocument(
                new com.itextpdf.kernel.pdf.PdfWriter(born.toFile()))) {
            var page = pdf.addNewPage();
            new com.itextpdf.kernel.pdf.canvas.PdfCanvas(page).beginText()
                    .setFontAndSize(com.itextpdf.kernel.font.PdfFontFactory.createFont(), 12)
                    .moveText(72, 700).showText("already text").endText();
            pdf.addNewPage();
        }
        List<String> progress = new CopyOnWriteArrayList<>();
        List<OcrPage> pages = engine.recognize(born, (done, total) -> progress.add(done + "/" + total),
                OcrEngine.PageVisitor.NONE);
        assertEquals(2, pages.size());
        assertEquals(null, pages.get(0));
        assertTrue(pages.get(1).words().isEmpty());
        assertEquals(2, progress.size());
    }

    @Test
    void scannedPageBecomesSearchablePdfA() throws Exception {
        byte[] png = TestFiles.png(TestFiles.textPage(1400, 420,
                List.of("营业执照申请书", "统一社会信用代码 91310000", "Business Licence 2026"), 48f));
        MaterialIntake intake = new MaterialIntake(store, IntakeLimits.defaults(), temp.resolve("spool"));
        InspectedFile file = intake.receive(new ByteArrayInputStream(png), "page.png");
        NormalizedPdf normalized;
        try (SpooledUpload ignored = file.upload()) {
            normalized = new MaterialNormalizer().normalize(List.of(file), temp.resolve("n.pdf"));
        }
        List<String> progress = new CopyOnWriteArrayList<>();
        List<OcrPage> pages = engine.recognize(normalized.file(), (done, total) -> progress.add(done + "/" + total),
                OcrEngine.PageVisitor.NONE);
        assertEquals(List.of("1/1"), progress);
        String recognized = pages.get(0).text().replaceAll("\\s", "");
        assertTrue(recognized.contains("营业执照申请书"), recognized);

        Path searchable = temp.resolve("s.pdf");
        int words = new TextLayerWriter(TextLayerWriter.DEFAULT_FONT).write(normalized.file(), searchable, pages, true);
        assertTrue(words >= 3, "words written: " + words);
        PdfAValidation.assertCompliant(searchable, PDFAFlavour.PDFA_2_U);
        try (PDDocument doc = Loader.loadPDF(searchable.toFile())) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            String text = stripper.getText(doc).replaceAll("\\s", "");
            assertTrue(text.contains("营业执照申请书"), text);
            assertTrue(text.contains("统一社会信用代码"), text);
            assertTrue(text.contains("Business"), text);
        }
        // the invisible word sits where the scan shows it: first line drawn at x = 96 px, baseline 96 px (300 dpi)
        float[] first = firstGlyphPosition(searchable, '营');
        assertEquals(96 * 72 / 300f, first[0], 4f, "x of 营");
        assertEquals(96 * 72 / 300f, first[1], 5f, "baseline of 营");
    }

    @Test
    void skewedPageIsReadStraightenedAndItsTextLayerFollowsTheSlope() throws Exception {
        int width = 2400;
        int height = 900;
        double angle = 3;
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING,
                java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.rotate(Math.toRadians(angle), width / 2.0, height / 2.0);
        g.setColor(java.awt.Color.BLACK);
        g.setFont(TestFiles.cjkFont().deriveFont(48f));
        List<String> lines = List.of("营业执照申请书和法定代表人身份证明", "统一社会信用代码 91310000MA1K3YJ12X",
                "办理地点为行政服务中心二楼综合窗口", "申请材料不齐全或者不符合法定形式的");
        for (int i = 0; i < lines.size(); i++) {
            g.drawString(lines.get(i), 120, 200 + i * 150);
        }
        g.dispose();
        MaterialIntake intake = new MaterialIntake(store, IntakeLimits.defaults(), temp.resolve("spool"));
        InspectedFile file = intake.receive(new ByteArrayInputStream(TestFiles.png(image)), "skewed.png");
        NormalizedPdf normalized;
        try (SpooledUpload ignored = file.upload()) {
            normalized = new MaterialNormalizer().normalize(List.of(file), temp.resolve("k.pdf"));
        }
        OcrPage page = engine.recognize(normalized.file(), OcrProgress.NONE, OcrEngine.PageVisitor.NONE).get(0);
        assertEquals(angle, page.deskewDegrees(), 0.2, "estimated skew");
        String recognized = page.text().replaceAll("\\s", "");
        assertTrue(recognized.contains("业执照申请书") && recognized.contains("行政服务中心"), recognized);

        Path searchable = temp.resolve("ks.pdf");
        new TextLayerWriter(TextLayerWriter.DEFAULT_FONT).write(normalized.file(), searchable, List.of(page), true);
        PdfAValidation.assertCompliant(searchable, PDFAFlavour.PDFA_2_U);
        // 执 (third character, 48 px each) was drawn at (216, 200) before the page was turned by 3° about its
        // centre: that is where the scan shows it
        java.awt.geom.Point2D drawn = java.awt.geom.AffineTransform.getRotateInstance(Math.toRadians(angle),
                width / 2.0, height / 2.0).transform(new java.awt.geom.Point2D.Double(216, 200), null);
        float[] found = firstGlyphPosition(searchable, '执');
        assertEquals(drawn.getX() * 72 / 300, found[0], 4f, "x of 执");
        assertEquals(drawn.getY() * 72 / 300, found[1], 5f, "baseline of 执 (unmapped boxes would be ~14 pt off)");
    }
}
