package org.onewindow.service.intake;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Degraded synthetic scans with known text: Chinese (and some Latin) lines rendered at 300 dpi with a CJK
 * font, then blurred, skewed and given sensor noise and speckles, like a worn office scanner.
 */
final class SyntheticScans {
    /** Sentences of the kind found in applications to a government service center. */
    static final List<String> SENTENCES = List.of(
            "申请人应当如实提交有关材料和反映真实情况",
            "并对其申请材料实质内容的真实性负责",
            "行政机关受理或者不予受理行政许可申请",
            "应当出具加盖本行政机关专用印章和注明日期的书面凭证",
            "申请材料不齐全或者不符合法定形式的",
            "应当当场或者在五日内一次告知申请人需要补正的全部内容",
            "统一社会信用代码91310115MA1K3YJ12X",
            "法定代表人身份证明及营业执照副本复印件",
            "经营场所使用证明房屋租赁合同一份",
            "本人承诺以上所填内容真实有效",
            "联系电话021-58881234邮政编码200120",
            "办理地点为行政服务中心二楼综合窗口",
            "不动产登记申请审批表和委托书原件",
            "食品经营许可证延续申请的受理条件",
            "Business licence No. 2026-0117 issued",
            "建设工程规划许可证附图及附件");

    /** How worn the scan looks. */
    enum Degradation {
        LIGHT(0.4, 6, 0.0005, 0.5),
        MEDIUM(0.9, 12, 0.002, 1.0),
        HEAVY(1.5, 20, 0.004, 1.0),
        /** Medium noise on a page fed crooked: the cases deskew is for. */
        SKEW_3(3.0, 12, 0.002, 1.0),
        SKEW_5(5.0, 12, 0.002, 1.0);

        final double skewDegrees;
        final double noiseSigma;
        final double speckleRate;
        final double blur;

        Degradation(double skewDegrees, double noiseSigma, double speckleRate, double blur) {
            this.skewDegrees = skewDegrees;
            this.noiseSigma = noiseSigma;
            this.speckleRate = speckleRate;
            this.blur = blur;
        }
    }

    record Scan(BufferedImage image, String groundTruth) {
    }

    /** An A5 page (1748×2480 px at 300 dpi) of {@code lines} sentences picked by {@code seed}. */
    static Scan page(long seed, int lines, Degradation degradation) {
        Random random = new Random(seed);
        List<String> text = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            text.add(SENTENCES.get(random.nextInt(SENTENCES.size())));
        }
        int width = 1748;
        int height = 2480;
        BufferedImage clean = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = clean.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        double angle = Math.toRadians((random.nextBoolean() ? 1 : -1) * degradation.skewDegrees);
        g.setTransform(AffineTransform.getRotateInstance(angle, width / 2.0, height / 2.0));
        g.setColor(new Color(30, 30, 30));
        Font font = TestFiles.cjkFont().deriveFont(50f); // 12 pt at 300 dpi
        g.setFont(font);
        int y = 200;
        for (String line : text) {
            g.drawString(line, 120, y);
            y += 110;
        }
        g.dispose();
        BufferedImage blurred = degradation.blur > 0 ? blur(clean, degradation.blur) : clean;
        byte[] pixels = new byte[width];
        for (int row = 0; row < height; row++) {
            blurred.getRaster().getDataElements(0, row, width, 1, pixels);
            for (int x = 0; x < width; x++) {
                double value = (pixels[x] & 0xFF) + random.nextGaussian() * degradation.noiseSigma;
                if (random.nextDouble() < degradation.speckleRate) {
                    value = random.nextBoolean() ? 0 : 255;
                }
                pixels[x] = (byte) Math.max(0, Math.min(255, Math.round(value)));
            }
            blurred.getRaster().setDataElements(0, row, width, 1, pixels);
        }
        return new Scan(blurred, String.join("\n", text));
    }

    private static BufferedImage blur(BufferedImage image, double strength) {
        float centre = (float) (1 - 0.5 * strength * 0.5);
        float side = (1 - centre) / 8;
        float[] kernel = {side, side, side, side, centre, side, side, side, side};
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        return new ConvolveOp(new Kernel(3, 3, kernel), ConvolveOp.EDGE_NO_OP, null).filter(image, out);
    }

    /** 1 - (Levenshtein distance / reference length), over the texts without whitespace. */
    static double characterAccuracy(String reference, String recognized) {
        int[] a = reference.replaceAll("\\s", "").codePoints().toArray();
        int[] b = recognized.replaceAll("\\s", "").codePoints().toArray();
        int[] previous = new int[b.length + 1];
        int[] current = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            current[0] = i;
            for (int j = 1; j <= b.length; j++) {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return a.length == 0 ? 1 : 1 - (double) previous[b.length] / a.length;
    }
}
