package org.onewindow.service.intake;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Renders page previews as PNG with PDFBox. The resolution is chosen from the wanted width and capped so
 * that no preview exceeds {@code maxPixels}, whatever page size a PDF declares.
 */
public final class PreviewRenderer {
    private final long maxPixels;

    public PreviewRenderer(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    public static PreviewRenderer defaults() {
        return new PreviewRenderer(4_000_000L);
    }

    /** PNG bytes of one page in every {@link PreviewSize}. */
    public Map<PreviewSize, byte[]> render(PDDocument document, PDFRenderer renderer, int pageIndex) throws IOException {
        Map<PreviewSize, byte[]> previews = new EnumMap<>(PreviewSize.class);
        PDPage page = document.getPage(pageIndex);
        PDRectangle box = page.getCropBox();
        boolean turned = page.getRotation() % 180 != 0;
        double widthPoints = Math.max(1, turned ? box.getHeight() : box.getWidth());
        double heightPoints = Math.max(1, turned ? box.getWidth() : box.getHeight());
        for (PreviewSize size : PreviewSize.values()) {
            double scale = size.widthPixels() / widthPoints;
            double pixels = widthPoints * heightPoints * scale * scale;
            if (pixels > maxPixels) {
                scale *= Math.sqrt(maxPixels / pixels);
            }
            BufferedImage image = renderer.renderImage(pageIndex, (float) scale, ImageType.RGB);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            previews.put(size, png.toByteArray());
        }
        return previews;
    }
}
