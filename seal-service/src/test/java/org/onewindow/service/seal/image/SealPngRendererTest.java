package org.onewindow.service.seal.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Node;

class SealPngRendererTest {

    private final SealPngRenderer renderer = new SealPngRenderer();

    @ParameterizedTest
    @CsvSource({"40, 600", "40, 300", "42, 1200", "45, 400"})
    void sizeMatchesTheDiameterAtTheRequestedResolutionAndPhysSaysSo(double diameterMm, int dpi) throws IOException {
        SealImageSpec spec = SealImageSpec.specialSeal("敦煌市行政服务中心", "受理专用章").scaledTo(diameterMm);
        byte[] png = renderer.renderPng(SealLayout.compute(spec), dpi);

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        double expected = diameterMm / 25.4 * dpi;
        assertEquals(expected, image.getWidth(), 1.0);
        assertEquals(expected, image.getHeight(), 1.0);
        assertTrue(image.getColorModel().hasAlpha(), "PNG must carry alpha");

        Node phys = physNode(png);
        assertEquals("meter", phys.getAttributes().getNamedItem("unitSpecifier").getNodeValue());
        long perMetre = Long.parseLong(phys.getAttributes().getNamedItem("pixelsPerUnitXAxis").getNodeValue());
        assertEquals(dpi, perMetre * 0.0254, 0.5);
        assertEquals(perMetre, Long.parseLong(phys.getAttributes().getNamedItem("pixelsPerUnitYAxis").getNodeValue()));
    }

    @Test
    void everythingOutsideTheOuterCircleIsFullyTransparent() {
        SealImageSpec spec = SealImageSpec.specialSeal("敦煌市食品药品监督管理局", "行政审批专用章").withCodeText("6209820012345");
        BufferedImage image = renderer.render(SealLayout.compute(spec), 600);
        double c = image.getWidth() / 2.0;
        double radiusPx = image.getWidth() / 2.0;
        int checked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (Math.hypot(x + 0.5 - c, y + 0.5 - c) > radiusPx + 0.75) {
                    assertEquals(0, alpha(image, x, y), "pixel " + x + "," + y + " outside the seal is not transparent");
                    checked++;
                }
            }
        }
        assertTrue(checked > image.getWidth() * image.getWidth() / 6, "the corners were sampled");
        assertEquals(0, alpha(image, 0, 0));
        assertEquals(0, alpha(image, image.getWidth() - 1, image.getHeight() - 1));
    }

    @ParameterizedTest
    @CsvSource({"E60000", "FF0000", "C81E1E"})
    void ringIsOpaqueInTheSpecColourAllAround(String hex) {
        int rgb = Integer.parseInt(hex, 16);
        SealImageSpec spec = SealImageSpec.specialSeal("敦煌市行政服务中心", "受理专用章").withColorRgb(rgb);
        int dpi = 600;
        BufferedImage image = renderer.render(SealLayout.compute(spec), dpi);
        double pxPerMm = image.getWidth() / spec.diameterMm();
        double c = image.getWidth() / 2.0;
        double ringRadius = (spec.diameterMm() / 2 - spec.borderWidthMm() / 2) * pxPerMm;
        for (int i = 0; i < 720; i++) {
            double a = Math.toRadians(i / 2.0);
            int x = (int) Math.floor(c + ringRadius * Math.cos(a));
            int y = (int) Math.floor(c + ringRadius * Math.sin(a));
            int argb = image.getRGB(x, y);
            assertEquals(255, argb >>> 24, "ring pixel at " + i / 2.0 + "° not opaque");
            assertColour(rgb, argb, 6);
        }
    }

    @Test
    void gapBetweenRingAndArcTextIsClearAndTextIsDrawn() {
        SealImageSpec spec = SealImageSpec.specialSeal("敦煌市行政服务中心", "受理专用章");
        BufferedImage image = renderer.render(SealLayout.compute(spec), 600);
        double pxPerMm = image.getWidth() / spec.diameterMm();
        double c = image.getWidth() / 2.0;
        double inner = spec.diameterMm() / 2 - spec.borderWidthMm();
        double gapRadius = (inner - spec.arcMarginMm() / 2) * pxPerMm;
        for (int i = 0; i < 1440; i++) {
            double a = Math.toRadians(i / 4.0);
            assertEquals(0, alpha(image, (int) (c + gapRadius * Math.cos(a)), (int) (c + gapRadius * Math.sin(a))),
                    "text touches the ring at " + i / 4.0 + "°");
        }
        // Ink inside the text band on the upper arc: the characters are there.
        SealLayout layout = SealLayout.compute(spec);
        long inked = countOpaque(image, SealPngRenderer.toPixels(layout, image.getWidth())
                .createTransformedShape(layout.bounds(SealLayout.TextRole.ORGANIZATION)).getBounds());
        assertTrue(inked > 1000, "arc text must be drawn, found " + inked + " opaque pixels");
    }

    @Test
    void starIsAtTheCentreWithItsNotchesEmpty() {
        SealImageSpec spec = SealImageSpec.specialSeal("敦煌市行政服务中心", "受理专用章");
        BufferedImage image = renderer.render(SealLayout.compute(spec), 600);
        double pxPerMm = image.getWidth() / spec.diameterMm();
        int c = image.getWidth() / 2;
        assertEquals(255, alpha(image, c, c), "centre of the star");
        assertColour(spec.colorRgb(), image.getRGB(c, c), 6);
        double tip = spec.starDiameterMm() / 2 * pxPerMm;
        for (int k = 0; k < 5; k++) {
            // Just inside each tip: opaque. Between two tips, beyond the notch: transparent.
            double tipAngle = Math.toRadians(90 + 72 * k);
            double notchAngle = Math.toRadians(90 + 36 + 72 * k);
            assertEquals(255, alpha(image, (int) (c + 0.85 * tip * Math.cos(tipAngle)),
                    (int) (c - 0.85 * tip * Math.sin(tipAngle))), "tip " + k);
            assertEquals(0, alpha(image, (int) (c + 0.8 * tip * Math.cos(notchAngle)),
                    (int) (c - 0.8 * tip * Math.sin(notchAngle))), "notch " + k);
        }
        SealImageSpec noStar = spec.withStar(false, spec.starDiameterMm());
        assertEquals(0, alpha(renderer.render(SealLayout.compute(noStar), 600), c, c), "star switched off");
    }

    @Test
    void resolutionOutsideTheAcceptedRangeIsRejected() {
        SealLayout layout = SealLayout.compute(SealImageSpec.specialSeal("敦煌市行政服务中心", "受理专用章"));
        assertThrows(SealImageException.class, () -> renderer.render(layout, 10));
        assertThrows(SealImageException.class, () -> renderer.render(layout, 100_000));
    }

    static int alpha(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) >>> 24;
    }

    static void assertColour(int expectedRgb, int argb, int tolerance) {
        int[] shifts = {16, 8, 0};
        for (int s : shifts) {
            int want = (expectedRgb >> s) & 0xFF;
            int got = (argb >> s) & 0xFF;
            assertTrue(Math.abs(want - got) <= tolerance,
                    String.format("colour #%06X differs from #%06X", argb & 0xFFFFFF, expectedRgb));
        }
    }

    private static long countOpaque(BufferedImage image, java.awt.Rectangle r) {
        long n = 0;
        for (int y = Math.max(0, r.y); y < Math.min(image.getHeight(), r.y + r.height); y++) {
            for (int x = Math.max(0, r.x); x < Math.min(image.getWidth(), r.x + r.width); x++) {
                if (alpha(image, x, y) == 255) {
                    n++;
                }
            }
        }
        return n;
    }

    private static Node physNode(byte[] png) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
            reader.setInput(in);
            IIOMetadata metadata = reader.getImageMetadata(0);
            Node root = metadata.getAsTree("javax_imageio_png_1.0");
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if ("pHYs".equals(n.getNodeName())) {
                    return n;
                }
            }
            throw new AssertionError("no pHYs chunk in the PNG");
        }
    }
}
