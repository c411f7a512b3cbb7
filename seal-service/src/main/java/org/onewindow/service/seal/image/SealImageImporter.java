package org.onewindow.service.seal.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.w3c.dom.Node;

/**
 * Checks and normalises an uploaded seal image (e.g. one issued by a provincial e-seal system).
 *
 * <ul>
 *   <li>Type from the bytes, never from the file name or the declared content type: PNG and JPEG only
 *       ({@link SealImageException.Reason#UNSUPPORTED_TYPE}, 415).</li>
 *   <li>File size and pixel dimensions are checked before any pixel is decoded — the PNG IHDR header is read
 *       directly (with its CRC), JPEG dimensions come from the frame header through the ImageIO reader — so a
 *       tiny file claiming 50000×50000 pixels is refused cheaply ({@link SealImageException.Reason#TOO_LARGE},
 *       413).</li>
 *   <li>Damaged or truncated files: {@link SealImageException.Reason#CORRUPT} (422).</li>
 *   <li>Background: a seal must be transparent around the ring. A PNG with alpha whose four corners are
 *       transparent is accepted as is. An opaque image (JPEG, PNG without alpha, or opaque corners) is refused
 *       with {@link SealImageException.Reason#UNSUITABLE} (422) under {@link BackgroundPolicy#REJECT} (the
 *       default); under {@link BackgroundPolicy#WHITE_TO_TRANSPARENT} white paper is keyed out (each pixel's
 *       alpha from how far it is from white, the ink colour recovered), and the corners must then be
 *       transparent.</li>
 * </ul>
 * Stateless apart from its configuration; thread-safe.
 */
public final class SealImageImporter {

    /** What to do with an image whose background is opaque. */
    public enum BackgroundPolicy {
        /** Refuse it (default): the uploader should supply a transparent PNG. */
        REJECT,
        /** Turn white paper into transparency (for scans of a seal stamped on white paper). */
        WHITE_TO_TRANSPARENT
    }

    /**
     * Upload limits.
     *
     * @param maxBytes  largest file accepted
     * @param maxWidth  widest image accepted, in pixels
     * @param maxHeight tallest image accepted, in pixels
     * @param minSide   smallest width or height accepted (a seal below this is unreadable)
     */
    public record Limits(long maxBytes, int maxWidth, int maxHeight, int minSide) {
        /** 2 MiB, 4000 × 4000 pixels, at least 64 pixels a side. */
        public static final Limits DEFAULT = new Limits(2L * 1024 * 1024, 4000, 4000, 64);

        public Limits {
            if (maxBytes <= 0 || maxWidth <= 0 || maxHeight <= 0 || minSide <= 0) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** A corner pixel counts as transparent below this alpha. */
    static final int TRANSPARENT_ALPHA = 16;

    private final Limits limits;
    private final BackgroundPolicy backgroundPolicy;

    public SealImageImporter(Limits limits, BackgroundPolicy backgroundPolicy) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.backgroundPolicy = Objects.requireNonNull(backgroundPolicy, "backgroundPolicy");
    }

    /** Default limits, opaque backgrounds refused. */
    public SealImageImporter() {
        this(Limits.DEFAULT, BackgroundPolicy.REJECT);
    }

    /** Reads at most {@link Limits#maxBytes()} + 1 bytes from the stream, then imports them. */
    public ImportedSealImage importImage(InputStream in) {
        try {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBytes() + 1));
            return importImage(data);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the uploaded seal image failed", e);
        }
    }

    /** Checks, decodes and normalises an upload; every refusal is a {@link SealImageException}. */
    public ImportedSealImage importImage(byte[] data) {
        if (data.length > limits.maxBytes()) {
            throw new SealImageException(SealImageException.Reason.TOO_LARGE,
                    "seal image is larger than " + limits.maxBytes() + " bytes");
        }
        ImageType type = detect(data);
        Dimensions dims = type == ImageType.PNG ? pngDimensions(data) : jpegDimensions(data);
        checkDimensions(dims);
        Decoded decoded = decode(data, type);
        BufferedImage image = toArgb(decoded.image());
        boolean converted = false;
        if (!decoded.image().getColorModel().hasAlpha() || !cornersTransparent(image)) {
            if (backgroundPolicy == BackgroundPolicy.REJECT) {
                throw new SealImageException(SealImageException.Reason.UNSUITABLE,
                        "seal image has an opaque background; upload a PNG with a transparent background"
                                + " (alpha channel) around the seal");
            }
            whiteToTransparent(image);
            converted = true;
            if (!cornersTransparent(image)) {
                throw new SealImageException(SealImageException.Reason.UNSUITABLE,
                        "seal image background is neither transparent nor white; upload a PNG with a"
                                + " transparent background");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (decoded.dpi().isPresent()) {
            SealPngRenderer.writePng(image, decoded.dpi().getAsInt(), out);
        } else {
            writePlainPng(image, out);
        }
        return new ImportedSealImage(out.toByteArray(), image.getWidth(), image.getHeight(), decoded.dpi(),
                converted);
    }

    enum ImageType { PNG, JPEG }

    record Dimensions(long width, long height) {
    }

    private record Decoded(BufferedImage image, OptionalInt dpi) {
    }

    static ImageType detect(byte[] data) {
        if (startsWith(data, PNG_SIGNATURE)) {
            return ImageType.PNG;
        }
        if (data.length >= 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF) {
            return ImageType.JPEG;
        }
        String what = data.length == 0 ? "an empty file" : describe(data);
        throw new SealImageException(SealImageException.Reason.UNSUPPORTED_TYPE,
                "seal image must be PNG (or JPEG); the upload is " + what);
    }

    private static String describe(byte[] data) {
        String head = new String(data, 0, Math.min(data.length, 8), StandardCharsets.ISO_8859_1);
        if (head.startsWith("GIF8")) {
            return "a GIF image";
        }
        if (head.startsWith("%PDF")) {
            return "a PDF document";
        }
        if (head.startsWith("BM")) {
            return "a BMP image";
        }
        if (head.startsWith("RIFF")) {
            return "a RIFF file (e.g. WebP)";
        }
        if (head.startsWith("II*") || head.startsWith("MM\0*")) {
            return "a TIFF image";
        }
        if (head.startsWith("<")) {
            return "text/markup (e.g. SVG or HTML)";
        }
        return "not a recognised image";
    }

    /**
     * Width and height from the IHDR chunk, which must be the first chunk: 4-byte length (13), "IHDR",
     * width, height (unsigned 32-bit big-endian), five one-byte fields, then a CRC over type and data.
     */
    static Dimensions pngDimensions(byte[] data) {
        if (data.length < 8 + 4 + 4 + 13 + 4) {
            throw corrupt("PNG is truncated before the end of its header");
        }
        long length = readUint32(data, 8);
        String chunkType = new String(data, 12, 4, StandardCharsets.ISO_8859_1);
        if (length != 13 || !"IHDR".equals(chunkType)) {
            throw corrupt("PNG does not start with a valid IHDR header");
        }
        CRC32 crc = new CRC32();
        crc.update(data, 12, 4 + 13);
        if (crc.getValue() != readUint32(data, 12 + 4 + 13)) {
            throw corrupt("PNG header checksum is wrong");
        }
        long width = readUint32(data, 16);
        long height = readUint32(data, 20);
        if (width == 0 || height == 0) {
            throw corrupt("PNG header states zero width or height");
        }
        return new Dimensions(width, height);
    }

    /** JPEG dimensions from the frame header, through ImageIO without decoding any scan. */
    static Dimensions jpegDimensions(byte[] data) {
        try (ImageInputStream iis = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            ImageReader reader = reader(iis, "JPEG");
            try {
                reader.setInput(iis, true, true);
                return new Dimensions(reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw corrupt("JPEG header cannot be read");
        }
    }

    private void checkDimensions(Dimensions d) {
        if (d.width() > limits.maxWidth() || d.height() > limits.maxHeight()) {
            throw new SealImageException(SealImageException.Reason.TOO_LARGE,
                    "seal image is " + d.width() + "×" + d.height() + " pixels; at most " + limits.maxWidth()
                            + "×" + limits.maxHeight() + " accepted");
        }
        if (d.width() < limits.minSide() || d.height() < limits.minSide()) {
            throw new SealImageException(SealImageException.Reason.UNSUITABLE,
                    "seal image is " + d.width() + "×" + d.height() + " pixels; at least " + limits.minSide()
                            + " pixels a side are needed");
        }
    }

    private static Decoded decode(byte[] data, ImageType type) {
        try (ImageInputStream iis = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            ImageReader reader = reader(iis, type.name());
            try {
                reader.setInput(iis, true, false);
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw corrupt(type + " image could not be decoded");
                }
                return new Decoded(image, dpi(reader.getImageMetadata(0)));
            } finally {
                reader.dispose();
            }
        } catch (SealImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw corrupt(type + " image is damaged or truncated and cannot be decoded");
        }
    }

    private static ImageReader reader(ImageInputStream iis, String format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format);
        }
        return readers.next();
    }

    /** Resolution from the standard metadata tree (mm per pixel), when the file states one. */
    private static OptionalInt dpi(IIOMetadata metadata) {
        if (metadata == null || !metadata.isStandardMetadataFormatSupported()) {
            return OptionalInt.empty();
        }
        Node root = metadata.getAsTree(IIOMetadataFormatImpl.standardMetadataFormatName);
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!"Dimension".equals(n.getNodeName())) {
                continue;
            }
            for (Node d = n.getFirstChild(); d != null; d = d.getNextSibling()) {
                if ("HorizontalPixelSize".equals(d.getNodeName())) {
                    Node value = d.getAttributes().getNamedItem("value");
                    try {
                        double mmPerPixel = Double.parseDouble(value.getNodeValue());
                        if (mmPerPixel > 0) {
                            long dpi = Math.round(25.4 / mmPerPixel);
                            if (dpi >= 1 && dpi <= 100_000) {
                                return OptionalInt.of((int) dpi);
                            }
                        }
                    } catch (NumberFormatException | NullPointerException e) {
                        return OptionalInt.empty();
                    }
                }
            }
        }
        return OptionalInt.empty();
    }

    private static BufferedImage toArgb(BufferedImage source) {
        if (source.getType() == BufferedImage.TYPE_INT_ARGB) {
            return source;
        }
        BufferedImage argb = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_ARGB);
        var g = argb.createGraphics();
        try {
            g.setComposite(java.awt.AlphaComposite.Src);
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
        return argb;
    }

    private static boolean cornersTransparent(BufferedImage image) {
        int w = image.getWidth() - 1;
        int h = image.getHeight() - 1;
        int[][] corners = {{0, 0}, {w, 0}, {0, h}, {w, h}};
        return Arrays.stream(corners).allMatch(c -> (image.getRGB(c[0], c[1]) >>> 24) < TRANSPARENT_ALPHA);
    }

    /**
     * Keys out white paper: alpha is how far the pixel is from white (255 minus its darkest channel, times its
     * own alpha), and the ink colour is recovered by undoing the blend with white.
     */
    static void whiteToTransparent(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int argb = image.getRGB(x, y);
                int a0 = argb >>> 24;
                int r = (argb >> 16) & 0xFF;
                int g = (argb >> 8) & 0xFF;
                int b = argb & 0xFF;
                int ink = 255 - Math.min(r, Math.min(g, b));
                int a = ink * a0 / 255;
                if (a == 0) {
                    image.setRGB(x, y, 0);
                    continue;
                }
                double f = ink / 255.0;
                int r1 = unblend(r, f);
                int g1 = unblend(g, f);
                int b1 = unblend(b, f);
                image.setRGB(x, y, (a << 24) | (r1 << 16) | (g1 << 8) | b1);
            }
        }
    }

    private static int unblend(int observed, double coverage) {
        double ink = (observed - 255 * (1 - coverage)) / coverage;
        return (int) Math.max(0, Math.min(255, Math.round(ink)));
    }

    private static void writePlainPng(BufferedImage image, ByteArrayOutputStream out) {
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static long readUint32(byte[] data, int offset) {
        return ((long) (data[offset] & 0xFF) << 24) | ((data[offset + 1] & 0xFF) << 16)
                | ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF);
    }

    private static SealImageException corrupt(String message) {
        return new SealImageException(SealImageException.Reason.CORRUPT, message);
    }
}
