package org.onewindow.service.seal.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.onewindow.service.intake.TestFiles;
import org.onewindow.service.seal.image.SealImageException.Reason;
import org.onewindow.service.seal.image.SealImageImporter.BackgroundPolicy;
import org.onewindow.service.seal.image.SealImageImporter.Limits;

class SealImageImporterTest {

    private final SealImageImporter importer = new SealImageImporter();
    private final SealImageImporter keying = new SealImageImporter(Limits.DEFAULT, BackgroundPolicy.WHITE_TO_TRANSPARENT);

    @Test
    void acceptsATransparentSealPngAndKeepsItsResolution() throws IOException {
        SealLayout layout = SealLayout.compute(SealImageSpec.specialSeal("敦煌市行政服务中心", "受理专用章"));
        byte[] png = new SealPngRenderer().renderPng(layout, 300);
        ImportedSealImage imported = importer.importImage(png);
        assertEquals(472, imported.widthPx());
        assertEquals(472, imported.heightPx());
        assertEquals(300, imported.dpi().orElseThrow());
        assertEquals(40.0, imported.widthMm().orElseThrow(), 0.1);
        assertFalse(imported.backgroundConverted());
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(imported.png()));
        BufferedImage original = ImageIO.read(new ByteArrayInputStream(png));
        for (int y = 0; y < back.getHeight(); y += 7) {
            for (int x = 0; x < back.getWidth(); x += 7) {
                assertEquals(original.getRGB(x, y), back.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void hugeDimensionsInATinyFileAreRefusedWithoutDecoding() {
        byte[] bomb = png(50_000, 50_000, 6, new byte[] {0, 0, 0, 0, 0});
        assertTrue(bomb.length < 200, "the crafted file is tiny");
        SealImageException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(SealImageException.class, () -> importer.importImage(bomb)));
        assertEquals(Reason.TOO_LARGE, e.reason());
        assertEquals(413, e.status());
        assertTrue(e.getMessage().contains("50000×50000"), e.getMessage());
        // One side over the limit is enough.
        assertEquals(Reason.TOO_LARGE, assertThrows(SealImageException.class,
                () -> importer.importImage(png(4001, 100, 6, new byte[] {0}))).reason());
    }

    @Test
    void fileLargerThanTheLimitIsRefusedBeforeParsing() {
        byte[] big = new byte[2 * 1024 * 1024 + 1];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 0, big, 0, 8);
        SealImageException e = assertThrows(SealImageException.class, () -> importer.importImage(big));
        assertEquals(Reason.TOO_LARGE, e.reason());

        SealImageImporter small = new SealImageImporter(new Limits(1000, 4000, 4000, 64), BackgroundPolicy.REJECT);
        byte[] seal = new SealPngRenderer().renderPng(
                SealLayout.compute(SealImageSpec.specialSeal("敦煌市行政服务中心", "受理专用章")), 300);
        assertEquals(Reason.TOO_LARGE, assertThrows(SealImageException.class, () -> small.importImage(seal)).reason());
    }

    @Test
    void streamIsReadOnlyUpToTheLimit() {
        long[] produced = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                produced[0]++;
                return 0x42;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) 0x42);
                produced[0] += len;
                return len;
            }
        };
        SealImageException e = assertThrows(SealImageException.class, () -> importer.importImage(endless));
        assertEquals(Reason.TOO_LARGE, e.reason());
        assertTrue(produced[0] <= Limits.DEFAULT.maxBytes() + 1, "read " + produced[0] + " bytes");
    }

    @Test
    void nonImagesAreUnsupportedMediaTypes() {
        String[][] cases = {
                {"%PDF-1.7\n%âãÏÓ\n1 0 obj", "PDF"},
                {"GIF89a\u0001\u0000\u0001\u0000", "GIF"},
                {"<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "SVG"},
                {"just some text, certainly not a seal", "not a recognised image"},
                {"", "empty"}};
        for (String[] c : cases) {
            SealImageException e = assertThrows(SealImageException.class,
                    () -> importer.importImage(c[0].getBytes(StandardCharsets.ISO_8859_1)));
            assertEquals(Reason.UNSUPPORTED_TYPE, e.reason());
            assertEquals(415, e.status());
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
    }

    @Test
    void truncatedOrDamagedPngIsCorrupt() {
        byte[] seal = new SealPngRenderer().renderPng(
                SealLayout.compute(SealImageSpec.specialSeal("敦煌市行政服务中心", "受理专用章")), 300);
        for (int keep : new int[] {seal.length * 6 / 10, seal.length / 3, 40, 20}) {
            byte[] cut = Arrays.copyOf(seal, keep);
            SealImageException e = assertThrows(SealImageException.class, () -> importer.importImage(cut),
                    "kept " + keep + " bytes");
            assertEquals(Reason.CORRUPT, e.reason(), e.getMessage());
            assertEquals(422, e.status());
        }
        byte[] badCrc = seal.clone();
        badCrc[17] ^= 0x01; // width changes, CRC no longer matches
        assertEquals(Reason.CORRUPT, assertThrows(SealImageException.class, () -> importer.importImage(badCrc)).reason());
        byte[] garbageData = png(100, 100, 6, "this is not zlib data at all".getBytes(StandardCharsets.US_ASCII));
        assertEquals(Reason.CORRUPT,
                assertThrows(SealImageException.class, () -> importer.importImage(garbageData)).reason());
    }

    @Test
    void opaqueImagesAreRefusedUnlessWhiteKeyingIsOn() throws IOException {
        byte[] jpeg = encode(stampOnPaper(Color.WHITE), "jpeg");
        byte[] rgbPng = encode(stampOnPaper(Color.WHITE), "png");
        for (byte[] upload : new byte[][] {jpeg, rgbPng}) {
            SealImageException e = assertThrows(SealImageException.class, () -> importer.importImage(upload));
            assertEquals(Reason.UNSUITABLE, e.reason());
            assertTrue(e.getMessage().contains("transparent"), e.getMessage());
        }
        for (byte[] upload : new byte[][] {jpeg, rgbPng}) {
            ImportedSealImage imported = keying.importImage(upload);
            assertTrue(imported.backgroundConverted());
            BufferedImage out = ImageIO.read(new ByteArrayInputStream(imported.png()));
            assertTrue(out.getColorModel().hasAlpha());
            assertTrue((out.getRGB(0, 0) >>> 24) < SealImageImporter.TRANSPARENT_ALPHA);
            assertTrue((out.getRGB(150, 150) >>> 24) < SealImageImporter.TRANSPARENT_ALPHA, "paper inside the ring");
            int ring = out.getRGB(150, 20); // top of the ring
            assertTrue((ring >>> 24) > 200, "ink stays opaque");
            SealPngRendererTest.assertColour(0xE60000, ring, 40);
        }
    }

    @Test
    void keyingRefusesABackgroundThatIsNotWhite() throws IOException {
        byte[] blue = encode(stampOnPaper(new Color(0x2040C0)), "png");
        SealImageException e = assertThrows(SealImageException.class, () -> keying.importImage(blue));
        assertEquals(Reason.UNSUITABLE, e.reason());
    }

    @Test
    void pngWithAlphaButOpaqueCornersIsRefused() throws IOException {
        BufferedImage argb = new BufferedImage(300, 300, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = argb.createGraphics();
        g.drawImage(stampOnPaper(Color.WHITE), 0, 0, null);
        g.dispose();
        assertEquals(Reason.UNSUITABLE,
                assertThrows(SealImageException.class, () -> importer.importImage(encode(argb, "png"))).reason());
    }

    @Test
    void tinyImagesAreRefused() throws IOException {
        BufferedImage tiny = new BufferedImage(20, 20, BufferedImage.TYPE_INT_ARGB);
        assertEquals(Reason.UNSUITABLE,
                assertThrows(SealImageException.class, () -> importer.importImage(encode(tiny, "png"))).reason());
    }

    @Test
    void importedBytesAreACopy() {
        byte[] png = new SealPngRenderer().renderPng(
                SealLayout.compute(SealImageSpec.specialSeal("敦煌市行政服务中心", "受理专用章")), 150);
        ImportedSealImage imported = importer.importImage(png);
        byte[] first = imported.png();
        first[0] = 0;
        assertArrayEquals(Arrays.copyOf(png, 8), Arrays.copyOf(imported.png(), 8));
    }

    /** A 300 px red ring with a star-ish dot, stamped on paper of the given colour (opaque, no alpha). */
    private static BufferedImage stampOnPaper(Color paper) {
        BufferedImage image = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(paper);
        g.fillRect(0, 0, 300, 300);
        g.setColor(new Color(0xE60000));
        g.setStroke(new BasicStroke(24));
        g.drawOval(20, 20, 260, 260);
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), "no writer for " + format);
        return out.toByteArray();
    }

    /** A hand-built PNG: signature, IHDR (8-bit, given colour type), one IDAT of the given (deflated) data, IEND. */
    static byte[] png(int width, int height, int colourType, byte[] rawData) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0);
        TestFiles.pngChunk(out, "IHDR", ihdr.array());
        byte[] idat = rawData;
        if (rawData.length > 0 && rawData[0] == 0) {
            Deflater deflater = new Deflater();
            deflater.setInput(rawData);
            deflater.finish();
            byte[] buf = new byte[256];
            idat = Arrays.copyOf(buf, deflater.deflate(buf));
            deflater.end();
        }
        TestFiles.pngChunk(out, "IDAT", idat);
        TestFiles.pngChunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }
}
