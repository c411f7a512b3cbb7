package org.onewindow.service.intake.ocr;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.intake.InspectedFile;
import org.onewindow.service.intake.IntakeLimits;
import org.onewindow.service.intake.MaterialIntake;
import org.onewindow.service.intake.MaterialNormalizer;
import org.onewindow.service.intake.TestFiles;
import org.onewindow.storage.fs.FileSystemObjectStore;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectPageImageTest {
    @TempDir
    Path temp;

    @Test
    void intakePagesGoToTesseractAsTheirImagesOthersAreRendered() throws Exception {
        byte[] jpeg = TestFiles.jpeg(TestFiles.markedImage(600, 300));
        byte[] png = TestFiles.png(TestFiles.markedImage(300, 600));
        byte[] turned = TestFiles.withExifOrientation(TestFiles.jpeg(TestFiles.markedImage(600, 300)), 6);
        Path pdf = temp.resolve("n.pdf");
        try (FileSystemObjectStore store = new FileSystemObjectStore(temp.resolve("store"))) {
            MaterialIntake intake = new MaterialIntake(store, IntakeLimits.defaults(), temp.resolve("spool"));
            List<InspectedFile> files = new ArrayList<>();
            for (byte[] file : List.of(jpeg, png, turned)) {
                files.add(intake.receive(new ByteArrayInputStream(file), null));
            }
            new MaterialNormalizer().normalize(files, pdf);
            files.forEach(f -> f.upload().close());
        }
        Path blank = temp.resolve("blank.pdf");
        Files.write(blank, TestFiles.simplePdf(1));
        try (PDDocument doc = Loader.loadPDF(pdf.toFile()); PDDocument other = Loader.loadPDF(blank.toFile())) {
            Tesseract.PageFile first = DirectPageImage.extract(doc.getPage(0), temp, 40_000_000L, Deskew.defaults()).orElseThrow();
            assertTrue(first.file().toString().endsWith(".jpg"));
            assertArrayEquals(jpeg, Files.readAllBytes(first.file()), "JPEG handed over without decoding");
            assertEquals(300, first.dpi());
            Tesseract.PageFile second = DirectPageImage.extract(doc.getPage(1), temp, 40_000_000L, Deskew.defaults()).orElseThrow();
            assertTrue(second.file().toString().endsWith(".ppm"), "RGB samples go out as PPM: " + second.file());
            assertEquals(300, second.widthPixels());
            assertTrue(DirectPageImage.extract(doc.getPage(2), temp, 40_000_000L, Deskew.defaults()).isEmpty(), "turned pages are rendered");
            assertTrue(DirectPageImage.extract(other.getPage(0), temp, 40_000_000L, Deskew.defaults()).isEmpty());
            byte[] header = Arrays.copyOf(Files.readAllBytes(second.file()), 2);
            assertArrayEquals("P6".getBytes(), header);
            assertEquals(3L * 300 * 600 + "P6\n300 600\n255\n".length(), Files.size(second.file()));
        }
    }

    @Test
    void aSkewedJpegPageIsStraightenedForTesseract() throws Exception {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(1200, 1500,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 1200, 1500);
        g.rotate(Math.toRadians(-3), 600, 750);
        g.setColor(java.awt.Color.BLACK);
        g.setFont(TestFiles.cjkFont().deriveFont(40f));
        for (int i = 0; i < 12; i++) {
            g.drawString("申请人应当如实提交有关材料和反映真实情况", 100, 150 + i * 100);
        }
        g.dispose();
        Path pdf = temp.resolve("skewed.pdf");
        try (FileSystemObjectStore store = new FileSystemObjectStore(temp.resolve("store"))) {
            MaterialIntake intake = new MaterialIntake(store, IntakeLimits.defaults(), temp.resolve("spool"));
            InspectedFile file = intake.receive(new ByteArrayInputStream(TestFiles.jpeg(image)), null);
            new MaterialNormalizer().normalize(List.of(file), pdf);
            file.upload().close();
        }
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            Tesseract.PageFile page = DirectPageImage.extract(doc.getPage(0), temp, 40_000_000L, Deskew.defaults())
                    .orElseThrow();
            assertEquals(-3, page.deskewDegrees(), 0.2);
            assertTrue(page.file().toString().endsWith(".pgm"), page.file().toString());
            assertEquals(1200L * 1500 + "P5\n1200 1500\n255\n".length(), Files.size(page.file()));
            Tesseract.PageFile asIs = DirectPageImage.extract(doc.getPage(0), temp, 40_000_000L, Deskew.off())
                    .orElseThrow();
            assertTrue(asIs.file().toString().endsWith(".jpg"), "without deskew the JPEG goes as it is");
            assertEquals(0, asIs.deskewDegrees());
        }
    }
}
