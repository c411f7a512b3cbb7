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

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A shortcut for the pages intake writes itself: a page that is exactly one upright image filling it
 * ({@code q w 0 0 h 0 0 cm /Im Do Q}) is handed to tesseract as that image, at its own resolution, instead of
 * being rendered. JPEG data is written out as it is (only a subsampled decode in Java to estimate the skew);
 * 8-bit grey/RGB samples are written as PGM/PPM as they come out of the PDF's filters; other images are decoded
 * once and written as greyscale PGM. A page found skewed is straightened first ({@link Deskew}). Word boxes then
 * come back in image pixels, which map to the page exactly like rendered pixels at the image's resolution.
 */
final class DirectPageImage {
    private static final double SQUARE_PIXELS = 0.02;

    private DirectPageImage() {
    }

    /**
     * The page's image as tesseract should read it, or empty when the page is not a single upright image
     * (it is then rendered).
     */
    static Optional<Tesseract.PageFile> extract(PDPage page, Path scratch, long maxPixels, Deskew deskew)
            throws IOException {
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
            byte[] jpeg;
            try (InputStream raw = image.getStream().createInputStream(List.of(COSName.DCT_DECODE.getName()))) {
                jpeg = raw.readAllBytes();
            }
            if (deskew.enabled()) {
                try {
                    double skew = PageImages.estimateJpegSkew(jpeg, deskew);
                    BufferedImage decoded = skew == 0 ? null : ImageIO.read(new ByteArrayInputStream(jpeg));
                    if (decoded != null && decoded.getWidth() == width && decoded.getHeight() == height) {
                        return Optional.of(PageImages.write(PageImages.greySamples(decoded), width, height, 1, dpi,
                                skew, scratch));
                    }
                } catch (IOException | RuntimeException e) {
                    // a JPEG flavour Java cannot decode (CMYK, ...): tesseract reads it as it is, unstraightened
                }
            }
            // the JPEG as it is: tesseract decodes it itself
            Path file = Files.createTempFile(scratch, "page-", ".jpg");
            Files.write(file, jpeg);
            return Optional.of(new Tesseract.PageFile(file, width, height, dpi, 0));
        }
        int components = image.getColorSpace().getNumberOfComponents();
        if (image.getBitsPerComponent() == 8 && (components == 1 || components == 3)
                && image.getCOSObject().getItem(COSName.DECODE) == null
                && image.getCOSObject().getItem(COSName.SMASK) == null && image.getCOSObject().getItem(COSName.MASK) == null
                && !"Indexed".equals(image.getColorSpace().getName())) {
            // decoded samples are already a PGM/PPM body: no BufferedImage, no colour conversion in Java
            int expected = Math.multiplyExact(Math.multiplyExact(width, height), components);
            byte[] samples;
            try (InputStream in = image.getStream().createInputStream()) {
                samples = in.readNBytes(expected);
                if (samples.length == expected && in.read() < 0) {
                    return Optional.of(PageImages.write(samples, width, height, components, dpi,
                            deskew.estimate(samples, width, height, components), scratch));
                }
            }
            // padded or short data: the regular decoder copes with it
        }
        BufferedImage decoded = image.getImage();
        byte[] grey = PageImages.greySamples(decoded);
        return Optional.of(PageImages.write(grey, decoded.getWidth(), decoded.getHeight(), 1, dpi,
                deskew.estimate(grey, decoded.getWidth(), decoded.getHeight(), 1), scratch));
    }

    private static boolean isOperator(Object token, String name) {
        return token instanceof Operator operator && operator.getName().equals(name);
    }
}
