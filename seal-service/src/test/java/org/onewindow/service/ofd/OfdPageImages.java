package org.onewindow.service.ofd;

import java.awt.Composite;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.graphics.blend.BlendComposite;
import org.apache.pdfbox.pdmodel.graphics.blend.BlendMode;
import org.ofdrw.converter.ImageMaker;
import org.ofdrw.reader.OFDReader;

/**
 * Renders OFD pages to images with ofdrw-converter's {@link ImageMaker}, an OFD reader independent of our writer.
 * <p>
 * ofdrw-converter 2.3.3 was compiled against PDFBox 2 and names one PDFBox 2 type in a method signature (the stamp
 * blend mode); the project has PDFBox 3, so the JVM's bytecode verifier refuses to load the class. The rendering
 * therefore runs in a child JVM with verification of application classes off, and the one method that touches the
 * missing type is overridden with the PDFBox 3 equivalent. Test code only.
 */
final class OfdPageImages {
    private OfdPageImages() {
    }

    /** Page {@code page} (1-based) of {@code ofd} at {@code pixelsPerMm}. */
    static BufferedImage render(Path ofd, int page, double pixelsPerMm) throws IOException, InterruptedException {
        Path png = Files.createTempFile("ofd-page", ".png");
        try {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process process = new ProcessBuilder(List.of(java.toString(), "-XX:+UnlockDiagnosticVMOptions",
                    "-XX:-BytecodeVerificationRemote", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    OfdPageImages.class.getName(), ofd.toString(), Integer.toString(page),
                    Double.toString(pixelsPerMm), png.toString()))
                    .redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("rendering failed: " + new String(output));
            }
            return ImageIO.read(png.toFile());
        } finally {
            Files.deleteIfExists(png);
        }
    }

    public static void main(String[] args) throws Exception {
        try (OFDReader reader = new OFDReader(Path.of(args[0]))) {
            ImageMaker maker = new ImageMaker(reader, Double.parseDouble(args[2])) {
                @Override
                protected Composite getStampComposite() {
                    return BlendComposite.getInstance(BlendMode.MULTIPLY, 1f);
                }
            };
            BufferedImage image = maker.makePage(Integer.parseInt(args[1]) - 1);
            ImageIO.write(image, "png", Path.of(args[3]).toFile());
        }
    }

    /** Writes the image to {@code -Donewindow.docs.dir} when that is set (the gallery in docs/), else nothing. */
    static void saveForDocs(BufferedImage image, String name) throws IOException {
        String dir = System.getProperty("onewindow.docs.dir");
        if (dir != null) {
            ImageIO.write(image, "png", Path.of(dir, name).toFile());
        }
    }

    /** Counts pixels: dark (text), and seal red (R high, G and B low). */
    record Pixels(long dark, long red) {
        static Pixels count(BufferedImage image) {
            long dark = 0;
            long red = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y);
                    int r = (rgb >> 16) & 0xff;
                    int g = (rgb >> 8) & 0xff;
                    int b = rgb & 0xff;
                    if (r < 100 && g < 100 && b < 100) {
                        dark++;
                    } else if (r > 170 && g < 110 && b < 110) {
                        red++;
                    }
                }
            }
            return new Pixels(dark, red);
        }
    }
}
