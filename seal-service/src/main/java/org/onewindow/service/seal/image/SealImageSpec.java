package org.onewindow.service.seal.image;

import java.util.Objects;

/**
 * What a round seal looks like: texts, sizes (millimetres), colour and fonts. One spec is laid out once
 * ({@link SealLayout}) and rendered as PNG ({@link SealPngRenderer}) or as PDF vector ({@link SealPdfRenderer}).
 *
 * <p>Rules followed (国发〔1999〕25号 and common practice): round, red, unit name along the upper arc read left to
 * right, a five-pointed star in the centre, the seal name horizontal below the star, never larger than
 * {@value #MAX_DIAMETER_MM} mm. Common sizes: 专用章 Ø40 mm with a 1.0 mm border; 公章 Ø42 mm with a 1.2 mm
 * border and a 14 mm star. The constructor validates and throws {@link SealImageException} with reason
 * {@link SealImageException.Reason#INVALID_SPEC}.
 *
 * @param organizationName       unit name along the upper arc (e.g. 敦煌市行政服务中心); required
 * @param sealName               horizontal text below the star (e.g. 受理专用章); empty for a plain 公章
 * @param codeText               small text along the lower arc (e.g. a 13-digit seal code); empty for none
 * @param diameterMm             outer diameter, at most {@value #MAX_DIAMETER_MM} mm
 * @param borderWidthMm          width of the red ring
 * @param star                   whether the five-pointed star is drawn
 * @param starDiameterMm         star size, tip to tip (its circumscribed circle)
 * @param colorRgb               0xRRGGBB; must be a red (R ≥ 0xB0, G and B ≤ 0x50), default {@link #DEFAULT_COLOR}
 * @param textFont               font of the organization and seal names (宋体-like by default)
 * @param codeFont               font of the code text
 * @param arcSpanDegrees         angle from the centre of the first to the centre of the last arc character;
 *                               {@link #AUTO_SPAN} (0) picks it from the number of characters
 * @param arcFontSizeMm          em size of the arc characters (their radial extent is about 0.9 of it)
 * @param arcMarginMm            gap between the inner edge of the ring and the tops of the arc characters
 * @param arcMaxWidthRatio       widest allowed arc character as a fraction of its height; long names are
 *                               condensed further so neighbours never touch
 * @param sealNameFontSizeMm     em size of the seal name
 * @param sealNameCenterBelowMm  distance from the seal centre down to the vertical centre of the seal name
 * @param codeFontSizeMm         em size of the code text
 * @param textWeightMm           extra stroke drawn around every character outline, so the thin 宋体 strokes
 *                               look like an engraved seal; 0 keeps the font's own weight
 */
public record SealImageSpec(
        String organizationName,
        String sealName,
        String codeText,
        double diameterMm,
        double borderWidthMm,
        boolean star,
        double starDiameterMm,
        int colorRgb,
        FontRef textFont,
        FontRef codeFont,
        double arcSpanDegrees,
        double arcFontSizeMm,
        double arcMarginMm,
        double arcMaxWidthRatio,
        double sealNameFontSizeMm,
        double sealNameCenterBelowMm,
        double codeFontSizeMm,
        double textWeightMm) {

    /** Internal units' seals may not exceed this diameter (国发〔1999〕25号). */
    public static final double MAX_DIAMETER_MM = 45.0;
    /** Smallest diameter accepted; below it the text is unreadable. */
    public static final double MIN_DIAMETER_MM = 15.0;
    /** Default seal red, #E60000. */
    public static final int DEFAULT_COLOR = 0xE60000;
    /** {@link #arcSpanDegrees()} value meaning "choose from the number of characters". */
    public static final double AUTO_SPAN = 0.0;

    static final int MAX_ORGANIZATION_CHARS = 30;
    static final int MAX_SEAL_NAME_CHARS = 12;
    static final int MAX_CODE_CHARS = 30;

    public SealImageSpec {
        organizationName = organizationName == null ? "" : organizationName.strip();
        sealName = sealName == null ? "" : sealName.strip();
        codeText = codeText == null ? "" : codeText.strip();
        validate(organizationName, sealName, codeText, diameterMm, borderWidthMm, star, starDiameterMm, colorRgb,
                textFont, codeFont, arcSpanDegrees, arcFontSizeMm, arcMarginMm, arcMaxWidthRatio,
                sealNameFontSizeMm, sealNameCenterBelowMm, codeFontSizeMm, textWeightMm);
    }

    /**
     * A business seal (专用章, e.g. 受理专用章 / 审批专用章): Ø40 mm, 1.0 mm border, 13 mm star, default red and
     * the default 宋体-like font.
     */
    public static SealImageSpec specialSeal(String organizationName, String sealName) {
        return new SealImageSpec(organizationName, sealName, "", 40.0, 1.0, true, 13.0, DEFAULT_COLOR,
                FontRef.SONG_GBSN00LP, FontRef.SONG_GBSN00LP, AUTO_SPAN, 6.2, 0.7, 0.78, 4.6, 11.0, 2.0, 0.16);
    }

    /** An official seal (公章): Ø42 mm, 1.2 mm border, 14 mm star, no seal name. */
    public static SealImageSpec officialSeal(String organizationName) {
        return specialSeal(organizationName, "").scaledTo(42.0).withBorderWidthMm(1.2).withStar(true, 14.0);
    }

    /** The same seal at another diameter, every other length scaled in proportion. */
    public SealImageSpec scaledTo(double newDiameterMm) {
        double f = newDiameterMm / diameterMm;
        return new SealImageSpec(organizationName, sealName, codeText, newDiameterMm, borderWidthMm * f, star,
                starDiameterMm * f, colorRgb, textFont, codeFont, arcSpanDegrees, arcFontSizeMm * f,
                arcMarginMm * f, arcMaxWidthRatio, sealNameFontSizeMm * f, sealNameCenterBelowMm * f,
                codeFontSizeMm * f, textWeightMm * f);
    }

    public SealImageSpec withSealName(String newSealName) {
        return new SealImageSpec(organizationName, newSealName, codeText, diameterMm, borderWidthMm, star,
                starDiameterMm, colorRgb, textFont, codeFont, arcSpanDegrees, arcFontSizeMm, arcMarginMm,
                arcMaxWidthRatio, sealNameFontSizeMm, sealNameCenterBelowMm, codeFontSizeMm, textWeightMm);
    }

    /** Adds small text along the lower arc, e.g. a 13-digit seal code. */
    public SealImageSpec withCodeText(String newCodeText) {
        return new SealImageSpec(organizationName, sealName, newCodeText, diameterMm, borderWidthMm, star,
                starDiameterMm, colorRgb, textFont, codeFont, arcSpanDegrees, arcFontSizeMm, arcMarginMm,
                arcMaxWidthRatio, sealNameFontSizeMm, sealNameCenterBelowMm, codeFontSizeMm, textWeightMm);
    }

    public SealImageSpec withBorderWidthMm(double newBorderWidthMm) {
        return new SealImageSpec(organizationName, sealName, codeText, diameterMm, newBorderWidthMm, star,
                starDiameterMm, colorRgb, textFont, codeFont, arcSpanDegrees, arcFontSizeMm, arcMarginMm,
                arcMaxWidthRatio, sealNameFontSizeMm, sealNameCenterBelowMm, codeFontSizeMm, textWeightMm);
    }

    public SealImageSpec withStar(boolean newStar, double newStarDiameterMm) {
        return new SealImageSpec(organizationName, sealName, codeText, diameterMm, borderWidthMm, newStar,
                newStarDiameterMm, colorRgb, textFont, codeFont, arcSpanDegrees, arcFontSizeMm, arcMarginMm,
                arcMaxWidthRatio, sealNameFontSizeMm, sealNameCenterBelowMm, codeFontSizeMm, textWeightMm);
    }

    public SealImageSpec withColorRgb(int newColorRgb) {
        return new SealImageSpec(organizationName, sealName, codeText, diameterMm, borderWidthMm, star,
                starDiameterMm, newColorRgb, textFont, codeFont, arcSpanDegrees, arcFontSizeMm, arcMarginMm,
                arcMaxWidthRatio, sealNameFontSizeMm, sealNameCenterBelowMm, codeFontSizeMm, textWeightMm);
    }

    /** Uses one font for all texts. */
    public SealImageSpec withFont(FontRef font) {
        return new SealImageSpec(organizationName, sealName, codeText, diameterMm, borderWidthMm, star,
                starDiameterMm, colorRgb, font, font, arcSpanDegrees, arcFontSizeMm, arcMarginMm,
                arcMaxWidthRatio, sealNameFontSizeMm, sealNameCenterBelowMm, codeFontSizeMm, textWeightMm);
    }

    public SealImageSpec withArcSpanDegrees(double newArcSpanDegrees) {
        return new SealImageSpec(organizationName, sealName, codeText, diameterMm, borderWidthMm, star,
                starDiameterMm, colorRgb, textFont, codeFont, newArcSpanDegrees, arcFontSizeMm, arcMarginMm,
                arcMaxWidthRatio, sealNameFontSizeMm, sealNameCenterBelowMm, codeFontSizeMm, textWeightMm);
    }

    /** Extra stroke around character outlines (0 = the font's own weight). */
    public SealImageSpec withTextWeightMm(double newTextWeightMm) {
        return new SealImageSpec(organizationName, sealName, codeText, diameterMm, borderWidthMm, star,
                starDiameterMm, colorRgb, textFont, codeFont, arcSpanDegrees, arcFontSizeMm, arcMarginMm,
                arcMaxWidthRatio, sealNameFontSizeMm, sealNameCenterBelowMm, codeFontSizeMm, newTextWeightMm);
    }

    /** The colour as {@code #RRGGBB}. */
    public String colorHex() {
        return String.format("#%06X", colorRgb);
    }

    /** Parses {@code #RRGGBB} (or {@code RRGGBB}) into 0xRRGGBB; malformed → INVALID_SPEC. */
    public static int parseColor(String hex) {
        String s = hex == null ? "" : hex.strip();
        if (s.startsWith("#")) {
            s = s.substring(1);
        }
        if (!s.matches("[0-9A-Fa-f]{6}")) {
            throw invalid("colour must be #RRGGBB, got '" + hex + "'");
        }
        return Integer.parseInt(s, 16);
    }

    /** True when the colour counts as seal red: R ≥ 0xB0 and G, B ≤ 0x50 (e.g. #E60000 … #FF0000). */
    public static boolean isSealRed(int rgb) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        return r >= 0xB0 && g <= 0x50 && b <= 0x50;
    }

    private static void validate(String organizationName, String sealName, String codeText, double diameterMm,
                                 double borderWidthMm, boolean star, double starDiameterMm, int colorRgb,
                                 FontRef textFont, FontRef codeFont, double arcSpanDegrees, double arcFontSizeMm,
                                 double arcMarginMm, double arcMaxWidthRatio, double sealNameFontSizeMm,
                                 double sealNameCenterBelowMm, double codeFontSizeMm, double textWeightMm) {
        checkText("organization name", organizationName, MAX_ORGANIZATION_CHARS);
        if (organizationName.isEmpty()) {
            throw invalid("organization name must not be empty");
        }
        checkText("seal name", sealName, MAX_SEAL_NAME_CHARS);
        checkText("code text", codeText, MAX_CODE_CHARS);
        finite("diameter", diameterMm);
        if (diameterMm > MAX_DIAMETER_MM) {
            throw invalid("diameter " + diameterMm + " mm exceeds the maximum of " + MAX_DIAMETER_MM + " mm");
        }
        if (diameterMm < MIN_DIAMETER_MM) {
            throw invalid("diameter " + diameterMm + " mm is below the minimum of " + MIN_DIAMETER_MM + " mm");
        }
        double radius = diameterMm / 2;
        range("border width", borderWidthMm, 0.2, diameterMm * 0.1);
        if (star) {
            range("star diameter", starDiameterMm, diameterMm * 0.1, diameterMm * 0.5);
        }
        if ((colorRgb & ~0xFFFFFF) != 0) {
            throw invalid("colour must be a 24-bit RGB value");
        }
        if (!isSealRed(colorRgb)) {
            throw invalid("colour " + String.format("#%06X", colorRgb)
                    + " is not a seal red (needs R >= B0, G <= 50, B <= 50, e.g. #E60000)");
        }
        Objects.requireNonNull(textFont, "textFont");
        Objects.requireNonNull(codeFont, "codeFont");
        finite("arc span", arcSpanDegrees);
        if (arcSpanDegrees != AUTO_SPAN) {
            range("arc span", arcSpanDegrees, 20, 330);
        }
        range("arc font size", arcFontSizeMm, diameterMm * 0.05, diameterMm * 0.25);
        range("arc margin", arcMarginMm, 0, diameterMm * 0.1);
        range("arc width ratio", arcMaxWidthRatio, 0.3, 1.2);
        range("seal name font size", sealNameFontSizeMm, diameterMm * 0.04, diameterMm * 0.25);
        range("seal name position", sealNameCenterBelowMm, 0, radius - borderWidthMm - sealNameFontSizeMm / 2);
        range("code font size", codeFontSizeMm, diameterMm * 0.02, diameterMm * 0.1);
        range("text weight", textWeightMm, 0, diameterMm * 0.01);
    }

    private static void checkText(String what, String text, int maxChars) {
        int count = text.codePointCount(0, text.length());
        if (count > maxChars) {
            throw invalid(what + " has " + count + " characters; at most " + maxChars + " fit on a seal");
        }
        text.codePoints().forEach(cp -> {
            boolean oddSpace = Character.isWhitespace(cp) && cp != ' ' && cp != 0x3000;
            int type = Character.getType(cp);
            if (Character.isISOControl(cp) || oddSpace || type == Character.FORMAT || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE || type == Character.SURROGATE) {
                throw invalid(what + " contains a control or invisible character U+"
                        + String.format("%04X", cp));
            }
        });
    }

    private static void finite(String what, double value) {
        if (!Double.isFinite(value)) {
            throw invalid(what + " must be a finite number");
        }
    }

    private static void range(String what, double value, double min, double max) {
        finite(what, value);
        if (value < min || value > max) {
            String unit = what.endsWith("ratio") ? "" : what.endsWith("span") ? "°" : " mm";
            throw invalid(String.format(java.util.Locale.ROOT, "%s %.2f%s is outside %.2f–%.2f%s",
                    what, value, unit, min, max, unit));
        }
    }

    private static SealImageException invalid(String message) {
        return new SealImageException(SealImageException.Reason.INVALID_SPEC, message);
    }
}
