package org.onewindow.service.seal.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the sample seals committed under {@code docs/seals/} (PNG at 600 dpi and a one-page vector PDF each;
 * not a test). Run from the worktree root after
 * {@code mvn -pl seal-service -am test-compile}:
 * {@code java -cp seal-service/target/classes:seal-service/target/test-classes:<deps> \
 *   org.onewindow.service.seal.image.SealSamples docs/seals}.
 */
public final class SealSamples {

    private SealSamples() {
    }

    /** The sample specs by file base name. */
    static Map<String, SealImageSpec> samples() {
        return Map.of(
                "受理专用章", SealImageSpec.specialSeal("敦煌市行政服务中心", "受理专用章"),
                "审批专用章", SealImageSpec.specialSeal("敦煌市行政服务中心", "审批专用章"),
                "敦煌市食品药品监督管理局-行政许可专用章",
                SealImageSpec.specialSeal("敦煌市食品药品监督管理局", "行政许可专用章").withCodeText("6209820012345"),
                "敦煌市行政服务中心-公章", SealImageSpec.officialSeal("敦煌市行政服务中心"));
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "docs/seals");
        int dpi = args.length > 1 ? Integer.parseInt(args[1]) : SealPngRenderer.DEFAULT_DPI;
        Files.createDirectories(dir);
        SealPngRenderer png = new SealPngRenderer();
        SealPdfRenderer pdf = new SealPdfRenderer();
        for (Map.Entry<String, SealImageSpec> e : samples().entrySet()) {
            SealLayout layout = SealLayout.compute(e.getValue());
            Files.write(dir.resolve(e.getKey() + ".png"), png.renderPng(layout, dpi));
            Files.write(dir.resolve(e.getKey() + ".pdf"), pdf.toStandalonePdf(layout, SealPdfRenderer.TextMode.TEXT));
            System.out.println(dir.resolve(e.getKey() + ".png") + " (+ .pdf)");
        }
    }
}
