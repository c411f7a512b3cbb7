package org.onewindow.service.intake.ocr;

import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * A shortcut for the pages intake writes itself: a page that is exactly one upright image filling it
 * ({@code q w 0 0 h 0 0 cm /Im Do Q}) is handed to tesseract as that image, at its own resolution, instead of
 * being rendered. JPEG data is written out as it is (no decoding in Java at all); other images are decoded
 * once and written as greyscale PGM. Word boxes then come back in image pixels, which map to the page exactly
 * like rendered pixels at the image's resolution.
 */
final class DirectPageImage {
    private static final double SQUARE_PIXELS = 0.02;

    private DirectPageImage() {
    }

    /** The extracted image file with its size and resolution. */
    record Extracted(Path file, int width, int height, int dpi) {
    }

    static Optional<Extracted> extract(PDPage page, Path scratch, long maxPixels) throws IOException {
        PDRectangle crop = page.getCropBox();
        if (page.getRotation() % 360 != 0 || crop.getLowerLeftX() != 0 || crop.getLowerLeftY() != 0) {
            return Optional.empty();
        }
        List<Object> tokens;
        PDFStreamParser parser = new PDFStreamParser(page);
        tokens = parser.parse();
        if (tokens.size() != 11 || !isOperator(tokens.get(0), "q") || !isOperator(tokens.get(7), "cm")
                || !(tokens.get(8) instanceof COSName name) || !isOperator(tokens.get(9), "Do")
                || !isOperator(tokens.get(10), "Q")) {
            return Optional.empty();
        }
        double[] m = new double[6];
        for (int i = 0; i < 6; i++) {
            if (!(tokens.get(1 + i) instanceof COSNumber number)) {
                return Optional.empty();
            }
            m[i] = number.floatValue();
        }
        if (m[1] != 0 || m[2] != 0 || m[4] != 0 || m[5] != 0 || Math.abs(m[0] - crop.getWidth()) > 0.01
                || Math.abs(m[3] - crop.getHeight()) > 0.01) {
            return Optional.empty();
        }
        PDResources resources = page.getResources();
        if (resources == null) {
            return Optional.empty();
        }
        PDXObject xobject = resources.getXObject(name);
        if (!(xobject instanceof PDImageXObject image) || image.isStencil()) {
            return Optional.empty();
        }
        int width = image.getWidth();
        int height = image.getHeight();
        if (width <= 0 || height <= 0 || (long) width * height > maxPixels) {
            return Optional.empty();
        }
        double dpiX = width / (crop.getWidth() / 72.0);
        double dpiY = height / (crop.getHeight() / 72.0);
        if (Math.abs(dpiX - dpiY) / dpiX > SQUARE_PIXELS) {
            return Optional.empty();
        }
        int dpi = (int) Math.round(dpiX);
        List<COSName> filters = image.getStream().getFilters();
        boolean plainJpeg = filters.size() == 1 && COSName.DCT_DECODE.equals(filters.get(0))
                && image.getCOSObject().getItem(COSName.DECODE) == null && image.getCOSObject().getItem(COSName.SMASK) == null;
        if (plainJpeg) {
            Path file = Files.createTempFile(scratch, "page-", ".jpg");
            try (InputStream raw = image.getStream().createInputStream(List.of(COSName.DCT_DECODE.getName()))) {
                Files.copy(raw, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return Optional.of(new Extracted(file, width, height, dpi));
        }
        int components = image.getColorSpace().getNumberOfComponents();
        if (image.getBitsPerComponent() == 8 && (components == 1 || components == 3)
                && image.getCOSObject().getItem(COSName.DECODE) == null
                && image.getCOSObject().getItem(COSName.SMASK) == null && image.getCOSObject().getItem(COSName.MASK) == null
                && !"Indexed".equals(image.getColorSpace().getName())) {
            // decoded samples are already a PGM/PPM body: no BufferedImage, no colour conversion in Java
            Path file = Files.createTempFile(scratch, "page-", components == 1 ? ".pgm" : ".ppm");
            long expected = (long) width * height * components;
            long copied;
            try (InputStream samples = image.getStream().createInputStream();
                 java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                out.write(((components == 1 ? "P5\n" : "P6\n") + width + " " + height + "\n255\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                copied = samples.transferTo(out);
            }
            if (copied == expected) {
                return Optional.of(new Extracted(file, width, height, dpi));
            }
            Files.delete(file); // padded or short data: the regular decoder copes with it
        }
        BufferedImage decoded = image.getImage();
        BufferedImage gray = decoded;
        if (decoded.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            gray = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = gray.createGraphics();
            g.drawImage(decoded, 0, 0, java.awt.Color.WHITE, null);
            g.dispose();
        }
        Path file = Files.createTempFile(scratch, "page-", ".pgm");
        PageImages.writePgm(gray, file);
        return Optional.of(new Extracted(file, width, height, dpi));
    }

    private static boolean isOperator(Object token, String name) {
        return token instanceof Operator operator && operator.getName().equals(name);
    }
}
