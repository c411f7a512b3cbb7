package org.onewindow.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.junit.jupiter.api.Test;

/** Bad input is refused with a precise message, never rendered into a broken document. */
class BadDataTest {
    private static final String ID = "acceptance-notice";
    private final TemplateRenderer renderer = new TemplateRenderer(TemplateCatalog.defaults());

    private RenderRequest sample() {
        return renderer.sampleRequest(ID, Samples.PUBLIC_URL);
    }

    private RenderRequest withFields(Consumer<Map<String, String>> change) {
        RenderRequest s = sample();
        Map<String, String> fields = new HashMap<>(s.fields());
        change.accept(fields);
        return new RenderRequest(fields, s.tables(), s.verificationId(), s.publicUrl(), s.issuedAt());
    }

    private RenderRequest withMaterials(Consumer<List<Map<String, String>>> change) {
        RenderRequest s = sample();
        List<Map<String, String>> rows = new ArrayList<>();
        s.tables().get("materials").forEach(r -> rows.add(new HashMap<>(r)));
        change.accept(rows);
        return new RenderRequest(s.fields(), Map.of("materials", rows), s.verificationId(), s.publicUrl(), s.issuedAt());
    }

    private TemplateDataException refused(RenderRequest request) {
        return assertThrows(TemplateDataException.class, () -> renderer.render(ID, request));
    }

    @Test
    void missingRequiredField() {
        TemplateDataException e = refused(withFields(f -> f.remove("applicantName")));
        assertEquals("fields.applicantName", e.path());
        assertEquals(ID, e.templateId());
        assertTrue(e.getMessage().contains("applicantName") && e.getMessage().contains("申请人")
                && e.getMessage().contains("required"), e.getMessage());
        assertEquals("fields.itemName", refused(withFields(f -> f.put("itemName", "  \n "))).path(), "blank counts as missing");
    }

    @Test
    void overLongText() {
        TemplateDataException e = refused(withFields(f -> f.put("applicantName", "敦".repeat(61))));
        assertEquals("fields.applicantName", e.path());
        assertTrue(e.getMessage().contains("61") && e.getMessage().contains("60"), e.getMessage());
        renderer.render(ID, withFields(f -> f.put("applicantName", "敦".repeat(60)))); // the limit itself is fine
    }

    @Test
    void unknownFieldTableOrColumn() {
        assertEquals("fields.applicantNmae", refused(withFields(f -> f.put("applicantNmae", "张三"))).path());
        RenderRequest s = sample();
        TemplateDataException table = refused(new RenderRequest(s.fields(), Map.of("material", List.of()),
                s.verificationId(), s.publicUrl(), s.issuedAt()));
        assertEquals("tables.material", table.path());
        TemplateDataException column = refused(withMaterials(rows -> rows.get(1).put("count", "2")));
        assertEquals("tables.materials[1].count", column.path());
        assertTrue(column.getMessage().contains("copies"), "names the known columns: " + column.getMessage());
        assertEquals("tables.materials[0].seq", refused(withMaterials(rows -> rows.get(0).put("seq", "9"))).path(),
                "the sequence column is not input");
    }

    @Test
    void tableRowRules() {
        assertEquals("tables.materials[2].name", refused(withMaterials(rows -> rows.get(2).remove("name"))).path());
        assertEquals("tables.materials", refused(withMaterials(List::clear)).path(), "at least one row");
        TemplateDataException tooMany = refused(withMaterials(rows -> {
            while (rows.size() < 61) {
                rows.add(Map.of("name", "材料" + rows.size()));
            }
        }));
        assertTrue(tooMany.getMessage().contains("at most 60"), tooMany.getMessage());
    }

    @Test
    void malformedDatesNumbersAndControlCharacters() {
        TemplateDataException date = refused(withFields(f -> f.put("applicationDate", "2026/11/24")));
        assertTrue(date.getMessage().contains("2026-11-25"), "shows the expected form: " + date.getMessage());
        assertEquals("fields.promisedDays", refused(withFields(f -> f.put("promisedDays", "十"))).path());
        TemplateDataException newline = refused(withFields(f -> f.put("itemName", "食品\n经营")));
        assertTrue(newline.getMessage().contains("U+000A"), newline.getMessage());
        assertTrue(refused(withFields(f -> f.put("itemName", "食品\u0007"))).getMessage().contains("U+0007"));
        assertTrue(refused(withFields(f -> f.put("itemName", "食品\u200b经营"))).getMessage().contains("U+200B"));
    }

    @Test
    void characterNoFontHasIsNamedWithItsCodePoint() {
        String rare = new String(Character.toChars(0x2A6D6)); // CJK extension B, in none of the Debian fonts
        TemplateDataException e = refused(withFields(f -> f.put("applicantName", "王" + rare + "明")));
        assertEquals("fields.applicantName", e.path());
        assertTrue(e.getMessage().contains("U+2A6D6") && e.getMessage().contains(rare), e.getMessage());
        TemplateDataException cell = refused(withMaterials(rows -> rows.get(0).put("name", "证明" + rare)));
        assertEquals("tables.materials[0].name", cell.path());
    }

    @Test
    void rareCharacterFallsBackToASecondFontPerGlyph() throws Exception {
        // 堃 and 䶮 are not in GB2312, so not in the primary Song font; AR PL UMing has them
        RenderedDocument doc = renderer.render(ID, withFields(f -> f.put("applicantName", "刘䶮、张堃")));
        assertTrue(PdfInspection.withoutSpaces(PdfInspection.text(doc.pdf())).contains("刘䶮、张堃："));
        List<String> fonts = new ArrayList<>();
        try (PDDocument pdf = Loader.loadPDF(doc.pdf())) {
            for (var name : pdf.getPage(0).getResources().getFontNames()) {
                PDFont font = pdf.getPage(0).getResources().getFont(name);
                assertTrue(font.isEmbedded(), font.getName());
                fonts.add(font.getName());
            }
        }
        assertTrue(fonts.stream().anyMatch(n -> n.contains("UMing")), "fallback font embedded: " + fonts);
        assertTrue(PdfA.failures(doc.pdf()).isEmpty());
    }

    @Test
    void badVerificationIdUrlOrTime() {
        RenderRequest s = sample();
        assertEquals("verificationId", refused(new RenderRequest(s.fields(), s.tables(), "a/b", s.publicUrl(), s.issuedAt())).path());
        assertEquals("publicUrl", refused(new RenderRequest(s.fields(), s.tables(), s.verificationId(), "ftp://x", s.issuedAt())).path());
        assertEquals("issuedAt", refused(new RenderRequest(s.fields(), s.tables(), s.verificationId(), s.publicUrl(), null)).path());
    }

    @Test
    void unknownTemplate() {
        assertThrows(TemplateNotFoundException.class, () -> renderer.render("no-such-template", sample()));
        assertThrows(TemplateNotFoundException.class, () -> renderer.render("../etc/passwd", sample()));
    }

    @Test
    void missingFontFileNamesTheDebianPackage() {
        FontConfig defaults = FontConfig.debianDefaults();
        FontConfig broken = new FontConfig(new FontFile(Path.of("/nonexistent/gbsn00lp.ttf"), 0, "fonts-arphic-gbsn00lp"),
                defaults.kai(), defaults.hei(), defaults.fallbacks());
        FontConfigurationException e = assertThrows(FontConfigurationException.class,
                () -> new TemplateRenderer(TemplateCatalog.defaults(), broken));
        assertTrue(e.getMessage().contains("/nonexistent/gbsn00lp.ttf") && e.getMessage().contains("fonts-arphic-gbsn00lp"),
                e.getMessage());
        FontConfig configured = FontConfig.of(FontConfig.DEFAULT_SONG, null, null, null);
        assertEquals("fonts-arphic-gbsn00lp", configured.song().debianPackage(), "package known for default paths");
    }
}
