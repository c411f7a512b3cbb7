package org.onewindow.service.intake.ocr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.intake.InspectedFile;
import org.onewindow.service.intake.IntakeLimits;
import org.onewindow.service.intake.MaterialIntake;
import org.onewindow.service.intake.MaterialNormalizer;
import org.onewindow.service.intake.TestFiles;
import org.onewindow.storage.fs.FileSystemObjectStore;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several pages read by one tesseract process, and the engine's batches. */
class TesseractBatchTest {
    private static final List<List<String>> TEXTS = List.of(
            List.of("营业执照申请书", "Business Licence 2026"),
            List.of("法定代表人身份证明", "联系电话 021-58881234"),
            List.of("房屋租赁合同一份", "邮政编码 200120"),
            List.of("不动产登记申请审批表", "No. 2026-0117"),
            List.of("食品经营许可证延续", "受理条件 A5"));

    @TempDir
    Path temp;

    private static BufferedImage page(int i) {
        return TestFiles.textPage(1100, 300, TEXTS.get(i), 44f);
    }

    @Test
    void aBatchReadsEachPageAsASingleRunWouldAndReportsEachPage() throws Exception {
        Tesseract tesseract = Tesseract.defaults();
        tesseract.checkInstalled();
        List<Tesseract.PageFile> files = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            BufferedImage image = page(i);
            files.add(PageImages.write(PageImages.greySamples(image), image.getWidth(), image.getHeight(), 1, 300, 0, temp));
        }
        List<Integer> finished = new ArrayList<>();
        List<OcrPage> batch = tesseract.recognizeAll(files, finished::add);
        assertEquals(List.of(1, 2, 3), finished);
        assertEquals(3, batch.size());
        for (int i = 0; i < 3; i++) {
            Tesseract.PageFile file = files.get(i);
            OcrPage single = tesseract.recognize(file.file(), file.widthPixels(), file.heightPixels(), 300);
            assertEquals(single.words(), batch.get(i).words(), "page " + (i + 1));
            assertTrue(batch.get(i).text().replaceAll("\\s", "").contains(TEXTS.get(i).get(0).substring(1)), batch.get(i).text());
        }
        try (var left = Files.list(temp)) {
            assertEquals(3, left.count(), "only the page images remain (no list or output files)");
        }
    }

    @Test
    void engineBatchesRunsOfScannedPagesAroundPagesThatHaveText() throws Exception {
        Path pdf = temp.resolve("mixed.pdf");
        try (FileSystemObjectStore store = new FileSystemObjectStore(temp.resolve("store"))) {
            MaterialIntake intake = new MaterialIntake(store, IntakeLimits.defaults(), temp.resolve("spool"));
            List<InspectedFile> files = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                files.add(intake.receive(new ByteArrayInputStream(TestFiles.png(page(i))), null));
                if (i == 1) {
                    files.add(intake.receive(new ByteArrayInputStream(pdfWithText()), null));
                }
            }
            new MaterialNormalizer().normalize(files, pdf);
            files.forEach(f -> f.upload().close());
        }
        List<String> progress = new CopyOnWriteArrayList<>();
        List<OcrPage> pages;
        try (OcrEngine engine = new OcrEngine(Tesseract.defaults(), 2, 40_000_000L, temp.resolve("scratch"))) {
            pages = engine.recognize(pdf, (done, total) -> progress.add(done + "/" + total), OcrEngine.PageVisitor.NONE);
        }
        assertEquals(6, pages.size());
        List<Integer> scans = List.of(0, 1, 3, 4, 5);
        for (int i = 0; i < scans.size(); i++) {
            String text = pages.get(scans.get(i)).text().replaceAll("\\s", "");
            assertTrue(text.contains(TEXTS.get(i).get(0).substring(1)), "page " + (scans.get(i) + 1) + ": " + text);
        }
        assertNull(pages.get(2), "the page with text is left alone");
        assertEquals(6, progress.size(), progress.toString());
        assertTrue(progress.contains("6/6"), progress.toString());
        try (var left = Files.list(temp.resolve("scratch"))) {
            assertEquals(0, left.count(), "scratch files left behind");
        }
    }

    @Test
    void batchesShrinkTowardsTheEnd() {
        try (OcrEngine two = new OcrEngine(Tesseract.defaults(), 2, 1, temp);
             OcrEngine one = new OcrEngine(Tesseract.defaults(), 1, 1, temp)) {
            assertEquals(OcrEngine.MAX_BATCH_PAGES, two.batchSize(100));
            assertEquals(2, two.batchSize(4));
            assertEquals(1, two.batchSize(1));
            assertEquals(4, one.batchSize(4));
            assertEquals(OcrEngine.MAX_BATCH_PAGES, one.batchSize(30));
        }
    }

    private static byte[] pdfWithText() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (com.itextpdf.kernel.pdf.PdfDocument pdf = new com.itextpdf.kernel.pdf.PdfDocument(
                new com.itextpdf.kernel.pdf.PdfWriter(out))) {
            new com.itextpdf.kernel.pdf.canvas.PdfCanvas(pdf.addNewPage()).beginText()
                    .setFontAndSize(com.itextpdf.kernel.font.PdfFontFactory.createFont(), 12)
                    .moveText(72, 700).showText("already text").endText();
        }
        return out.toByteArray();
    }
}
