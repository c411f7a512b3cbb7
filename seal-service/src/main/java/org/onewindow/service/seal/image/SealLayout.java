package org.onewindow.service.seal.image;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The geometry of one seal, computed once from a {@link SealImageSpec} and drawn by both renderers, so the PNG
 * and the PDF vector form are the same picture. All lengths are millimetres in a frame whose origin is the seal
 * centre, x to the right and y <em>up</em> (the PDF convention).
 *
 * @param spec          what was laid out
 * @param outerRadiusMm outer edge of the ring (half the diameter)
 * @param innerRadiusMm inner edge of the ring
 * @param star          the star's ten corners (tip, notch, tip, ...), empty when there is no star
 * @param glyphs        every character, each with its own position, rotation and condensing
 */
public record SealLayout(SealImageSpec spec, double outerRadiusMm, double innerRadiusMm, List<Point> star,
                         List<PlacedGlyph> glyphs) {

    /** Ratio of the star's inner (notch) radius to its tip radius for a regular five-pointed star. */
    static final double STAR_INNER_RATIO = Math.sin(Math.toRadians(18)) / Math.sin(Math.toRadians(54));
    /**
     * Auto span: this much arc per gap between characters, capped at {@link #AUTO_SPAN_MAX_DEG}. Without a seal
     * name the bottom is free, and the name spreads further round, as on a 公章.
     */
    static final double AUTO_PITCH_DEG = 26;
    static final double AUTO_SPAN_MAX_DEG = 250;
    static final double AUTO_PITCH_NO_SEAL_NAME_DEG = 30;
    static final double AUTO_SPAN_NO_SEAL_NAME_MAX_DEG = 280;
    /** Characters keep at least this share of their pitch free, so neighbours never touch. */
    static final double ARC_GAP_SHARE = 0.20;
    /** Space between seal-name characters, in em. */
    static final double SEAL_NAME_TRACKING_EM = 0.06;
    /** Seal names are condensed at most this far before their font shrinks instead. */
    static final double MIN_SEAL_NAME_SCALE = 0.72;
    /** Space between code characters, in em. */
    static final double CODE_TRACKING_EM = 0.12;
    /** The code text never spreads over more than this angle of the lower arc. */
    static final double CODE_MAX_ANGLE = Math.toRadians(150);
    /** Reference glyphs for vertical centring: a full-box ideograph and a digit. */
    static final String CJK_REFERENCE = "国";
    static final String CODE_REFERENCE = "0";

    public SealLayout {
        Objects.requireNonNull(spec, "spec");
        star = List.copyOf(star);
        glyphs = List.copyOf(glyphs);
    }

    /** A point in the layout frame (mm, origin at the centre, y up). */
    public record Point(double x, double y) {
    }

    /** Which text a glyph belongs to. */
    public enum TextRole {
        /** The unit name along the upper arc. */
        ORGANIZATION,
        /** The seal name, horizontal below the star. */
        SEAL_NAME,
        /** Small code text along the lower arc. */
        CODE
    }

    /**
     * One character placed on the seal.
     *
     * @param role             the text it belongs to
     * @param character        one Unicode character
     * @param font             the face to draw it with
     * @param sizeMm           em size
     * @param originX          start of its baseline, x (mm)
     * @param originY          start of its baseline, y (mm)
     * @param rotationRadians  counter-clockwise rotation of its baseline; 0 is upright
     * @param horizontalScale  condensing along the baseline (1 = the font's own width)
     */
    public record PlacedGlyph(TextRole role, String character, LoadedFont font, double sizeMm, double originX,
                              double originY, double rotationRadians, double horizontalScale) {

        /** Maps glyph space (1 unit = 1 em, y up, origin at the baseline start) into the layout frame. */
        public AffineTransform emToLayout() {
            AffineTransform t = AffineTransform.getTranslateInstance(originX, originY);
            t.rotate(rotationRadians);
            t.scale(horizontalScale * sizeMm, sizeMm);
            return t;
        }

        /** The character's outline in the layout frame. */
        public Shape outline() {
            return emToLayout().createTransformedShape(font.outlineEm(character));
        }
    }

    /** Loads the spec's fonts and lays the seal out. Font problems throw {@link SealImageException}. */
    public static SealLayout compute(SealImageSpec spec) {
        LoadedFont textFont = LoadedFont.load(spec.textFont());
        LoadedFont codeFont = spec.codeFont().equals(spec.textFont()) ? textFont : LoadedFont.load(spec.codeFont());
        textFont.requireGlyphs("organization name", spec.organizationName());
        textFont.requireGlyphs("seal name", spec.sealName());
        codeFont.requireGlyphs("code text", spec.codeText());

        double outer = spec.diameterMm() / 2;
        double inner = outer - spec.borderWidthMm();
        List<PlacedGlyph> glyphs = new ArrayList<>();
        List<PlacedGlyph> arc = upperArc(spec, textFont, inner);
        glyphs.addAll(arc);
        glyphs.addAll(sealName(spec, textFont, inner, arc));
        glyphs.addAll(lowerArc(spec, codeFont, inner, freeBottomAngle(spec, arc)));
        return new SealLayout(spec, outer, inner, spec.star() ? star(spec.starDiameterMm() / 2) : List.of(), glyphs);
    }

    /** The arc span actually used for the organization name, in degrees. */
    public static double effectiveArcSpanDegrees(SealImageSpec spec) {
        if (spec.arcSpanDegrees() != SealImageSpec.AUTO_SPAN) {
            return spec.arcSpanDegrees();
        }
        int n = spec.organizationName().codePointCount(0, spec.organizationName().length());
        return spec.sealName().isEmpty()
                ? Math.min(AUTO_SPAN_NO_SEAL_NAME_MAX_DEG, AUTO_PITCH_NO_SEAL_NAME_DEG * (n - 1))
                : Math.min(AUTO_SPAN_MAX_DEG, AUTO_PITCH_DEG * (n - 1));
    }

    /** The star as a closed path, or null when there is none. */
    public Shape starShape() {
        if (star.isEmpty()) {
            return null;
        }
        Path2D.Double p = new Path2D.Double();
        p.moveTo(star.get(0).x(), star.get(0).y());
        for (int i = 1; i < star.size(); i++) {
            p.lineTo(star.get(i).x(), star.get(i).y());
        }
        p.closePath();
        return p;
    }

    /** The characters of one text, in reading order. */
    public List<PlacedGlyph> glyphs(TextRole role) {
        return glyphs.stream().filter(g -> g.role() == role).toList();
    }

    /** The text of one role as laid out (reading order). */
    public String text(TextRole role) {
        StringBuilder sb = new StringBuilder();
        glyphs(role).forEach(g -> sb.append(g.character()));
        return sb.toString();
    }

    /** Bounding box of one text's outlines in the layout frame, or null when that text is empty. */
    public Rectangle2D bounds(TextRole role) {
        Rectangle2D box = null;
        for (PlacedGlyph g : glyphs(role)) {
            Rectangle2D b = g.outline().getBounds2D();
            if (box == null) {
                box = b;
            } else {
                box.add(b);
            }
        }
        return box;
    }

    private static List<Point> star(double tipRadius) {
        List<Point> points = new ArrayList<>(10);
        for (int i = 0; i < 10; i++) {
            double r = i % 2 == 0 ? tipRadius : tipRadius * STAR_INNER_RATIO;
            double a = Math.toRadians(90 + 36 * i);
            points.add(new Point(r * Math.cos(a), r * Math.sin(a)));
        }
        return points;
    }

    /**
     * Unit name: characters evenly spaced along the upper arc, first on the left, each upright with its foot
     * toward the centre. Long names are condensed so neighbours keep a gap.
     */
    private static List<PlacedGlyph> upperArc(SealImageSpec spec, LoadedFont font, double innerRadius) {
        List<String> chars = characters(spec.organizationName());
        int n = chars.size();
        double size = spec.arcFontSizeMm();
        Rectangle2D ref = verticalBox(font, CJK_REFERENCE, spec.organizationName());
        double halfHeight = ref.getHeight() / 2 * size;
        double centreRadius = innerRadius - spec.arcMarginMm() - halfHeight;
        double span = Math.toRadians(effectiveArcSpanDegrees(spec));
        double pitch = n > 1 ? span / (n - 1) : 0;
        double scale = spec.arcMaxWidthRatio();
        if (n > 1) {
            // Characters fan out, so the tightest place is toward their feet: measure the pitch half-way there.
            double pitchLength = (centreRadius - halfHeight / 2) * pitch;
            scale = Math.min(scale, (1 - ARC_GAP_SHARE) * pitchLength / size);
        }
        List<PlacedGlyph> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double angle = Math.PI / 2 + span / 2 - i * pitch;
            out.add(centred(TextRole.ORGANIZATION, chars.get(i), font, size, scale, ref,
                    centreRadius * Math.cos(angle), centreRadius * Math.sin(angle), angle - Math.PI / 2));
        }
        return out;
    }

    /**
     * Seal name: one horizontal line centred below the star. It is condensed to stay clear of the ring and of
     * the ends of the arc text; when that would squeeze it below {@link #MIN_SEAL_NAME_SCALE}, the font shrinks.
     */
    private static List<PlacedGlyph> sealName(SealImageSpec spec, LoadedFont font, double innerRadius,
                                              List<PlacedGlyph> arc) {
        List<String> chars = characters(spec.sealName());
        if (chars.isEmpty()) {
            return List.of();
        }
        double size = spec.sealNameFontSizeMm();
        Rectangle2D ref = verticalBox(font, CJK_REFERENCE, spec.sealName());
        double centreY = -spec.sealNameCenterBelowMm();
        double halfHeight = ref.getHeight() / 2 * size;
        double gap = spec.arcMarginMm() * 2;
        // Widest line that stays clear of the ring at the text's lowest edge ...
        double lowest = Math.abs(centreY) + halfHeight;
        double clear = innerRadius - gap;
        double halfAvailable = Math.sqrt(Math.max(0, clear * clear - lowest * lowest));
        // ... and of any arc character reaching down into its band.
        for (PlacedGlyph g : arc) {
            Rectangle2D b = g.outline().getBounds2D();
            if (b.getMinY() < centreY + halfHeight + gap && b.getMaxY() > centreY - halfHeight - gap) {
                double nearEdge = b.getCenterX() >= 0 ? b.getMinX() : -b.getMaxX();
                halfAvailable = Math.min(halfAvailable, nearEdge - gap);
            }
        }
        double available = Math.max(0, 2 * halfAvailable);
        double naturalEm = 0;
        for (String c : chars) {
            naturalEm += font.advanceEm(c);
        }
        naturalEm += SEAL_NAME_TRACKING_EM * (chars.size() - 1);
        double scale = Math.min(1.0, available / (naturalEm * size));
        if (scale < MIN_SEAL_NAME_SCALE) {
            size = Math.max(size * scale / MIN_SEAL_NAME_SCALE, spec.sealNameFontSizeMm() * 0.5);
            scale = Math.min(1.0, available / (naturalEm * size));
        }
        double x = -naturalEm * size * scale / 2;
        List<PlacedGlyph> out = new ArrayList<>(chars.size());
        for (String c : chars) {
            double advance = font.advanceEm(c) * size * scale;
            out.add(centred(TextRole.SEAL_NAME, c, font, size, scale, ref, x + advance / 2, centreY, 0));
            x += advance + SEAL_NAME_TRACKING_EM * size * scale;
        }
        return out;
    }

    /**
     * The angle left free at the bottom between the two ends of the arc text (each end character's outline plus
     * a margin), centred on straight down; at most {@link #CODE_MAX_ANGLE}.
     */
    private static double freeBottomAngle(SealImageSpec spec, List<PlacedGlyph> arc) {
        double free = CODE_MAX_ANGLE;
        for (PlacedGlyph g : arc) {
            PathIterator it = g.outline().getPathIterator(null, 0.05);
            double[] p = new double[6];
            while (!it.isDone()) {
                if (it.currentSegment(p) != PathIterator.SEG_CLOSE) {
                    // Angle of this outline point away from straight down, minus the margin at its radius.
                    double r = Math.hypot(p[0], p[1]);
                    double fromBottom = Math.abs(Math.atan2(p[0], -p[1]));
                    free = Math.min(free, 2 * (fromBottom - spec.arcMarginMm() / Math.max(r, 1e-6)));
                }
                it.next();
            }
        }
        return Math.max(0, free);
    }

    /**
     * Code text: small characters along the lower arc, read left to right, feet toward the ring, packed at
     * their natural width and centred on the bottom of the seal. A code too long for the space between the ends
     * of the arc text is set smaller until it fits.
     */
    private static List<PlacedGlyph> lowerArc(SealImageSpec spec, LoadedFont font, double innerRadius,
                                              double freeAngle) {
        List<String> chars = characters(spec.codeText());
        if (chars.isEmpty()) {
            return List.of();
        }
        Rectangle2D ref = verticalBox(font, CODE_REFERENCE, spec.codeText());
        double advanceEm = 0;
        for (String c : chars) {
            advanceEm += font.advanceEm(c);
        }
        advanceEm += CODE_TRACKING_EM * (chars.size() - 1);
        double size = spec.codeFontSizeMm();
        double centreRadius = 0;
        for (int attempt = 0; attempt < 4; attempt++) {
            centreRadius = innerRadius - spec.arcMarginMm() * 0.8 - ref.getHeight() / 2 * size;
            double angle = advanceEm * size / centreRadius;
            if (angle <= freeAngle) {
                break;
            }
            size *= freeAngle / angle * 0.98;
        }
        double tracking = CODE_TRACKING_EM * size;
        double start = 1.5 * Math.PI - advanceEm * size / centreRadius / 2;
        double along = 0;
        List<PlacedGlyph> out = new ArrayList<>(chars.size());
        for (String c : chars) {
            double advance = font.advanceEm(c) * size;
            double angle = start + (along + advance / 2) / centreRadius;
            out.add(centred(TextRole.CODE, c, font, size, 1.0, ref,
                    centreRadius * Math.cos(angle), centreRadius * Math.sin(angle), angle + Math.PI / 2));
            along += advance + tracking;
        }
        return out;
    }

    /**
     * Places a character so that the middle of its advance (horizontally) and the middle of the reference glyph
     * (vertically) land on the given point, after rotation and condensing.
     */
    private static PlacedGlyph centred(TextRole role, String c, LoadedFont font, double size, double scale,
                                       Rectangle2D ref, double cx, double cy, double rotation) {
        double localX = font.advanceEm(c) * size * scale / 2;
        double localY = ref.getCenterY() * size;
        double cos = Math.cos(rotation);
        double sin = Math.sin(rotation);
        double ox = cx - (localX * cos - localY * sin);
        double oy = cy - (localX * sin + localY * cos);
        return new PlacedGlyph(role, c, font, size, ox, oy, rotation, scale);
    }

    /**
     * The vertical band a text occupies, in em: the reference glyph's box joined with every character's, so the
     * text is centred like any other text in that face yet its tallest character still keeps the margins.
     */
    static Rectangle2D verticalBox(LoadedFont font, String reference, String text) {
        Rectangle2D box = font.referenceBoundsEm(reference);
        Rectangle2D actual = font.textBoundsEm(text);
        if (actual != null) {
            box.add(new Rectangle2D.Double(box.getX(), actual.getY(), box.getWidth(), actual.getHeight()));
        }
        return box;
    }

    private static List<String> characters(String text) {
        return text.codePoints().mapToObj(Character::toString).toList();
    }
}
