package org.onewindow.service.intake;

import com.itextpdf.kernel.exceptions.BadPasswordException;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import org.apache.tika.Tika;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides what a spooled upload is from its content and checks its structure against {@link IntakeLimits}
 * using headers only: no image is decoded and nothing larger than a header is allocated.
 */
public final class FileInspector {
    private static final int MAX_TIFF_ENTRIES = 4096;
    private static final int MAX_TIFF_STRIPS = 1 << 20;
    private static final int ZIP_EOCD_SEARCH = 22 + 65535;
    /** HEIC/HEIF (and AVIF, the same container) as Tika names them: recognized, refused with advice. */
    private static final Set<String> HEIF_TYPES = Set.of("image/heic", "image/heif", "image/heic-sequence",
            "image/heif-sequence", "image/avif");

    private final IntakeLimits limits;
    private final Tika tika = new Tika();

    public FileInspector(IntakeLimits limits) {
        this.limits = limits;
    }

    /**
     * Detects the type and checks the file.
     *
     * @throws MaterialTypeException    unsupported type, or the name claims another supported type
     * @throws MaterialLimitException   a size, page or pixel limit is exceeded
     * @throws CorruptMaterialException truncated, corrupt or polyglot content
     */
    public InspectedFile inspect(SpooledUpload upload) {
        MaterialType type = detect(upload);
        String name = upload.displayName();
        if (type.isImage() && upload.size() > limits.maxImageFileBytes()) {
            throw new MaterialLimitException("image '" + name + "' is larger than the image limit of "
                    + limits.maxImageFileBytes() + " bytes");
        }
        try (BinaryFile file = new BinaryFile(upload.file(), name)) {
            rejectZipPolyglot(file, name);
            return switch (type) {
                case JPEG -> images(upload, type, List.of(jpeg(file, name)));
                case PNG -> images(upload, type, List.of(png(file, name)));
                case TIFF -> images(upload, type, tiff(file, name));
                case WEBP -> images(upload, type, List.of(webp(file, name)));
                case PDF -> pdf(upload, file, name);
            };
        } catch (IOException e) {
            throw new CorruptMaterialException("file '" + name + "' could not be read: " + e.getMessage(), e);
        }
    }

    /** The content type of the upload, decided by Tika from the bytes alone. */
    public MaterialType detect(SpooledUpload upload) {
        String detected;
        try (InputStream in = new BufferedInputStream(upload.open())) {
            detected = tika.detect(in);
        } catch (IOException e) {
            throw new CorruptMaterialException("file '" + upload.displayName() + "' could not be read", e);
        }
        if (HEIF_TYPES.contains(detected)) {
            throw new UnsupportedImageFormatException(upload.displayName(), "HEIC/HEIF", detected,
                    "set the phone or scanner to save JPEG (on iPhone: Settings > Camera > Formats > Most Compatible),"
                            + " or scan the paper to PDF or JPEG, and upload that file");
        }
        MaterialType type = MaterialType.ofMimeType(detected).orElseThrow(() -> new MaterialTypeException(
                "file '" + upload.displayName() + "' is " + detected
                        + "; accepted are JPEG, PNG, TIFF, WebP and PDF", detected));
        MaterialType.claimedByName(upload.declaredName()).ifPresent(claimed -> {
            if (claimed != type) {
                throw new MaterialTypeException("file '" + upload.displayName() + "' is named as " + claimed.name()
                        + " but its content is " + type.name() + " (" + detected + ")", detected);
            }
        });
        return type;
    }

    private InspectedFile images(SpooledUpload upload, MaterialType type, List<ImagePage> pages) {
        String name = upload.displayName();
        if (pages.size() > limits.maxPages()) {
            throw new MaterialLimitException("file '" + name + "' has " + pages.size() + " pages; the limit is "
                    + limits.maxPages());
        }
        for (int i = 0; i < pages.size(); i++) {
            ImagePage page = pages.get(i);
            String where = pages.size() > 1 ? " page " + (i + 1) : "";
            if (page.widthPixels() <= 0 || page.heightPixels() <= 0) {
                throw new CorruptMaterialException("image '" + name + "'" + where + " declares no size");
            }
            if (page.widthPixels() > limits.maxSidePixels() || page.heightPixels() > limits.maxSidePixels()
                    || (long) page.widthPixels() * page.heightPixels() > limits.maxPixelsPerPage()) {
                throw new MaterialLimitException("image '" + name + "'" + where + " is " + page.widthPixels() + "×"
                        + page.heightPixels() + " pixels; the limit is " + limits.maxPixelsPerPage()
                        + " pixels and " + limits.maxSidePixels() + " pixels a side");
            }
            if (page.decodedBytes() > limits.maxDecodedBytes()) {
                throw new MaterialLimitException("image '" + name + "'" + where + " would take " + page.decodedBytes()
                        + " bytes decoded; the limit is " + limits.maxDecodedBytes());
            }
        }
        return new InspectedFile(upload, type, pages.size(), pages);
    }

    /** A ZIP archive appended to a file is found by its end-of-central-directory record, as ZIP readers do. */
    private static void rejectZipPolyglot(BinaryFile file, String name) throws IOException {
        byte[] tail = file.tail(ZIP_EOCD_SEARCH);
        for (int i = tail.length - 22; i >= 0; i--) {
            if (tail[i] == 'P' && tail[i + 1] == 'K' && tail[i + 2] == 5 && tail[i + 3] == 6) {
                int commentLength = (tail[i + 20] & 0xFF) | ((tail[i + 21] & 0xFF) << 8);
                if (i + 22 + commentLength == tail.length) {
                    throw new CorruptMaterialException("file '" + name
                            + "' also contains a ZIP archive (polyglot file); upload the document alone");
                }
            }
        }
    }

    // ---- JPEG ----

    private static ImagePage jpeg(BinaryFile file, String name) throws IOException {
        if (file.u16(0) != 0xFFD8) {
            throw new CorruptMaterialException("JPEG '" + name + "' does not start with a JPEG marker");
        }
        requireJpegEnd(file, name);
        long pos = 2;
        double dpiX = 0;
        double dpiY = 0;
        int orientation = 1;
        while (true) {
            int fill = file.u8(pos);
            if (fill != 0xFF) {
                throw new CorruptMaterialException("JPEG '" + name + "' has a damaged marker at byte " + pos);
            }
            int marker = file.u8(pos + 1);
            if (marker == 0xFF) {
                pos++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                pos += 2;
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                throw new CorruptMaterialException("JPEG '" + name + "' has no frame header before its image data");
            }
            int length = file.u16(pos + 2);
            if (length < 2) {
                throw new CorruptMaterialException("JPEG '" + name + "' has a segment of invalid length at byte " + pos);
            }
            long segment = pos + 4;
            if (marker == 0xE0 && length >= 16 && startsWith(file.read(segment, 5), "JFIF\0")) {
                int units = file.u8(segment + 7);
                int xDensity = file.u16(segment + 8);
                int yDensity = file.u16(segment + 10);
                if (units == 1) {
                    dpiX = xDensity;
                    dpiY = yDensity;
                } else if (units == 2) {
                    dpiX = xDensity * 2.54;
                    dpiY = yDensity * 2.54;
                }
            } else if (marker == 0xE1 && length > 14 && startsWith(file.read(segment, 6), "Exif\0\0")) {
                Exif exif = Exif.read(file.read(segment + 6, length - 8));
                orientation = exif.orientation();
                if (dpiX == 0 && exif.dpiX() > 0) {
                    dpiX = exif.dpiX();
                    dpiY = exif.dpiY();
                }
            } else if (isStartOfFrame(marker)) {
                int precision = file.u8(segment);
                int height = file.u16(segment + 1);
                int width = file.u16(segment + 3);
                int components = file.u8(segment + 5);
                if (height == 0) {
                    throw new CorruptMaterialException("JPEG '" + name + "' does not declare its height in the frame header");
                }
                if (components != 1 && components != 3) {
                    throw new MaterialTypeException("JPEG '" + name + "' has " + components
                            + " colour components (CMYK?); only greyscale and RGB JPEG are accepted", "image/jpeg");
                }
                if (marker != 0xC0 && marker != 0xC1 && marker != 0xC2) {
                    throw new MaterialTypeException("JPEG '" + name
                            + "' uses a lossless or arithmetic-coded JPEG variant that PDF cannot carry", "image/jpeg");
                }
                return new ImagePage(width, height, dpiX, dpiY, orientation, components, precision);
            }
            pos += 2 + length;
        }
    }

    private static void requireJpegEnd(BinaryFile file, String name) throws IOException {
        byte[] tail = file.tail(64);
        int end = tail.length;
        while (end > 0 && tail[end - 1] == 0) {
            end--;
        }
        if (end < 2 || (tail[end - 2] & 0xFF) != 0xFF || (tail[end - 1] & 0xFF) != 0xD9) {
            throw new CorruptMaterialException("JPEG '" + name + "' is truncated (no end-of-image marker)");
        }
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static boolean startsWith(byte[] bytes, String ascii) {
        byte[] prefix = ascii.getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    // ---- PNG ----

    private static ImagePage png(BinaryFile file, String name) throws IOException {
        byte[] signature = file.read(0, 8);
        if ((signature[0] & 0xFF) != 0x89 || !startsWith(new byte[]{signature[1], signature[2], signature[3]}, "PNG")) {
            throw new CorruptMaterialException("PNG '" + name + "' has no PNG signature");
        }
        long pos = 8;
        int width = -1;
        int height = -1;
        int bitDepth = 8;
        int components = 3;
        double dpiX = 0;
        double dpiY = 0;
        boolean sawData = false;
        while (true) {
            long length = file.u32(pos);
            String chunk = new String(file.read(pos + 4, 4), StandardCharsets.ISO_8859_1);
            long next = pos + 12 + length;
            if (length > Integer.MAX_VALUE || next > file.size()) {
                throw new CorruptMaterialException("PNG '" + name + "' is truncated (chunk " + chunk + " runs past the end)");
            }
            switch (chunk) {
                case "IHDR" -> {
                    width = (int) Math.min(Integer.MAX_VALUE, file.u32(pos + 8));
                    height = (int) Math.min(Integer.MAX_VALUE, file.u32(pos + 12));
                    bitDepth = file.u8(pos + 16);
                    components = switch (file.u8(pos + 17)) {
                        case 0 -> 1;
                        case 2 -> 3;
                        case 3 -> 1;
                        case 4 -> 2;
                        case 6 -> 4;
                        default -> throw new CorruptMaterialException("PNG '" + name + "' has an invalid colour type");
                    };
                }
                case "pHYs" -> {
                    if (length >= 9 && file.u8(pos + 16) == 1) {
                        dpiX = file.u32(pos + 8) * 0.0254;
                        dpiY = file.u32(pos + 12) * 0.0254;
                    }
                }
                case "IDAT" -> sawData = true;
                case "IEND" -> {
                    if (width < 0) {
                        throw new CorruptMaterialException("PNG '" + name + "' has no header chunk");
                    }
                    if (!sawData) {
                        throw new CorruptMaterialException("PNG '" + name + "' has no image data");
                    }
                    if (next != file.size()) {
                        throw new CorruptMaterialException("PNG '" + name + "' has " + (file.size() - next)
                                + " bytes of unexpected data after its end");
                    }
                    return new ImagePage(width, height, dpiX, dpiY, 1, components, bitDepth);
                }
                default -> {
                    // ancillary chunks are skipped without reading them
                }
            }
            pos = next;
        }
    }

    // ---- WebP ----

    /**
     * The size, alpha and orientation of a WebP file from its RIFF chunks (simple lossy "VP8 ", lossless
     * "VP8L", or extended "VP8X" with ALPH/EXIF chunks); animations are refused.
     */
    private static ImagePage webp(BinaryFile file, String name) throws IOException {
        byte[] header = file.read(0, 12);
        if (!startsWith(header, "RIFF") || !startsWith(java.util.Arrays.copyOfRange(header, 8, 12), "WEBP")) {
            throw new CorruptMaterialException("WebP '" + name + "' has no RIFF/WEBP header");
        }
        long end = 8 + le32(file, 4);
        if (end > file.size()) {
            throw new CorruptMaterialException("WebP '" + name + "' is truncated (its header announces "
                    + end + " bytes, the file has " + file.size() + ")");
        }
        if (file.size() > end + 1) {
            throw new CorruptMaterialException("WebP '" + name + "' has " + (file.size() - end)
                    + " bytes of unexpected data after its end");
        }
        long pos = 12;
        int width = -1;
        int height = -1;
        boolean alpha = false;
        boolean sawData = false;
        int orientation = 1;
        while (pos + 8 <= end) {
            String chunk = new String(file.read(pos, 4), StandardCharsets.ISO_8859_1);
            long length = le32(file, pos + 4);
            long data = pos + 8;
            if (data + length > end) {
                throw new CorruptMaterialException("WebP '" + name + "' is truncated (chunk '" + chunk.strip()
                        + "' runs past the end)");
            }
            switch (chunk) {
                case "VP8X" -> {
                    if (length < 10) {
                        throw new CorruptMaterialException("WebP '" + name + "' has a short VP8X chunk");
                    }
                    int flags = file.u8(data);
                    if ((flags & 0x02) != 0) {
                        throw new MaterialTypeException("WebP '" + name + "' is animated; upload a still image",
                                "image/webp");
                    }
                    alpha = (flags & 0x10) != 0;
                    width = 1 + le24(file, data + 4);
                    height = 1 + le24(file, data + 7);
                }
                case "VP8 " -> {
                    if (length < 10 || file.u8(data + 3) != 0x9D || file.u8(data + 4) != 0x01 || file.u8(data + 5) != 0x2A) {
                        throw new CorruptMaterialException("WebP '" + name + "' has a damaged VP8 frame header");
                    }
                    int frameWidth = le16(file, data + 6) & 0x3FFF;
                    int frameHeight = le16(file, data + 8) & 0x3FFF;
                    width = checkSize(name, width, frameWidth);
                    height = checkSize(name, height, frameHeight);
                    sawData = true;
                }
                case "VP8L" -> {
                    if (length < 5 || file.u8(data) != 0x2F) {
                        throw new CorruptMaterialException("WebP '" + name + "' has a damaged lossless header");
                    }
                    long bits = le32(file, data + 1);
                    width = checkSize(name, width, (int) (bits & 0x3FFF) + 1);
                    height = checkSize(name, height, (int) ((bits >> 14) & 0x3FFF) + 1);
                    alpha |= ((bits >> 28) & 1) != 0;
                    sawData = true;
                }
                case "ALPH" -> alpha = true;
                case "EXIF" -> {
                    if (length <= 64 * 1024) {
                        byte[] exif = file.read(data, (int) length);
                        int skip = startsWith(exif, "Exif\0\0") ? 6 : 0;
                        orientation = Exif.read(java.util.Arrays.copyOfRange(exif, skip, exif.length)).orientation();
                    }
                }
                case "ANIM", "ANMF" -> throw new MaterialTypeException("WebP '" + name
                        + "' is animated; upload a still image", "image/webp");
                default -> {
                    // ICCP, XMP and unknown chunks are skipped
                }
            }
            pos = data + length + (length & 1);
        }
        if (!sawData || width <= 0 || height <= 0) {
            throw new CorruptMaterialException("WebP '" + name + "' has no image data");
        }
        return new ImagePage(width, height, 0, 0, orientation, alpha ? 4 : 3, 8);
    }

    /** The frame size must agree with the canvas size a VP8X chunk announced. */
    private static int checkSize(String name, int announced, int frame) {
        if (announced > 0 && announced != frame) {
            throw new CorruptMaterialException("WebP '" + name + "' announces " + announced
                    + " pixels a side but its image has " + frame);
        }
        return frame;
    }

    private static int le16(BinaryFile file, long pos) throws IOException {
        return file.u8(pos) | (file.u8(pos + 1) << 8);
    }

    private static int le24(BinaryFile file, long pos) throws IOException {
        return le16(file, pos) | (file.u8(pos + 2) << 16);
    }

    private static long le32(BinaryFile file, long pos) throws IOException {
        return le24(file, pos) | ((long) file.u8(pos + 3) << 24);
    }

    // ---- TIFF ----

    private List<ImagePage> tiff(BinaryFile file, String name) throws IOException {
        byte[] header = file.read(0, 4);
        if (header[0] == 'I' && header[1] == 'I') {
            file.bigEndian(false);
        } else if (header[0] != 'M' || header[1] != 'M') {
            throw new CorruptMaterialException("TIFF '" + name + "' has an invalid byte-order mark");
        }
        int magic = file.u16(2);
        if (magic == 43) {
            throw new MaterialTypeException("TIFF '" + name + "' is a BigTIFF, which is not accepted", "image/tiff");
        }
        if (magic != 42) {
            throw new CorruptMaterialException("TIFF '" + name + "' has an invalid header");
        }
        List<ImagePage> pages = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        long ifd = file.u32(4);
        while (ifd != 0) {
            if (!seen.add(ifd)) {
                throw new CorruptMaterialException("TIFF '" + name + "' has a loop in its page directory chain");
            }
            if (pages.size() >= limits.maxPages()) {
                throw new MaterialLimitException("TIFF '" + name + "' has more than " + limits.maxPages() + " pages");
            }
            int entries = file.u16(ifd);
            if (entries == 0 || entries > MAX_TIFF_ENTRIES) {
                throw new CorruptMaterialException("TIFF '" + name + "' has a page directory with " + entries + " entries");
            }
            pages.add(tiffPage(file, name, ifd, entries, pages.size() + 1));
            ifd = file.u32(ifd + 2 + 12L * entries);
        }
        if (pages.isEmpty()) {
            throw new CorruptMaterialException("TIFF '" + name + "' has no pages");
        }
        return pages;
    }

    private ImagePage tiffPage(BinaryFile file, String name, long ifd, int entries, int pageNumber) throws IOException {
        long width = 0;
        long height = 0;
        int samples = 1;
        int bits = 1;
        double xRes = 0;
        double yRes = 0;
        int unit = 2;
        long[] offsets = null;
        long[] counts = null;
        for (int i = 0; i < entries; i++) {
            long entry = ifd + 2 + 12L * i;
            int tag = file.u16(entry);
            int type = file.u16(entry + 2);
            long count = file.u32(entry + 4);
            switch (tag) {
                case 256 -> width = tiffValue(file, entry, type);
                case 257 -> height = tiffValue(file, entry, type);
                case 258 -> bits = (int) tiffArray(file, name, entry, type, count)[0];
                case 277 -> samples = (int) tiffValue(file, entry, type);
                case 282 -> xRes = tiffRational(file, entry);
                case 283 -> yRes = tiffRational(file, entry);
                case 296 -> unit = (int) tiffValue(file, entry, type);
                case 273, 324 -> offsets = tiffArray(file, name, entry, type, count);
                case 279, 325 -> counts = tiffArray(file, name, entry, type, count);
                default -> {
                    // other tags are the decoder's business
                }
            }
        }
        if (offsets == null || counts == null || offsets.length != counts.length) {
            throw new CorruptMaterialException("TIFF '" + name + "' page " + pageNumber + " has no valid image data pointers");
        }
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] + counts[i] > file.size()) {
                throw new CorruptMaterialException("TIFF '" + name + "' page " + pageNumber
                        + " is truncated (image data runs past the end of the file)");
            }
        }
        double scale = unit == 3 ? 2.54 : unit == 2 ? 1 : 0;
        return new ImagePage((int) Math.min(Integer.MAX_VALUE, width), (int) Math.min(Integer.MAX_VALUE, height),
                xRes * scale, yRes * scale, 1, samples, bits);
    }

    private static long tiffValue(BinaryFile file, long entry, int type) throws IOException {
        return type == 3 ? file.u16(entry + 8) : file.u32(entry + 8);
    }

    private static double tiffRational(BinaryFile file, long entry) throws IOException {
        long offset = file.u32(entry + 8);
        long numerator = file.u32(offset);
        long denominator = file.u32(offset + 4);
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }

    private static long[] tiffArray(BinaryFile file, String name, long entry, int type, long count) throws IOException {
        if (count == 0 || count > MAX_TIFF_STRIPS) {
            throw new CorruptMaterialException("TIFF '" + name + "' has a tag with " + count + " values");
        }
        int size = type == 3 ? 2 : 4;
        long base = count * size <= 4 ? entry + 8 : file.u32(entry + 8);
        long[] values = new long[(int) count];
        for (int i = 0; i < count; i++) {
            values[i] = size == 2 ? file.u16(base + 2L * i) : file.u32(base + 4L * i);
        }
        return values;
    }

    // ---- PDF ----

    /**
     * Image XObjects on the pages (and in forms one level down) must fit the pixel limits: rendering a
     * preview or an OCR page decodes them whole. Only dictionaries are read, no stream is decoded.
     */
    private void checkPdfImages(PdfDocument pdf, String name) {
        for (int i = 1; i <= pdf.getNumberOfPages(); i++) {
            com.itextpdf.kernel.pdf.PdfDictionary resources = pdf.getPage(i).getPdfObject()
                    .getAsDictionary(com.itextpdf.kernel.pdf.PdfName.Resources);
            checkXObjects(resources, name, i, 2);
        }
    }

    private void checkXObjects(com.itextpdf.kernel.pdf.PdfDictionary resources, String name, int page, int depth) {
        if (resources == null || depth == 0) {
            return;
        }
        com.itextpdf.kernel.pdf.PdfDictionary xobjects = resources.getAsDictionary(com.itextpdf.kernel.pdf.PdfName.XObject);
        if (xobjects == null) {
            return;
        }
        for (com.itextpdf.kernel.pdf.PdfName key : xobjects.keySet()) {
            com.itextpdf.kernel.pdf.PdfStream xobject = xobjects.getAsStream(key);
            if (xobject == null) {
                continue;
            }
            com.itextpdf.kernel.pdf.PdfName subtype = xobject.getAsName(com.itextpdf.kernel.pdf.PdfName.Subtype);
            if (com.itextpdf.kernel.pdf.PdfName.Image.equals(subtype)) {
                com.itextpdf.kernel.pdf.PdfNumber w = xobject.getAsNumber(com.itextpdf.kernel.pdf.PdfName.Width);
                com.itextpdf.kernel.pdf.PdfNumber h = xobject.getAsNumber(com.itextpdf.kernel.pdf.PdfName.Height);
                long width = w == null ? 0 : (long) w.doubleValue();
                long height = h == null ? 0 : (long) h.doubleValue();
                if (width > limits.maxSidePixels() || height > limits.maxSidePixels()
                        || width * height > limits.maxPixelsPerPage()) {
                    throw new MaterialLimitException("PDF '" + name + "' page " + page + " has a " + width + "×" + height
                            + " pixel image; the limit is " + limits.maxPixelsPerPage() + " pixels and "
                            + limits.maxSidePixels() + " pixels a side");
                }
            } else if (com.itextpdf.kernel.pdf.PdfName.Form.equals(subtype)) {
                checkXObjects(xobject.getAsDictionary(com.itextpdf.kernel.pdf.PdfName.Resources), name, page, depth - 1);
            }
        }
    }

    private InspectedFile pdf(SpooledUpload upload, BinaryFile file, String name) throws IOException {
        if (!startsWith(file.read(0, 5), "%PDF-")) {
            throw new CorruptMaterialException("PDF '" + name + "' has data before its %PDF header");
        }
        String tail = new String(file.tail(1024), StandardCharsets.ISO_8859_1);
        if (!tail.contains("%%EOF")) {
            throw new CorruptMaterialException("PDF '" + name + "' is truncated (no %%EOF at its end)");
        }
        int pages;
        try (PdfReader reader = new PdfReader(upload.file().toFile());
             PdfDocument pdf = new PdfDocument(reader)) {
            if (reader.hasRebuiltXref()) {
                throw new CorruptMaterialException("PDF '" + name + "' has a damaged cross-reference table");
            }
            pages = pdf.getNumberOfPages();
            if (pages <= limits.maxPages()) {
                checkPdfImages(pdf, name);
            }
        } catch (BadPasswordException e) {
            throw new MaterialTypeException("PDF '" + name + "' is password-protected; upload it without encryption",
                    "application/pdf");
        } catch (CorruptMaterialException | MaterialTypeException | MaterialLimitException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CorruptMaterialException("PDF '" + name + "' cannot be read: " + e.getMessage(), e);
        }
        if (pages == 0) {
            throw new CorruptMaterialException("PDF '" + name + "' has no pages");
        }
        if (pages > limits.maxPages()) {
            throw new MaterialLimitException("PDF '" + name + "' has " + pages + " pages; the limit is " + limits.maxPages());
        }
        return new InspectedFile(upload, MaterialType.PDF, pages, List.of());
    }
}
