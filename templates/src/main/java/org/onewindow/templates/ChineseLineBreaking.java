package org.onewindow.templates;

import com.itextpdf.io.font.otf.Glyph;
import com.itextpdf.io.font.otf.GlyphLine;
import com.itextpdf.layout.splitting.ISplitCharacters;

/**
 * Line-breaking rules for Chinese text (避头尾): a line may break after any Han character or Chinese punctuation,
 * but never before closing punctuation (，。、；：？！）》」』… etc. stay off the start of a line) and never after
 * opening brackets and quotes (（《「『“ stay off the end of a line). iText's default rules allow a line to start
 * with a full-width comma, hence this class.
 */
public final class ChineseLineBreaking implements ISplitCharacters {
    /** Characters that must not start a line. */
    static final String NO_LINE_START = "，。、；：？！…‥—～·・．％‰℃′″）》〉】〕〗〙〛」』’”｝］｠〞"
            + ",.;:?!)]}%";
    /** Characters that must not end a line. */
    static final String NO_LINE_END = "（《〈【〔〖〘〚「『‘“｛［｟〝￥＄([{";

    @Override
    public boolean isSplitCharacter(GlyphLine text, int glyphPos) {
        Glyph glyph = text.get(glyphPos);
        if (!glyph.hasValidUnicode()) {
            return false;
        }
        int c = glyph.getUnicode();
        if (glyphPos + 1 < text.getEnd()) {
            Glyph next = text.get(glyphPos + 1);
            if (next.hasValidUnicode() && isNoLineStart(next.getUnicode())) {
                return false;
            }
        }
        if (isNoLineEnd(c)) {
            return false;
        }
        return c <= ' ' || c == '-' || c == 0x2010 || (c >= 0x2002 && c <= 0x200b) || isBreakableCjk(c);
    }

    /** Whether {@code c} must not start a line (closing punctuation). */
    public static boolean isNoLineStart(int c) {
        return NO_LINE_START.indexOf(c) >= 0;
    }

    /** Whether {@code c} must not end a line (opening brackets and quotes). */
    public static boolean isNoLineEnd(int c) {
        return NO_LINE_END.indexOf(c) >= 0;
    }

    private static boolean isBreakableCjk(int c) {
        return (c >= 0x2014 && c <= 0x2027) // dashes, ellipsis, curly quotes (their neighbours decide)
                || (c >= 0x2e80 && c < 0xd7a0) // CJK radicals, punctuation, kana, unified ideographs, Hangul
                || (c >= 0xf900 && c < 0xfb00) // compatibility ideographs
                || (c >= 0xfe30 && c < 0xfe50) // vertical forms, small forms
                || (c >= 0xff00 && c < 0xffa0) // full-width forms
                || (c >= 0x20000 && c < 0x3ffff); // supplementary ideographs
    }
}
