package org.onewindow.service.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import com.itextpdf.forms.PdfAcroForm;
import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a reader sees, rendered by poppler (pdftoppm): the red seal is where it was placed, over the anchor text, and
 * the black text under it still shows (Multiply blend), while the page away from the seal has no red.
 */
class SealAppearanceRenderTest {
    static final int DPI = 100;

    @TempDir
    Path dir;

    @Test
    void sealIsRedOverTheAnchorAndTextUnderItStaysBlack() throws Exception {
        SealingFixture pki = new SealingFixture(dir);
        Path input = SampleDocuments.notice(dir.resolve("render.pdf"), 1, false);
        Path output = dir.resolve("render-sealed.pdf");
        pki.sealer().seal(input, output, pki.acceptanceSeal(),
                SealRequest.of(PadesLevel.B_B, new SealPlacement.Anchor("敦煌市行政服务中心（盖章）"), "受理", ""));
        Rectangle rect;
        float pageHeight;
        try (PdfDocument pdf = new PdfDocument(new PdfReader(output.toFile()))) {
            rect = PdfAcroForm.getAcroForm(pdf, false).getField("Seal1").getWidgets().get(0).getRectangle()
                    .toRectangle();
            pageHeight = pdf.getPage(1).getPageSize().getHeight();
        }
        PdfOracles.Run run = PdfOracles.run(dir, "pdftoppm", "-r", String.valueOf(DPI), "-png", "-singlefile",
                output.toString(), dir.resolve("page").toString());
        assertEquals(0, run.exit(), run.output());
        BufferedImage page = ImageIO.read(dir.resolve("page.png").toFile());
        double k = DPI / 72.0;
        int x0 = (int) (rect.getX() * k);
        int x1 = (int) ((rect.getX() + rect.getWidth()) * k);
        int y0 = (int) ((pageHeight - rect.getY() - rect.getHeight()) * k);
        int y1 = (int) ((pageHeight - rect.getY()) * k);
        int red = 0;
        int dark = 0;
        int redOutside = 0;
        for (int y = 0; y < page.getHeight(); y++) {
            for (int x = 0; x < page.getWidth(); x++) {
                int rgb = page.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                boolean inside = x >= x0 && x < x1 && y >= y0 && y < y1;
                boolean isRed = r > 180 && g < 90 && b < 90;
                if (inside && isRed) {
                    red++;
                } else if (!inside && isRed) {
                    redOutside++;
                }
                if (inside && r < 60 && g < 60 && b < 60) {
                    dark++;
                }
            }
        }
        int area = (x1 - x0) * (y1 - y0);
        assertTrue(red > area / 20, "seal ink inside its rectangle: " + red + " of " + area);
        assertTrue(dark > 50, "black text under the seal still visible: " + dark + " dark pixels");
        assertTrue(redOutside < 20, "red outside the seal: " + redOutside);
        // centred over the anchor: the anchor text is at the right end of its line, above the date
        assertTrue(rect.getX() + rect.getWidth() / 2 > 300, "seal centre x=" + (rect.getX() + rect.getWidth() / 2));
    }
}
