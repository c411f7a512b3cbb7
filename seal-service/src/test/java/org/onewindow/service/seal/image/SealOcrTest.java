package org.onewindow.service.seal.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reads the seal text back from the PNG with real Tesseract (chi_sim). The horizontal seal name is cropped and
 * read directly; the arc is first unwrapped with a polar transform into a straight line of upright characters.
 * Needs Debian packages {@code tesseract-ocr} and {@code tesseract-ocr-chi-sim}.
 */
class SealOcrTest {

    private static final int DPI = 600;

    @TempDir
    Path tmp;

    @BeforeAll
    static void tesseractPresent() throws Exception {
        String langs;
        try {
            Process p = new ProcessBuilder("tesseract", "--list-langs").redirectErrorStream(true).start();
            langs = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            fail("tesseract not found: install the Debian package tesseract-ocr (and tesseract-ocr-chi-sim)");
            return;
        }
        assertTrue(langs.lines().anyMatch("chi_sim"::equals),
                "tesseract has no chi_sim language: install the Debian package tesseract-ocr-chi-sim");
    }

    @ParameterizedTest
    @CsvSource({"敦煌市行政服务中心, 受理专用章", "敦煌市行政服务中心, 审批专用章", "敦煌市食品药品监督管理局, 行政审批专用章"})
    void sealNameReadsBackByOcr(String organization, String sealName) throws Exception {
        SealLayout layout = SealLayout.compute(SealImageSpec.specialSeal(organization, sealName));
        BufferedImage seal = new SealPngRenderer().render(layout, DPI);
        Rectangle box = SealPngRenderer.toPixels(layout, seal.getWidth())
                .createTransformedShape(layout.bounds(SealLayout.TextRole.SEAL_NAME)).getBounds();
        // Just the text's box (the ring curves close below its corners); onWhite adds the quiet zone.
        int pad = 3;
        BufferedImage crop = onWhite(seal.getSubimage(box.x - pad, box.y - pad, box.width + 2 * pad,
                box.height + 2 * pad), ocrScale(layout, SealLayout.TextRole.SEAL_NAME), 1.0);
        assertEquals(sealName, ocr(crop, "7"));
    }

    /**
     * Arc text after a polar unwrap. Tesseract reads common names exactly, but misreads the rare 敦/煌 in this
     * light Song face now and then (e.g. 教煌, 敦烛), so this checks character accuracy, in reading order, of at
     * least {@value #ARC_MIN_ACCURACY}; exact read-back of the arc is proven by text extraction from the vector
     * PDF ({@link SealPdfRendererTest}).
     */
    @ParameterizedTest
    @CsvSource({"敦煌市行政服务中心, 受理专用章", "敦煌市食品药品监督管理局, 行政审批专用章", "敦煌市档案局, ''",
            "甘肃省人民政府办公厅, ''"})
    void organizationNameReadsBackByOcrAfterUnwrappingTheArc(String organization, String sealName)
            throws Exception {
        SealLayout layout = SealLayout.compute(SealImageSpec.specialSeal(organization, sealName));
        BufferedImage seal = new SealPngRenderer().render(layout, DPI);
        String read = ocr(onWhite(unwrapArc(layout, seal), ocrScale(layout, SealLayout.TextRole.ORGANIZATION),
                layout.glyphs(SealLayout.TextRole.ORGANIZATION).get(0).horizontalScale()), "7");
        double accuracy = 1 - (double) levenshtein(organization, read) / organization.length();
        assertTrue(accuracy >= ARC_MIN_ACCURACY, "OCR read '" + read + "' for '" + organization + "'");
    }

    static final double ARC_MIN_ACCURACY = 0.75;

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * Polar unwrap: columns walk clockwise along the arc from half a pitch before the first character to half a
     * pitch after the last; rows run from the text's outer edge down to its inner edge. Upright-on-the-arc
     * characters come out upright in a straight line.
     */
    static BufferedImage unwrapArc(SealLayout layout, BufferedImage seal) {
        List<SealLayout.PlacedGlyph> arc = layout.glyphs(SealLayout.TextRole.ORGANIZATION);
        double pxPerMm = seal.getWidth() / layout.spec().diameterMm();
        double centre = seal.getWidth() / 2.0;
        double outer = layout.innerRadiusMm() - layout.spec().arcMarginMm() / 2;
        double inner = outer - layout.spec().arcFontSizeMm() * 1.1;
        double span = Math.toRadians(SealLayout.effectiveArcSpanDegrees(layout.spec()));
        double pitch = arc.size() > 1 ? span / (arc.size() - 1) : Math.PI / 6;
        double start = Math.PI / 2 + span / 2 + pitch / 2;
        double end = Math.PI / 2 - span / 2 - pitch / 2;
        double midRadius = (outer + inner) / 2;
        int width = (int) Math.round((start - end) * midRadius * pxPerMm);
        int height = (int) Math.round((outer - inner) * pxPerMm);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int v = 0; v < height; v++) {
            double r = (outer - (outer - inner) * v / height) * pxPerMm;
            for (int u = 0; u < width; u++) {
                double a = start - (start - end) * u / width;
                int x = (int) Math.round(centre + r * Math.cos(a));
                int y = (int) Math.round(centre - r * Math.sin(a));
                if (x >= 0 && y >= 0 && x < seal.getWidth() && y < seal.getHeight()) {
                    out.setRGB(u, v, seal.getRGB(x, y));
                }
            }
        }
        return out;
    }

    /** Scale that makes a text's characters about 50 px tall, the size Tesseract reads best. */
    private static double ocrScale(SealLayout layout, SealLayout.TextRole role) {
        return 50 / (layout.glyphs(role).get(0).sizeMm() / 25.4 * DPI);
    }

    /**
     * The transparent image scaled, its condensing undone (characters back to their natural width, as the OCR
     * model knows them) and composited onto white paper with a quiet zone around it.
     */
    private static BufferedImage onWhite(BufferedImage image, double scale, double condensing) {
        int w = (int) Math.round(image.getWidth() * scale / condensing);
        int h = (int) Math.round(image.getHeight() * scale);
        int border = h / 3;
        BufferedImage white = new BufferedImage(w + 2 * border, h + 2 * border, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = white.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, white.getWidth(), white.getHeight());
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(image, border, border, w, h, null);
        } finally {
            g.dispose();
        }
        return white;
    }

    private String ocr(BufferedImage image, String pageSegmentationMode) throws Exception {
        Path file = Files.createTempFile(tmp, "ocr", ".png");
        ImageIO.write(image, "png", file.toFile());
        if (System.getenv("OCR_DEBUG_DIR") != null) {
            Files.copy(file, Path.of(System.getenv("OCR_DEBUG_DIR")).resolve(file.getFileName()));
        }
        ProcessBuilder pb = new ProcessBuilder("tesseract", file.toString(), "stdout", "-l", "chi_sim", "--psm",
                pageSegmentationMode);
        pb.environment().put("OMP_THREAD_LIMIT", "1");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tesseract timed out");
        assertEquals(0, p.exitValue(), "tesseract failed");
        return text.replaceAll("\\s+", "");
    }
}
