package org.onewindow.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateCatalogTest {
    @TempDir
    Path overrides;

    private static String defaultJson(String id) throws Exception {
        return new String(new ClasspathTemplateSource().load(id).orElseThrow(), StandardCharsets.UTF_8);
    }

    @Test
    void listsTheNineDefaultTemplatesInOrder() {
        List<TemplateSummary> list = TemplateCatalog.defaults().list();
        assertEquals(List.of("acceptance-notice", "non-acceptance-notice", "correction-notice", "handover-receipt",
                "permit-decision", "permit-denial-decision", "collection-notice", "archive-cover", "archive-index"),
                list.stream().map(TemplateSummary::id).toList());
        assertEquals(List.of("受理通知书", "不予受理通知书", "一次性告知书（补正材料通知书）", "材料交接单", "准予行政许可决定书",
                "不予行政许可决定书", "出件通知", "案卷封面", "卷内目录"), list.stream().map(TemplateSummary::title).toList());
        TemplateSummary handover = list.get(3);
        assertEquals(List.of("windowSeal", "departmentSeal"), handover.seals().stream().map(SealSpec::name).toList());
        assertTrue(handover.fields().stream().anyMatch(f -> f.name().equals("handoverTime") && f.type() == FieldType.DATETIME));
    }

    @Test
    void anOverrideReplacesADefaultAndAddsNewTemplates() throws Exception {
        String changed = defaultJson("collection-notice").replace("逾期未领取的，将依申请人选择的方式邮寄送达。",
                "逾期未领取的，由窗口电话联系。");
        assertFalse(changed.equals(defaultJson("collection-notice")), "the replacement must change something");
        Files.writeString(overrides.resolve("collection-notice.json"), changed);
        Files.writeString(overrides.resolve("extra-notice.json"), defaultJson("collection-notice")
                .replace("\"id\": \"collection-notice\"", "\"id\": \"extra-notice\"").replace("\"title\": \"出件通知\"", "\"title\": \"领证提醒\""));
        TemplateCatalog catalog = new TemplateCatalog(new LayeredTemplateSource(new DirectoryTemplateSource(overrides),
                new ClasspathTemplateSource()));
        assertEquals("extra-notice", catalog.list().get(9).id());
        assertEquals("领证提醒", catalog.get("extra-notice").title());
        TemplateRenderer renderer = new TemplateRenderer(catalog);
        String text = PdfInspection.withoutSpaces(PdfInspection.text(renderer.renderSample("collection-notice", Samples.PUBLIC_URL).pdf()));
        assertTrue(text.contains("由窗口电话联系"), "override used");
        assertFalse(text.contains("邮寄送达"), "default not used");

        // an override edited later takes effect without a restart
        Files.writeString(overrides.resolve("collection-notice.json"), defaultJson("collection-notice"));
        text = PdfInspection.withoutSpaces(PdfInspection.text(renderer.renderSample("collection-notice", Samples.PUBLIC_URL).pdf()));
        assertTrue(text.contains("邮寄送达"));
    }

    @Test
    void brokenDefinitionsAreRefusedWithTheReason() throws Exception {
        TemplateCatalog catalog = TemplateCatalog.defaults();
        String json = defaultJson("acceptance-notice");
        byte[] badPlaceholder = json.replace("{itemCode}", "{itemKode}").getBytes(StandardCharsets.UTF_8);
        TemplateDefinitionException e = assertThrows(TemplateDefinitionException.class,
                () -> catalog.parse("acceptance-notice", badPlaceholder));
        assertTrue(e.getMessage().contains("{itemKode}"), e.getMessage());

        byte[] typo = json.replace("\"maxLength\": 60", "\"maxLenght\": 60").getBytes(StandardCharsets.UTF_8);
        assertTrue(assertThrows(TemplateDefinitionException.class, () -> catalog.parse("acceptance-notice", typo))
                .getMessage().contains("maxLenght"));

        byte[] sealTwice = json.replace("{\"type\": \"note\", \"when\": \"contact\", \"text\": \"联系电话：{contact}\"},",
                "{\"type\": \"issuer\", \"organization\": \"{issuer}\", \"seal\": \"acceptanceSeal\"},").getBytes(StandardCharsets.UTF_8);
        assertTrue(assertThrows(TemplateDefinitionException.class, () -> catalog.parse("acceptance-notice", sealTwice))
                .getMessage().contains("placed twice"));

        byte[] wrongId = json.getBytes(StandardCharsets.UTF_8);
        assertThrows(TemplateDefinitionException.class, () -> catalog.parse("other-id", wrongId));
        assertThrows(TemplateDefinitionException.class, () -> catalog.parse("acceptance-notice", "{".getBytes(StandardCharsets.UTF_8)));
    }
}
