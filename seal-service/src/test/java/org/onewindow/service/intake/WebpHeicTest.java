package org.onewindow.service.intake;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfName;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.storage.fs.FileSystemObjectStore;
import org.verapdf.pdfa.flavours.PDFAFlavour;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WebP files made by libwebp's own encoder ({@code cwebp}, Debian package {@code webp}) become PDF/A-2u; HEIC
 * made by {@code heif-enc} (Debian package {@code libheif-examples}) is recognized and refused with advice.
 */
class WebpHeicTest {
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

    /** Runs an encoder; a missing tool fails the test with the Debian package to install. */
    private Path encode(String debianPackage, String... command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("'" + command[0] + "' is missing: apt-get install " + debianPackage, e);
        }
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0,
                String.join(" ", command) + " failed: " + output);
        return Path.of(command[command.length - 1]);
    }

    private byte[] cwebp(BufferedImage image, String name, String... options) throws Exception {
        Path png = temp.resolve(name + ".png");
        ImageIO.write(image, "png", png.toFile());
        List<String> command = new ArrayList<>(List.of("cwebp", "-quiet"));
        command.addAll(List.of(options));
        command.addAll(List.of(png.toString(), "-o", temp.resolve(name + ".webp").toString()));
        return Files.readAllBytes(encode("webp", command.toArray(String[]::new)));
    }

    private InspectedFile receive(byte[] content, String name) {
        InspectedFile file = intake.receive(new ByteArrayInputStream(content), name);
        open.add(file);
        return file;
    }

    /** A colour picture with text, and (if {@code alpha}) a transparent band and a half-transparent one. */
    private static BufferedImage picture(int width, int height, boolean alpha) {
        BufferedImage image = new BufferedImage(width, height,
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.drawImage(TestFiles.markedImage(width, height), 0, 0, null);
        g.setColor(new Color(20, 90, 200));
        g.fillOval(width / 2, height / 2, width / 3, height / 3);
        g.dispose();
        if (alpha) {
            for (int y = 0; y < height; y++) {
                for (int x = width - 40; x < width; x++) {
                    int a = x < width - 20 ? 0x80 : 0x00;
                    image.setRGB(x, y, (image.getRGB(x, y) & 0xFFFFFF) | (a << 24));
                }
            }
        }
        return image;
    }

    private static PDImageXObject onlyImage(PDDocument doc) throws IOException {
        var resources = doc.getPage(0).getResources();
        return (PDImageXObject) resources.getXObject(resources.getXObjectNames().iterator().next());
    }

    private static byte[] samples(PDImageXObject image) throws IOException {
        try (InputStream in = image.getStream().createInputStream()) {
            return in.readAllBytes();
        }
    }

    private static byte[] rgb(BufferedImage image) {
        byte[] out = new byte[image.getWidth() * image.getHeight() * 3];
        int j = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                out[j++] = (byte) (p >> 16);
                out[j++] = (byte) (p >> 8);
                out[j++] = (byte) p;
            }
        }
        return out;
    }

    @Test
    void losslessWebpKeepsEveryPixel() throws Exception {
        BufferedImage original = picture(240, 160, false);
        byte[] webp = cwebp(original, "lossless", "-lossless");
        InspectedFile file = receive(webp, "scan.webp");
        assertEquals(MaterialType.WEBP, file.type());
        NormalizedPdf result = normalizer.normalize(List.of(file), temp.resolve("lossless.pdf"));
        PdfAValidation.assertCompliant(result.file(), PDFAFlavour.PDFA_2_U);
        assertTrue(result.actions().stream().anyMatch(a -> a.contains("assumed 300 dpi")), result.actions().toString());
        try (PdfDocument pdf = new PdfDocument(new PdfReader(result.file().toFile()))) {
            assertEquals(240 * 72 / 300f, pdf.getPage(1).getPageSize().getWidth(), 0.01);
            PdfStream image = (PdfStream) pdf.getPage(1).getResources().getResource(PdfName.XObject).values().iterator().next();
            assertEquals(PdfName.FlateDecode, image.getAsName(PdfName.Filter));
        }
        try (PDDocument doc = Loader.loadPDF(result.file().toFile())) {
            assertArrayEquals(rgb(original), samples(onlyImage(doc)), "lossless WebP pixels must survive exactly");
        }
    }

    @Test
    void lossyWebpIsDecodedOnceAndNotCompressedAgain() throws Exception {
        BufferedImage original = picture(240, 160, false);
        byte[] webp = cwebp(original, "lossy", "-q", "75");
        NormalizedPdf result = normalizer.normalize(List.of(receive(webp, "photo")), temp.resolve("lossy.pdf"));
        PdfAValidation.assertCompliant(result.file(), PDFAFlavour.PDFA_2_U);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(webp));
        assertNotNull(decoded, "WebP reader on the class path");
        try (PDDocument doc = Loader.loadPDF(result.file().toFile())) {
            byte[] embedded = samples(onlyImage(doc));
            assertArrayEquals(rgb(decoded), embedded, "the decoded WebP pixels are stored as they are");
            byte[] source = rgb(original);
            long difference = 0;
            for (int i = 0; i < source.length; i++) {
                difference += Math.abs((source[i] & 0xFF) - (embedded[i] & 0xFF));
            }
            assertTrue(difference / (double) source.length < 8, "lossy WebP far from its source: " + difference);
        }
    }

    @Test
    void alphaBecomesASoftMask() throws Exception {
        BufferedImage original = picture(200, 120, true);
        byte[] webp = cwebp(original, "alpha", "-q", "80", "-alpha_q", "100");
        InspectedFile file = receive(webp, "alpha.webp");
        assertEquals(4, file.imagePages().get(0).components(), "alpha seen in the header");
        NormalizedPdf result = normalizer.normalize(List.of(file), temp.resolve("alpha.pdf"));
        PdfAValidation.assertCompliant(result.file(), PDFAFlavour.PDFA_2_U);
        assertTrue(result.actions().stream().anyMatch(a -> a.contains("soft mask")), result.actions().toString());
        try (PDDocument doc = Loader.loadPDF(result.file().toFile())) {
            PDImageXObject mask = onlyImage(doc).getSoftMask();
            assertNotNull(mask, "alpha channel as /SMask");
            byte[] alpha = samples(mask);
            assertEquals(200 * 120, alpha.length);
            assertEquals(0xFF, alpha[0] & 0xFF, "opaque corner");
            assertEquals(0x00, alpha[119 * 200 + 199] & 0xFF, "transparent band");
            assertEquals(0x80, alpha[60 * 200 + 170] & 0xFF, "half-transparent band");
        }
    }

    @Test
    void greyWebpIsStoredWithOneComponent() throws Exception {
        BufferedImage grey = new BufferedImage(180, 120, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.drawImage(TestFiles.textPage(180, 120, List.of("受理"), 30f), 0, 0, null);
        g.dispose();
        NormalizedPdf result = normalizer.normalize(List.of(receive(cwebp(grey, "grey", "-lossless"), "g.webp")),
                temp.resolve("grey.pdf"));
        PdfAValidation.assertCompliant(result.file(), PDFAFlavour.PDFA_2_U);
        try (PDDocument doc = Loader.loadPDF(result.file().toFile())) {
            PDImageXObject image = onlyImage(doc);
            assertEquals(1, image.getColorSpace().getNumberOfComponents());
            assertArrayEquals((byte[]) grey.getRaster().getDataElements(0, 0, 180, 120, null), samples(image));
        }
    }

    @Test
    void corruptWebpIsAClear422() throws Exception {
        byte[] webp = cwebp(picture(240, 160, false), "c", "-q", "75");
        CorruptMaterialException truncated = assertThrows(CorruptMaterialException.class,
                () -> receive(Arrays.copyOf(webp, webp.length - 40), "cut.webp"));
        assertEquals(422, truncated.status());
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());

        byte[] badHeader = webp.clone();
        int vp8 = indexOf(webp, "VP8 ");
        badHeader[vp8 + 8 + 3] = 0; // the frame start code
        CorruptMaterialException header = assertThrows(CorruptMaterialException.class, () -> receive(badHeader, "h.webp"));
        assertTrue(header.getMessage().contains("VP8 frame header"), header.getMessage());

        byte[] badData = webp.clone();
        for (int i = vp8 + 8 + 10; i < badData.length; i++) {
            badData[i] = (byte) 0xFF; // headers intact, compressed data garbage
        }
        InspectedFile inspected = receive(badData, "data.webp");
        CorruptMaterialException data = assertThrows(CorruptMaterialException.class,
                () -> normalizer.normalize(List.of(inspected), temp.resolve("bad.pdf")));
        assertEquals(422, data.status());
        assertTrue(data.getMessage().contains("data.webp"), data.getMessage());
    }

    @Test
    void webpNamedAsPngIsAMismatch() throws Exception {
        byte[] webp = cwebp(picture(100, 80, false), "m", "-lossless");
        MaterialTypeException e = assertThrows(MaterialTypeException.class, () -> receive(webp, "scan.png"));
        assertEquals(415, e.status());
        assertTrue(e.getMessage().contains("WEBP"), e.getMessage());
    }

    @Test
    void heicIsRecognizedAndRefusedWithAdvice() throws Exception {
        Path png = temp.resolve("phone.png");
        ImageIO.write(picture(128, 96, false), "png", png.toFile());
        byte[] heic = Files.readAllBytes(encode("libheif-examples", "heif-enc", "-q", "50", png.toString(),
                "-o", temp.resolve("phone.heic").toString()));
        UnsupportedImageFormatException e = assertThrows(UnsupportedImageFormatException.class,
                () -> receive(heic, "IMG_0001.HEIC"));
        assertEquals(415, e.status());
        assertEquals("image/heic", e.detectedType());
        assertEquals("image-format-not-supported", e.type());
        assertTrue(e.getMessage().contains("recognized but not supported") && e.getMessage().contains("JPEG")
                && e.getMessage().contains("PDF"), e.getMessage());
        assertEquals("HEIC/HEIF", e.extensions().get("format"));
        assertTrue(e.extensions().get("acceptedTypes").toString().contains("image/webp"));
        try (var spool = Files.list(temp.resolve("spool"))) {
            assertEquals(0, spool.count(), "nothing left in the spool");
        }
        assertTrue(store.list("", null, 10).objects().isEmpty(), "nothing stored");
    }

    private static int indexOf(byte[] bytes, String ascii) {
        byte[] needle = ascii.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError(ascii + " not found");
    }
}
