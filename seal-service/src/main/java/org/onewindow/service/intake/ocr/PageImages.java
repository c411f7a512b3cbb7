package org.onewindow.service.intake.ocr;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Page images for tesseract, written as binary PGM/PPM: no compression, so writing them costs almost nothing
 * and tesseract reads them without decoding.
 */
final class PageImages {
    private PageImages() {
    }

    /**
     * Writes the samples (straightened first when {@code skewDegrees} is not 0) to a new file in {@code scratch}.
     *
     * @param components 1 (grey, written as PGM) or 3 (RGB, written as PPM; a straightened page becomes grey)
     */
    static Tesseract.PageFile write(byte[] samples, int width, int height, int components, int dpi,
                                    double skewDegrees, Path scratch) throws IOException {
        byte[] body = samples;
        int written = components;
        if (skewDegrees != 0) {
            body = Deskew.straighten(samples, width, height, components, skewDegrees);
            written = 1;
        }
        Path file = Files.createTempFile(scratch, "page-", written == 1 ? ".pgm" : ".ppm");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(((written == 1 ? "P5\n" : "P6\n") + width + " " + height + "\n255\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
        }
        return new Tesseract.PageFile(file, width, height, dpi, skewDegrees);
    }

    /** The image's grey samples, rows top to bottom; non-grey images are drawn on white. */
    static byte[] greySamples(BufferedImage image) {
        BufferedImage grey = image;
        if (image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            grey = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = grey.createGraphics();
            g.drawImage(image, 0, 0, Color.WHITE, null);
            g.dispose();
        }
        return (byte[]) grey.getRaster().getDataElements(0, 0, grey.getWidth(), grey.getHeight(), null);
    }

    /**
     * The skew of a JPEG page, estimated on a subsampled decode (about {@value Deskew#ESTIMATE_WIDTH} px wide):
     * the skew angle does not depend on the resolution, and the full image is decoded only if it must be turned.
     */
    static double estimateJpegSkew(byte[] jpeg, Deskew deskew) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return 0;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int factor = Math.max(1, reader.getWidth(0) / Deskew.ESTIMATE_WIDTH);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(factor, factor, 0, 0);
                BufferedImage small = reader.read(0, param);
                return deskew.estimate(greySamples(small), small.getWidth(), small.getHeight(), 1);
            } finally {
                reader.dispose();
            }
        }
    }
}
