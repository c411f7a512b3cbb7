package org.onewindow.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.itextpdf.io.font.otf.Glyph;
import com.itextpdf.io.font.otf.GlyphLine;
import com.itextpdf.layout.splitting.DefaultSplitCharacters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineBreakingTest {
    private static GlyphLine line(String text) {
        List<Glyph> glyphs = new ArrayList<>();
        text.codePoints().forEach(cp -> glyphs.add(new Glyph(cp, 1000, cp)));
        return new GlyphLine(glyphs);
    }

    /** Positions after which the rule allows a break. */
    private static String breaks(String text) {
        GlyphLine line = line(text);
        ChineseLineBreaking rule = new ChineseLineBreaking();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < line.size(); i++) {
            out.append(rule.isSplitCharacter(line, i) ? '|' : '.');
        }
        return out.toString();
    }

    @Test
    void noBreakBeforeClosingOrAfterOpeningPunctuation() {
        // 受 理 ， 经 （ 审 ） 。 2 0 2 6 年
        assertEquals("|.||...|....|", breaks("受理，经（审）。2026年"));
        assertEquals(".", breaks("受理，").substring(1, 2), "no break between 理 and ，");
        assertEquals(".", breaks("经（审").substring(1, 2), "no break after （");
        assertEquals("..", breaks("等……").substring(0, 2), "ellipsis stays with the text before it");
        assertEquals("...", breaks("1234").substring(0, 3), "no break inside a number");
    }

    @Test
    void itextsDefaultRuleWouldPutACommaAtTheStartOfALine() {
        // the reason for ChineseLineBreaking: the default allows a break between 理 and ，
        assertTrue(new DefaultSplitCharacters().isSplitCharacter(line("受理，"), 1));
        assertFalse(new ChineseLineBreaking().isSplitCharacter(line("受理，"), 1));
    }

    @Test
    void renderedParagraphsNeverStartALineWithClosingPunctuation() throws Exception {
        TemplateRenderer renderer = new TemplateRenderer(TemplateCatalog.defaults());
        String id = "non-acceptance-notice";
        RenderRequest sample = renderer.sampleRequest(id, Samples.PUBLIC_URL);
        String marks = "，。、；：？！）》」";
        StringBuilder reasons = new StringBuilder();
        // a closing mark (or an opening one) at every column of a line, and a fallback-font character (堃) before it
        for (int k = 0; k < 30; k++) {
            char mark = marks.charAt(k % marks.length());
            reasons.append("甲".repeat(k)).append(k % 3 == 0 ? "堃" : "乙").append(mark)
                    .append("丙".repeat(10)).append("（丁").append("戊".repeat(k % 7)).append("）").append('\n');
        }
        Map<String, String> fields = new HashMap<>(sample.fields());
        fields.put("reasons", reasons.toString());
        RenderedDocument doc = renderer.render(id, new RenderRequest(fields, sample.tables(), sample.verificationId(),
                sample.publicUrl(), sample.issuedAt()));
        int bodyLines = 0;
        for (String raw : PdfInspection.lines(doc.pdf())) {
            String lineText = raw.strip();
            if (lineText.isEmpty()) {
                continue;
            }
            bodyLines++;
            int first = lineText.codePointAt(0);
            int last = lineText.codePointBefore(lineText.length());
            assertFalse(ChineseLineBreaking.isNoLineStart(first), "line starts with \"" + Character.toString(first) + "\": " + lineText);
            assertFalse(ChineseLineBreaking.isNoLineEnd(last), "line ends with \"" + Character.toString(last) + "\": " + lineText);
        }
        assertTrue(bodyLines > 60, "the test text must wrap over many lines, got " + bodyLines);
        String extracted = PdfInspection.withoutSpaces(PdfInspection.text(doc.pdf()));
        assertTrue(extracted.contains("甲甲甲堃；"), "fallback character kept: " + extracted.substring(0, Math.min(400, extracted.length())));
        assertTrue(PdfA.failures(doc.pdf()).isEmpty(), "still PDF/A with a fallback font");
    }
}
