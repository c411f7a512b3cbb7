package org.onewindow.service.seal.image;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Files;

/**
 * A seal font loaded through Java2D, with the metrics the layout needs. Immutable.
 *
 * @param ref  where it came from (the PDF renderer embeds the same file)
 * @param font the Java2D face, at size {@link #UNITS_PER_EM}
 */
public record LoadedFont(FontRef ref, Font font) {

    /** Outlines and metrics are taken at this size and scaled down, to avoid rounding at small sizes. */
    static final float UNITS_PER_EM = 1000f;
    static final FontRenderContext FRC = new FontRenderContext(new AffineTransform(), true, true);

    /**
     * Loads a font file; a missing or unreadable file, or a face index past the end of a collection, is a
     * {@link SealImageException.Reason#FONT_UNAVAILABLE} naming the Debian package that ships it.
     */
    public static LoadedFont load(FontRef ref) {
        if (!Files.isRegularFile(ref.file()) || !Files.isReadable(ref.file())) {
            String pkg = ref.debianPackage();
            throw new SealImageException(SealImageException.Reason.FONT_UNAVAILABLE,
                    "seal font file " + ref.file() + " is missing or unreadable"
                            + (pkg != null ? "; install the Debian package " + pkg
                                    : "; install it or configure another TrueType font"));
        }
        Font[] faces;
        try {
            faces = Font.createFonts(ref.file().toFile());
        } catch (FontFormatException | IOException e) {
            throw new SealImageException(SealImageException.Reason.FONT_UNAVAILABLE,
                    "seal font file " + ref.file() + " is not a usable TrueType font: " + e.getMessage(), e);
        }
        if (ref.collectionIndex() >= faces.length) {
            throw new SealImageException(SealImageException.Reason.FONT_UNAVAILABLE,
                    "seal font file " + ref.file() + " has " + faces.length + " face(s); index "
                            + ref.collectionIndex() + " does not exist");
        }
        return new LoadedFont(ref, faces[ref.collectionIndex()].deriveFont(UNITS_PER_EM));
    }

    /** Throws {@link SealImageException.Reason#INVALID_SPEC} if the face has no glyph for some character. */
    void requireGlyphs(String what, String text) {
        int missing = font.canDisplayUpTo(text);
        if (missing >= 0) {
            int cp = text.codePointAt(missing);
            throw new SealImageException(SealImageException.Reason.INVALID_SPEC,
                    what + " character '" + new String(Character.toChars(cp)) + "' (U+"
                            + String.format("%04X", cp) + ") is not in the font " + ref.file().getFileName());
        }
    }

    /** Advance width of a character, in em (1.0 = font size). */
    double advanceEm(String character) {
        return glyphs(character).getGlyphMetrics(0).getAdvance() / UNITS_PER_EM;
    }

    /**
     * Visual bounds of a reference character in em, y up (baseline at 0). Used to centre characters the same
     * way whichever face is used: a full-box ideograph for CJK text, a digit for code text.
     */
    Rectangle2D referenceBoundsEm(String referenceCharacter) {
        Rectangle2D b = glyphs(referenceCharacter).getVisualBounds();
        return new Rectangle2D.Double(b.getX() / UNITS_PER_EM, -(b.getY() + b.getHeight()) / UNITS_PER_EM,
                b.getWidth() / UNITS_PER_EM, b.getHeight() / UNITS_PER_EM);
    }

    /**
     * Visual bounds of all characters of a text together, in em, y up: the text's true top and bottom, so
     * margins hold for its tallest character.
     */
    Rectangle2D textBoundsEm(String text) {
        Rectangle2D union = null;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            String c = Character.toString(text.codePointAt(i));
            Rectangle2D b = glyphs(c).getVisualBounds();
            if (b.isEmpty()) {
                continue;
            }
            Rectangle2D em = new Rectangle2D.Double(b.getX() / UNITS_PER_EM, -(b.getY() + b.getHeight()) / UNITS_PER_EM,
                    b.getWidth() / UNITS_PER_EM, b.getHeight() / UNITS_PER_EM);
            if (union == null) {
                union = em;
            } else {
                union.add(em);
            }
        }
        return union;
    }

    /** The outline of a character in em units, y up, origin at its baseline start. */
    java.awt.Shape outlineEm(String character) {
        java.awt.Shape outline = glyphs(character).getOutline();
        return AffineTransform.getScaleInstance(1 / UNITS_PER_EM, -1 / UNITS_PER_EM).createTransformedShape(outline);
    }

    private GlyphVector glyphs(String text) {
        return font.createGlyphVector(FRC, text);
    }
}
