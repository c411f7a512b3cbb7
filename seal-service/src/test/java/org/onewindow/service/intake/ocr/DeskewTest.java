package org.onewindow.service.intake.ocr;

import org.junit.jupiter.api.Test;
import org.onewindow.service.intake.TestFiles;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeskewTest {
    private static final List<String> LINES = List.of("申请人应当如实提交有关材料和反映真实情况",
            "统一社会信用代码91310115MA1K3YJ12X", "办理地点为行政服务中心二楼综合窗口",
            "Business licence No. 2026-0117 issued", "不动产登记申请审批表和委托书原件",
            "经营场所使用证明房屋租赁合同一份", "本人承诺以上所填内容真实有效", "建设工程规划许可证附图及附件");

    /** A text page whose lines slope down to the right by {@code degrees} (image y axis down). */
    private static byte[] skewedPage(int width, int height, double degrees) {
        BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.rotate(Math.toRadians(degrees), width / 2.0, height / 2.0);
        g.setColor(Color.BLACK);
        g.setFont(TestFiles.cjkFont().deriveFont(40f));
        for (int i = 0; i < 16; i++) {
            g.drawString(LINES.get(i % LINES.size()), 100, 150 + i * 90);
        }
        g.dispose();
        return (byte[]) page.getRaster().getDataElements(0, 0, width, height, null);
    }

    @Test
    void findsTheSkewOfTextLinesEitherWay() {
        Deskew deskew = Deskew.defaults();
        for (double angle : new double[]{-5, -2.5, -0.8, 1.2, 3, 4.5}) {
            byte[] page = skewedPage(1400, 1800, angle);
            assertEquals(angle, deskew.estimate(page, 1400, 1800, 1), 0.15, "skew " + angle);
        }
    }

    @Test
    void leavesStraightBlankAndSlightlySkewedPagesAlone() {
        Deskew deskew = Deskew.defaults();
        assertEquals(0, deskew.estimate(skewedPage(1400, 1800, 0), 1400, 1800, 1));
        assertEquals(0, deskew.estimate(skewedPage(1400, 1800, 0.15), 1400, 1800, 1), "below minDegrees");
        assertEquals(0, deskew.estimate(skewedPage(1400, 1800, 0.4), 1400, 1800, 1), "0.4° is left to tesseract");
        byte[] blank = new byte[1400 * 1800];
        java.util.Arrays.fill(blank, (byte) 255);
        assertEquals(0, deskew.estimate(blank, 1400, 1800, 1));
        assertEquals(0, Deskew.off().estimate(skewedPage(1400, 1800, 3), 1400, 1800, 1));
    }

    @Test
    void rgbSamplesAreReadToo() {
        byte[] grey = skewedPage(1000, 1200, -2);
        byte[] rgb = new byte[grey.length * 3];
        for (int i = 0; i < grey.length; i++) {
            rgb[3 * i] = grey[i];
            rgb[3 * i + 1] = grey[i];
            rgb[3 * i + 2] = grey[i];
        }
        assertEquals(-2, Deskew.defaults().estimate(rgb, 1000, 1200, 3), 0.15);
        byte[] straightened = Deskew.straighten(rgb, 1000, 1200, 3, -2);
        assertEquals(0, Deskew.defaults().estimate(straightened, 1000, 1200, 1));
    }

    @Test
    void straightenedPageIsLevelAndMapsBackOntoTheOriginal() {
        int width = 1400;
        int height = 1800;
        double angle = 3.5;
        byte[] page = skewedPage(width, height, angle);
        byte[] straight = Deskew.straighten(page, width, height, 1, angle);
        assertEquals(0, Deskew.defaults().estimate(straight, width, height, 1), "straightened page still skewed");

        // a single dark dot: where it lands in the straightened image maps back to where it was
        byte[] dot = new byte[width * height];
        java.util.Arrays.fill(dot, (byte) 255);
        int qx = 1200;
        int qy = 300;
        for (int y = qy - 2; y <= qy + 2; y++) {
            for (int x = qx - 2; x <= qx + 2; x++) {
                dot[y * width + x] = 0;
            }
        }
        byte[] moved = Deskew.straighten(dot, width, height, 1, angle);
        double sx = 0;
        double sy = 0;
        double mass = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double ink = 255 - (moved[y * width + x] & 0xFF);
                sx += ink * (x + 0.5);
                sy += ink * (y + 0.5);
                mass += ink;
            }
        }
        assertTrue(mass > 0, "dot lost");
        Point2D back = Deskew.straightenedToOriginal(angle, width, height).transform(new Point2D.Double(sx / mass, sy / mass), null);
        assertEquals(qx + 0.5, back.getX(), 1.0);
        assertEquals(qy + 0.5, back.getY(), 1.0);
        // and the dot really moved: a 3.5° turn shifts a point this far from the centre by tens of pixels
        assertTrue(Math.hypot(sx / mass - qx, sy / mass - qy) > 30);
    }
}
