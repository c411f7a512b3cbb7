package org.onewindow.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * PNG previews of every template. With {@code -Donewindow.docs.dir=<dir>} the pages are also written there
 * ({@code docs/templates} in the repository holds the committed set).
 */
class TemplateGalleryTest {
    @Test
    void everyTemplateHasAPngPreview() throws Exception {
        TemplateRenderer renderer = new TemplateRenderer(TemplateCatalog.defaults());
        String dir = System.getProperty("onewindow.docs.dir");
        for (TemplateSummary t : renderer.catalog().list()) {
            byte[] png = renderer.renderPreviewPng(t.id(), Samples.PUBLIC_URL, 100);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(827, image.getWidth(), 2, "A4 at 100 dpi");
            assertEquals(1169, image.getHeight(), 2, "A4 at 100 dpi");
            assertTrue(hasInk(image), t.id() + " preview is blank");
            if (dir != null) {
                RenderedDocument doc = renderer.renderSample(t.id(), Samples.PUBLIC_URL);
                Files.createDirectories(Path.of(dir));
                for (int page = 1; page <= doc.pageCount(); page++) {
                    String name = t.id() + (page == 1 ? "" : "-p" + page) + ".png";
                    Files.write(Path.of(dir, name), TemplateRenderer.pagePng(doc, page, 100, true));
                }
            }
        }
    }

    private static boolean hasInk(BufferedImage image) {
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                if ((image.getRGB(x, y) & 0xff) < 100) {
                    dark++;
                }
            }
        }
        return dark > 500;
    }
}
