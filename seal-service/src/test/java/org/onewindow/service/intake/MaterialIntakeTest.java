package org.onewindow.service.intake;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.fs.FileSystemObjectStore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaterialIntakeTest {
    @TempDir
    Path temp;
    private ObjectStore store;
    private MaterialIntake intake;
    private Path spool;

    @BeforeEach
    void setUp() {
        store = new FileSystemObjectStore(temp.resolve("store"));
        spool = temp.resolve("spool");
        intake = new MaterialIntake(store, IntakeLimits.defaults().withMaxFileBytes(5_000_000).withMaxPages(20), spool);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void storesOriginalUnchangedUnderItsSha256AndRecognizesDuplicates() throws Exception {
        byte[] jpeg = TestFiles.jpeg(TestFiles.markedImage(300, 200));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jpeg));

        StoredOriginal first = intake.accept(new ByteArrayInputStream(jpeg), "身份证.jpg");
        assertEquals("originals/sha256/" + sha.substring(0, 2) + "/" + sha, first.key());
        assertEquals(MaterialType.JPEG, first.type());
        assertFalse(first.duplicate());
        assertArrayEquals(jpeg, store.readAllBytes(first.key()));
        assertEquals("身份证.jpg", store.head(first.key()).orElseThrow().userMetadata().get("original-name"));
        assertEquals("image/jpeg", store.head(first.key()).orElseThrow().contentType());

        StoredOriginal again = intake.accept(new ByteArrayInputStream(jpeg), "copy.jpeg");
        assertTrue(again.duplicate());
        assertEquals(first.key(), again.key());
        assertEquals(1, keys().size());
        assertNoSpoolLeft();
    }

    @Test
    void detectsTypeFromContentNotName() {
        byte[] png = TestFiles.png(TestFiles.markedImage(100, 80));
        StoredOriginal unnamed = intake.accept(new ByteArrayInputStream(png), "scan");
        assertEquals(MaterialType.PNG, unnamed.type());
        StoredOriginal oddName = intake.accept(new ByteArrayInputStream(TestFiles.simplePdf(2)), "scan.bin");
        assertEquals(MaterialType.PDF, oddName.type());
        assertEquals(2, oddName.pageCount());
    }

    @Test
    void nameContentMismatchIs415WithBothTypes() {
        byte[] jpeg = TestFiles.jpeg(TestFiles.markedImage(100, 80));
        MaterialTypeException e = assertRejected(MaterialTypeException.class, jpeg, "contract.pdf");
        assertEquals(415, e.status());
        assertTrue(e.getMessage().contains("named as PDF") && e.getMessage().contains("JPEG"), e.getMessage());
    }

    @Test
    void unsupportedTypesAre415() {
        MaterialTypeException zip = assertRejected(MaterialTypeException.class,
                TestFiles.zip("a.txt", "hello".getBytes()), "archive.zip");
        assertTrue(zip.getMessage().contains("application/zip"), zip.getMessage());
        MaterialTypeException text = assertRejected(MaterialTypeException.class, "just text\n".getBytes(), "a.txt");
        assertTrue(text.getMessage().contains("text/plain"), text.getMessage());
    }

    @Test
    void hugePngHeaderIsRejectedWithoutDecoding() {
        byte[] bomb = TestFiles.pngHeaderOnly(50_000, 50_000);
        assertTrue(bomb.length < 100);
        MaterialLimitException e = assertRejected(MaterialLimitException.class, bomb, "bomb.png");
        assertEquals(413, e.status());
        assertTrue(e.getMessage().contains("50000×50000"), e.getMessage());
    }

    @Test
    void tiffBombsAreRejected() {
        MaterialLimitException huge = assertRejected(MaterialLimitException.class,
                TestFiles.tiffHeaderOnly(60_000, 60_000, 1), "bomb.tif");
        assertTrue(huge.getMessage().contains("60000×60000"), huge.getMessage());
        MaterialLimitException pages = assertRejected(MaterialLimitException.class,
                TestFiles.tiffHeaderOnly(10, 10, 25), "many.tif");
        assertTrue(pages.getMessage().contains("more than 20 pages"), pages.getMessage());
    }

    @Test
    void pdfWithAHugeImageIsRejectedWithoutDecodingIt() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (com.itextpdf.kernel.pdf.PdfDocument pdf = new com.itextpdf.kernel.pdf.PdfDocument(
                new com.itextpdf.kernel.pdf.PdfWriter(out))) {
            var page = pdf.addNewPage();
            var image = new com.itextpdf.kernel.pdf.PdfStream(new byte[]{0});
            image.put(com.itextpdf.kernel.pdf.PdfName.Type, com.itextpdf.kernel.pdf.PdfName.XObject);
            image.put(com.itextpdf.kernel.pdf.PdfName.Subtype, com.itextpdf.kernel.pdf.PdfName.Image);
            image.put(com.itextpdf.kernel.pdf.PdfName.Width, new com.itextpdf.kernel.pdf.PdfNumber(60_000));
            image.put(com.itextpdf.kernel.pdf.PdfName.Height, new com.itextpdf.kernel.pdf.PdfNumber(60_000));
            image.put(com.itextpdf.kernel.pdf.PdfName.ColorSpace, com.itextpdf.kernel.pdf.PdfName.DeviceGray);
            image.put(com.itextpdf.kernel.pdf.PdfName.BitsPerComponent, new com.itextpdf.kernel.pdf.PdfNumber(8));
            page.getResources().addImage(image);
        }
        MaterialLimitException e = assertRejected(MaterialLimitException.class, out.toByteArray(), "bomb.pdf");
        assertTrue(e.getMessage().contains("60000×60000"), e.getMessage());
    }

    @Test
    void tiffDirectoryLoopIsRejected() {
        byte[] tiff = TestFiles.tiffHeaderOnly(10, 10, 2);
        // point the second directory's "next" back to the first
        int secondNext = 8 + (2 + 12 * 5 + 4) + 2 + 12 * 5;
        tiff[secondNext] = 8;
        CorruptMaterialException e = assertRejected(CorruptMaterialException.class, tiff, "loop.tif");
        assertTrue(e.getMessage().contains("loop"), e.getMessage());
    }

    @Test
    void truncatedFilesAre422() {
        byte[] jpeg = TestFiles.jpeg(TestFiles.markedImage(200, 200));
        byte[] png = TestFiles.png(TestFiles.markedImage(200, 200));
        byte[] pdf = TestFiles.simplePdf(3);
        byte[] tiff = TestFiles.tiffG4(List.of(TestFiles.markedImage(400, 400)), 300);
        for (byte[] whole : List.of(jpeg, png, pdf, tiff)) {
            byte[] half = Arrays.copyOf(whole, whole.length * 2 / 3);
            CorruptMaterialException e = assertRejected(CorruptMaterialException.class, half, "half");
            assertEquals(422, e.status());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void zipPolyglotsAreRejected() {
        byte[] zip = TestFiles.zip("payload.js", "alert(1)".getBytes());
        for (byte[] carrier : List.of(TestFiles.simplePdf(1), TestFiles.jpeg(TestFiles.markedImage(64, 64)))) {
            CorruptMaterialException e = assertRejected(CorruptMaterialException.class,
                    TestFiles.concat(carrier, zip), "polyglot");
            assertTrue(e.getMessage().contains("ZIP"), e.getMessage());
        }
    }

    @Test
    void oversizedUploadStopsAtTheLimit() {
        MaterialIntake small = new MaterialIntake(store, IntakeLimits.defaults().withMaxFileBytes(1000), spool);
        // an endless stream: the limit must stop reading
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) 0);
                return len;
            }
        };
        MaterialLimitException e = assertThrows(MaterialLimitException.class, () -> small.accept(endless, "x.pdf"));
        assertTrue(e.getMessage().contains("1000 bytes"), e.getMessage());
        assertTrue(keys().isEmpty());
        assertNoSpoolLeft();
    }

    @Test
    void emptyAndCorruptFilesAreRejected() {
        assertRejected(CorruptMaterialException.class, new byte[0], "empty.png");
        byte[] garbledPdf = "%PDF-1.7\n garbage garbage \n%%EOF\n".getBytes();
        assertRejected(CorruptMaterialException.class, garbledPdf, "bad.pdf");
    }

    @Test
    void multiPageG4TiffIsAccepted() {
        byte[] tiff = TestFiles.tiffG4(List.of(TestFiles.markedImage(850, 1100), TestFiles.markedImage(850, 1100)), 100);
        InspectedFile file = intake.receive(new ByteArrayInputStream(tiff), "scan.tif");
        try (SpooledUpload ignored = file.upload()) {
            assertEquals(2, file.pageCount());
            assertEquals(850, file.imagePages().get(0).widthPixels());
            assertEquals(100, file.imagePages().get(1).dpiX(), 0.5);
        }
        assertNoSpoolLeft();
    }

    private <E extends Exception> E assertRejected(Class<E> type, byte[] content, String name) {
        E e = assertThrows(type, () -> intake.accept(new ByteArrayInputStream(content), name));
        assertTrue(keys().isEmpty(), "store must stay empty after a rejected upload, has " + keys());
        assertNoSpoolLeft();
        return e;
    }

    private List<String> keys() {
        return store.list("", null, 1000).objects().stream().map(o -> o.key()).toList();
    }

    private void assertNoSpoolLeft() {
        if (!Files.exists(spool)) {
            return;
        }
        try (Stream<Path> files = Files.list(spool)) {
            assertEquals(List.of(), files.toList(), "temporary upload files left behind");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
