package org.onewindow.service.intake;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.geom.PageSize;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds real test files (and hostile ones) in memory. */
public final class TestFiles {
    private TestFiles() {
    }

    /** An RGB picture with a red block in its stored top-left corner, so orientation can be seen after rendering. */
    public static BufferedImage markedImage(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 4, height / 4);
        g.setColor(Color.BLACK);
        g.drawString("onewindow", width / 3, height / 2);
        g.dispose();
        return image;
    }

    public static byte[] jpeg(BufferedImage image) {
        return write(image, "jpeg");
    }

    public static byte[] png(BufferedImage image) {
        return write(image, "png");
    }

    private static byte[] write(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Inserts an EXIF APP1 segment with this orientation right after SOI. */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put("MM".getBytes(StandardCharsets.ISO_8859_1)).putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] exif = concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff.array());
        ByteBuffer segment = ByteBuffer.allocate(4 + exif.length);
        segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (exif.length + 2)).put(exif);
        return concat(Arrays.copyOf(jpeg, 2), segment.array(), Arrays.copyOfRange(jpeg, 2, jpeg.length));
    }

    /** A multi-page bilevel TIFF compressed with CCITT T.6 (Group 4), as office scanners write. */
    public static byte[] tiffG4(List<BufferedImage> pages, int dpi) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.prepareWriteSequence(null);
                for (BufferedImage page : pages) {
                    BufferedImage bilevel = new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
                    Graphics2D g = bilevel.createGraphics();
                    g.drawImage(page, 0, 0, null);
                    g.dispose();
                    ImageWriteParam param = writer.getDefaultWriteParam();
                    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    param.setCompressionType("CCITT T.6");
                    writer.writeToSequence(new IIOImage(bilevel, null, TiffDpi.metadata(writer, bilevel, param, dpi)), param);
                }
                writer.endWriteSequence();
            }
            writer.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text page rendered with a CJK font. */
    public static BufferedImage textPage(int width, int height, List<String> lines, float fontPixels) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(cjkFont().deriveFont(fontPixels));
        int y = (int) (fontPixels * 2);
        for (String line : lines) {
            g.drawString(line, (int) fontPixels * 2, y);
            y += (int) (fontPixels * 1.8f);
        }
        g.dispose();
        return image;
    }

    public static Font cjkFont() {
        try {
            return Font.createFont(Font.TRUETYPE_FONT, new java.io.File(org.onewindow.service.intake.ocr.TextLayerWriter.DEFAULT_FONT));
        } catch (Exception e) {
            throw new IllegalStateException("CJK font missing: install Debian package fonts-arphic-gbsn00lp", e);
        }
    }

    public static byte[] simplePdf(int pages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PdfDocument pdf = new PdfDocument(new PdfWriter(out))) {
            for (int i = 0; i < pages; i++) {
                pdf.addNewPage(PageSize.A4);
            }
        }
        return out.toByteArray();
    }

    public static byte[] zip(String name, byte[] content) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(content);
                zip.closeEntry();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG that declares {@code width}×{@code height} but carries one tiny IDAT: a decompression-bomb header. */
    public static byte[] pngHeaderOnly(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        pngChunk(out, "IHDR", ihdr.array());
        pngChunk(out, "IDAT", new byte[]{0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        pngChunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** Appends one PNG chunk (length, type, data, CRC-32) to {@code out}. */
    public static void pngChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A little-endian TIFF whose single page declares {@code width}×{@code height} with a few bytes of data. */
    public static byte[] tiffHeaderOnly(int width, int height, int pages) {
        ByteBuffer b = ByteBuffer.allocate(8 + pages * (2 + 12 * 5 + 4) + 16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        int dataOffset = b.capacity() - 16;
        for (int p = 0; p < pages; p++) {
            b.putShort((short) 5);
            entry(b, 256, 4, width);
            entry(b, 257, 4, height);
            entry(b, 259, 3, 4);
            entry(b, 273, 4, dataOffset);
            entry(b, 279, 4, 16);
            int next = p == pages - 1 ? 0 : b.position() + 4;
            b.putInt(next);
        }
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
