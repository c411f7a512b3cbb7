package org.onewindow.service.ofd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ofdrw.reader.ContentExtractor;
import org.ofdrw.reader.OFDReader;
import org.onewindow.templates.FontConfig;
import org.onewindow.templates.RenderRequest;
import org.onewindow.templates.TemplateCatalog;
import org.onewindow.templates.TemplateDataException;
import org.onewindow.templates.TemplateRenderer;

class OfdTemplateRendererTest {
    static final String PUBLIC_URL = "https://zwfw.dunhuang.example.cn";
    static final OfdTemplateRenderer RENDERER = new OfdTemplateRenderer(
            new TemplateRenderer(TemplateCatalog.defaults()), FontConfig.debianDefaults());

    @TempDir
    Path dir;

    @Test
    void acceptanceNoticeIsReadableTextInAStandardReaderAndRendersBlackWithoutRed() throws Exception {
        OfdDocument doc = RENDERER.renderSample("acceptance-notice", PUBLIC_URL);
        Path file = dir.resolve("notice.ofd");
        Files.write(file, doc.ofd());
        String text;
        try (OFDReader reader = new OFDReader(file)) {
            assertEquals(doc.pageCount(), reader.getNumberOfPages());
            text = String.join("", new ContentExtractor(reader).extractAll());
        }
        for (String expected : List.of("受理通知书", "敦煌市鸣沙山驼铃餐饮有限公司", "食品经营许可申请书", "敦煌市行政服务中心",
                "2026年11月25日", "核验码：SAMPLE-ACCEPTANCE-NOTICE", PUBLIC_URL + "/verify/SAMPLE-ACCEPTANCE-NOTICE")) {
            assertTrue(text.contains(expected), () -> "missing \"" + expected + "\" in " + text);
        }
        OfdDocument.SealField seal = doc.sealField("acceptanceSeal");
        assertEquals(40, seal.widthMm());
        assertEquals(doc.pageCount(), seal.page(), "the signature block ends the document");
        assertTrue(seal.xMm() > 100 && seal.yMm() > 37 && seal.yMm() + 40 < 297 - 20, seal::toString);

        BufferedImage page = OfdPageImages.render(file, 1, 5);
        OfdPageImages.saveForDocs(page, "acceptance-notice-ofd.png");
        assertEquals(1050, page.getWidth());
        OfdPageImages.Pixels pixels = OfdPageImages.Pixels.count(page);
        assertTrue(pixels.dark() > 20_000, "page 1 has text and a QR code: " + pixels);
        assertEquals(0, pixels.red(), "an unsealed document has no red");
    }

    @Test
    void decisionHasBothSealPositionsSideBySide() throws Exception {
        OfdDocument doc = RENDERER.renderSample("permit-decision", PUBLIC_URL);
        OfdDocument.SealField department = doc.sealField("departmentSeal");
        OfdDocument.SealField approval = doc.sealField("approvalSeal");
        assertEquals(department.page(), approval.page());
        assertEquals(department.yMm() + 21, approval.yMm() + 20, 0.01);
        assertTrue(department.xMm() + 42 < approval.xMm(), "joint issue: the seals do not overlap");
        Path file = dir.resolve("decision.ofd");
        Files.write(file, doc.ofd());
        try (OFDReader reader = new OFDReader(file)) {
            String text = String.join("", new ContentExtractor(reader).extractAll());
            assertTrue(text.contains("准予行政许可决定书"), text);
        }
    }

    @Test
    void aCharacterInNoFontIsRefusedWithItsCodePoint() {
        TemplateRenderer templates = new TemplateRenderer(TemplateCatalog.defaults());
        RenderRequest sample = templates.sampleRequest("acceptance-notice", PUBLIC_URL);
        Map<String, String> fields = new java.util.HashMap<>(sample.fields());
        fields.put("applicantName", "张\uD83D\uDE00");
        RenderRequest bad = new RenderRequest(fields, sample.tables(), sample.verificationId(), PUBLIC_URL,
                sample.issuedAt());
        TemplateDataException e = assertThrows(TemplateDataException.class,
                () -> RENDERER.render("acceptance-notice", bad));
        assertTrue(e.getMessage().contains("U+1F600"), e.getMessage());
    }
}
