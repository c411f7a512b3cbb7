package org.onewindow.templates;

import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.layout.element.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Splits text into runs by font: each character goes to the first font of the role's chain that has it.
 * Punctuation that must stay with its neighbour (a closing mark after a fallback character, an opening mark before
 * one) joins the neighbour's run when that font has it, so no line break can fall between them at a run boundary.
 */
final class TextRuns {
    private TextRuns() {
    }

    /**
     * @param fontOf the document's PdfFont for a font file
     * @param source names where the text comes from, for the error if a character has no font
     */
    static List<Text> build(String text, FontRole role, FontLibrary fonts, Function<FontFile, PdfFont> fontOf,
                            String templateId, String source) {
        List<FontFile> chain = fonts.chain(role);
        int[] cps = text.codePoints().toArray();
        int[] fontIdx = new int[cps.length];
        for (int i = 0; i < cps.length; i++) {
            int idx = Character.isWhitespace(cps[i]) ? 0 : fonts.fontIndex(role, cps[i]);
            if (idx < 0) {
                throw new TemplateDataException(templateId, source, "\"" + new String(Character.toChars(cps[i]))
                        + "\" (U+" + String.format("%04X", cps[i]) + ") in " + source
                        + " is in none of the fonts " + chain.stream().map(f -> f.path().getFileName().toString()).toList());
            }
            fontIdx[i] = idx;
        }
        for (int i = 1; i < cps.length; i++) {
            if (ChineseLineBreaking.isNoLineStart(cps[i]) && fontIdx[i] != fontIdx[i - 1]
                    && fonts.has(chain.get(fontIdx[i - 1]), cps[i])) {
                fontIdx[i] = fontIdx[i - 1];
            }
        }
        for (int i = cps.length - 2; i >= 0; i--) {
            if (ChineseLineBreaking.isNoLineEnd(cps[i]) && fontIdx[i] != fontIdx[i + 1]
                    && fonts.has(chain.get(fontIdx[i + 1]), cps[i])) {
                fontIdx[i] = fontIdx[i + 1];
            }
        }
        List<Text> runs = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= cps.length; i++) {
            if (i == cps.length || fontIdx[i] != fontIdx[start]) {
                Text run = new Text(new String(cps, start, i - start));
                run.setFont(fontOf.apply(chain.get(fontIdx[start])));
                runs.add(run);
                start = i;
            }
        }
        return runs;
    }
}
