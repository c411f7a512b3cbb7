package org.onewindow.service.intake;

import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.PdfDictionary;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfName;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfStream;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.action.PdfAction;
import com.itextpdf.kernel.pdf.annot.PdfLinkAnnotation;
import com.itextpdf.kernel.pdf.filespec.PdfFileSpec;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.storage.fs.FileSystemObjectStore;
import org.verapdf.pdfa.flavours.PDFAFlavour;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaterialNormalizerTest {
    @TempDir
    Path temp;
    private FileSystemObjectStore store;
    private MaterialIntake intake;
    private final MaterialNormalizer normalizer = new MaterialNormalizer();
    private final List<InspectedFile> open = new ArrayList<>();

    @BeforeEach
    void setUp() {
        store = new FileSystemObjectStore(temp.resolve("store"));
        intake = new MaterialIntake(store, IntakeLimits.defaults(), temp.resolve("spool"));
    }

    @AfterEach
    void tearDown() {
        open.forEach(f -> f.upload().close());
        store.close();
    }

    private InspectedFile receive(byte[] content, String name) {
        InspectedFile file = intake.receive(new ByteArrayInputStream(content), name);
        open.add(file);
        return file;
    }

    @Test
    void jpegIsPassedThroughUnchangedOnAPageSizedFromItsDpi() throws Exception {
        byte[] jpeg = withJfifDpi(TestFiles.jpeg(TestFiles.markedImage(600, 300)), 150);
        NormalizedPdf result = normalizer.normalize(List.of(receive(jpeg, "a.jpg")), temp.resolve("a.pdf"));
        assertEquals("PDF/A-2U", result.conformance());
        PdfAValidation.assertCompliant(result.file(), PDFAFlavour.PDFA_2_U);
        try (PdfDocument pdf = new PdfDocument(new PdfReader(result.file().toFile()))) {
            Rectangle size = pdf.getPage(1).getPageSize();
            assertEquals(600 * 72 / 150.0, size.getWidth(), 0.01);
            assertEquals(300 * 72 / 150.0, size.getHeight(), 0.01);
            PdfStream image = onlyImage(pdf);
            assertEquals(PdfName.DCTDecode, image.getAsName(PdfName.Filter));
            assertArrayEquals(jpeg, image.getBytes(false), "JPEG bytes must be embedded unchanged");
        }
    }

    @Test
    void missingDpiDefaultsTo300AndIsRecorded() throws Exception {
        byte[] png = TestFiles.png(TestFiles.markedImage(900, 600));
        NormalizedPdf result = normalizer.normalize(List.of(receive(png, "b.png")), temp.resolve("b.pdf"));
        assertTrue(result.actions().stream().anyMatch(a -> a.contains("assumed 300 dpi")), result.actions().toString());
        PdfAValidation.assertCompliant(result.file(), PDFAFlavour.PDFA_2_U);
        try (PdfDocument pdf = new PdfDocument(new PdfReader(result.file().toFile()))) {
            assertEquals(900 * 72 / 300.0, pdf.getPage(1).getPageSize().getWidth(), 0.01);
            assertEquals(PdfName.FlateDecode, onlyImage(pdf).getAsName(PdfName.Filter));
        }
    }

    @Test
    void pngPixelsSurviveLosslessly() throws Exception {
        BufferedImage original = TestFiles.markedImage(120, 90);
        NormalizedPdf result = normalizer.normalize(List.of(receive(TestFiles.png(original), "c.png")), temp.resolve("c.pdf"));
        try (PDDocument doc = Loader.loadPDF(result.file().toFile())) {
            var resources = doc.getPage(0).getResources();
            var name = resources.getXObjectNames().iterator().next();
            BufferedImage embedded = ((org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject) resources.getXObject(name)).getImage();
            for (int y = 0; y < original.getHeight(); y++) {
                for (int x = 0; x < original.getWidth(); x++) {
                    assertEquals(original.getRGB(x, y), embedded.getRGB(x, y), "pixel " + x + "," + y);
                }
            }
        }
    }

    @Test
    void exifOrientationIsHonouredWithoutRecompression() throws Exception {
        byte[] jpeg = TestFiles.withExifOrientation(TestFiles.jpeg(TestFiles.markedImage(400, 200)), 6);
        NormalizedPdf result = normalizer.normalize(List.of(receive(jpeg, "d.jpg")), temp.resolve("d.pdf"));
        PdfAValidation.assertCompliant(result.file(), PDFAFlavour.PDFA_2_U);
        try (PdfDocument pdf = new PdfDocument(new PdfReader(result.file().toFile()))) {
            Rectangle size = pdf.getPage(1).getPageSize();
            assertTrue(size.getHeight() > size.getWidth(), "a quarter-turned landscape image makes a portrait page");
            assertArrayEquals(jpeg, onlyImage(pdf).getBytes(false));
        }
        try (PDDocument doc = Loader.loadPDF(result.file().toFile())) {
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 36);
            int w = page.getWidth();
            int h = page.getHeight();
            // the stored top-left red block must appear top-right after a 90° clockwise turn
            assertRed(page.getRGB(w - 3, 3), "top-right");
            assertWhite(page.getRGB(3, 3), "top-left");
            assertWhite(page.getRGB(w - 3, h - 3), "bottom-right");
        }
    }

    @Test
    void everyOrientationPutsTheMarkedCornerWhereExifSays() throws Exception {
        // EXIF orientation → where the stored top-left corner appears (0 = left/top, 1 = right/bottom)
        int[][] corner = {{0, 0}, {0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}, {1, 0}, {1, 1}, {0, 1}};
        for (int orientation = 1; orientation <= 8; orientation++) {
            byte[] jpeg = TestFiles.withExifOrientation(TestFiles.jpeg(TestFiles.markedImage(400, 200)), orientation);
            Path out = temp.resolve("o" + orientation + ".pdf");
            normalizer.normalize(List.of(receive(jpeg, "o.jpg")), out);
            try (PDDocument doc = Loader.loadPDF(out.toFile())) {
                BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 36);
                int x = corner[orientation][0] == 0 ? 3 : page.getWidth() - 3;
                int y = corner[orientation][1] == 0 ? 3 : page.getHeight() - 3;
                assertRed(page.getRGB(x, y), "orientation " + orientation);
            }
        }
    }

    @Test
    void multiPageG4TiffBecomesCcittPages() throws Exception {
        byte[] tiff = TestFiles.tiffG4(List.of(TestFiles.markedImage(1700, 2200), TestFiles.markedImage(1700, 2200)), 200);
        byte[] jpeg = TestFiles.jpeg(TestFiles.markedImage(300, 300));
        NormalizedPdf result = normalizer.normalize(List.of(receive(tiff, "scan.tif"), receive(jpeg, "x.jpg")),
                temp.resolve("e.pdf"));
        assertEquals(3, result.pages());
        PdfAValidation.assertCompliant(result.file(), PDFAFlavour.PDFA_2_U);
        try (PdfDocument pdf = new PdfDocument(new PdfReader(result.file().toFile()))) {
            assertEquals(1700 * 72 / 200.0, pdf.getPage(1).getPageSize().getWidth(), 0.01);
            PdfDictionary xobjects = pdf.getPage(2).getResources().getResource(PdfName.XObject);
            PdfStream image = xobjects.getAsStream(xobjects.keySet().iterator().next());
            assertEquals(PdfName.CCITTFaxDecode, image.getAsName(PdfName.Filter));
        }
    }

    @Test
    void cleanPdfIsKeptByteForByte() throws Exception {
        byte[] pdf = TestFiles.simplePdf(2);
        NormalizedPdf result = normalizer.normalize(List.of(receive(pdf, "f.pdf")), temp.resolve("f.pdf"));
        assertArrayEquals(pdf, Files.readAllBytes(result.file()));
        assertEquals(List.of("kept the uploaded PDF unchanged"), result.actions());
        assertNull(result.conformance());
    }

    @Test
    void activeContentIsRemovedAndRecorded() throws Exception {
        byte[] hostile = hostilePdf();
        NormalizedPdf result = normalizer.normalize(List.of(receive(hostile, "g.pdf")), temp.resolve("g.pdf"));
        String actions = String.join("\n", result.actions());
        assertTrue(actions.contains("open action (/JavaScript)"), actions);
        assertTrue(actions.contains("embedded files"), actions);
        assertTrue(actions.contains("Launch action on page 1"), actions);
        try (PdfDocument cleaned = new PdfDocument(new PdfReader(result.file().toFile()))) {
            assertEquals(List.of(), PdfSanitizer.findActiveContent(cleaned));
            assertEquals(1, cleaned.getNumberOfPages());
        }
    }

    @Test
    void mixedMaterialIsMergedInOrderAndCleaned() throws Exception {
        byte[] jpeg = TestFiles.jpeg(TestFiles.markedImage(300, 300));
        NormalizedPdf result = normalizer.normalize(List.of(receive(jpeg, "1.jpg"), receive(hostilePdf(), "2.pdf"),
                receive(TestFiles.simplePdf(2), "3.pdf")), temp.resolve("h.pdf"));
        assertEquals(4, result.pages());
        try (PdfDocument merged = new PdfDocument(new PdfReader(result.file().toFile()))) {
            assertEquals(List.of(), PdfSanitizer.findActiveContent(merged));
            assertEquals(4, merged.getNumberOfPages());
        }
    }

    private static byte[] hostilePdf() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PdfDocument pdf = new PdfDocument(new PdfWriter(out))) {
            var page = pdf.addNewPage();
            pdf.getCatalog().setOpenAction(PdfAction.createJavaScript("app.alert('x')"));
            pdf.addFileAttachment("payload", PdfFileSpec.createEmbeddedFileSpec(pdf, "MZ".getBytes(), "payload",
                    "payload.exe", null, null));
            PdfLinkAnnotation link = new PdfLinkAnnotation(new Rectangle(10, 10, 100, 20));
            link.setAction(PdfAction.createLaunch(PdfFileSpec.createExternalFileSpec(pdf, "calc.exe")));
            page.addAnnotation(link);
        }
        return out.toByteArray();
    }

    private static PdfStream onlyImage(PdfDocument pdf) {
        PdfDictionary xobjects = pdf.getPage(1).getResources().getResource(PdfName.XObject);
        assertEquals(1, xobjects.size());
        return xobjects.getAsStream(xobjects.keySet().iterator().next());
    }

    /** Sets the JFIF density of an ImageIO-written JPEG (APP0 directly after SOI). */
    static byte[] withJfifDpi(byte[] jpeg, int dpi) {
        byte[] copy = jpeg.clone();
        assertEquals((byte) 0xE0, copy[3]);
        copy[13] = 1;
        copy[14] = (byte) (dpi >> 8);
        copy[15] = (byte) dpi;
        copy[16] = (byte) (dpi >> 8);
        copy[17] = (byte) dpi;
        return copy;
    }

    private static void assertRed(int rgb, String where) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        assertTrue(r > 200 && g < 80, where + " should be red, is " + Integer.toHexString(rgb));
    }

    private static void assertWhite(int rgb, String where) {
        assertTrue(((rgb >> 8) & 0xFF) > 200, where + " should be white, is " + Integer.toHexString(rgb));
    }
}
