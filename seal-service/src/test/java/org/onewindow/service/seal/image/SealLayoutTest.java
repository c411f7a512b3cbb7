package org.onewindow.service.seal.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Area;
import java.awt.geom.PathIterator;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.onewindow.service.seal.image.SealLayout.PlacedGlyph;
import org.onewindow.service.seal.image.SealLayout.TextRole;

class SealLayoutTest {

    static List<SealImageSpec> specs() {
        return List.of(
                SealImageSpec.specialSeal("敦煌市行政服务中心", "受理专用章"),
                SealImageSpec.specialSeal("敦煌市食品药品监督管理局", "行政审批专用章").withCodeText("6209820012345"),
                SealImageSpec.officialSeal("敦煌市档案局"),
                SealImageSpec.specialSeal("敦煌市行政服务中心", "审批专用章").withFont(FontRef.HEI_WQY_ZENHEI),
                // Extremes: one character, the longest name, longest seal name and code, smallest and largest sizes.
                SealImageSpec.specialSeal("局", "章"),
                SealImageSpec.specialSeal("敦煌市食品药品监督管理局敦煌市食品药品监督管理局敦煌", "行政审批专用章审批专用").withCodeText(
                        "620982001234562098200123456209"),
                SealImageSpec.specialSeal("Dunhuang Service Center", "SEAL").scaledTo(SealImageSpec.MIN_DIAMETER_MM),
                SealImageSpec.officialSeal("敦煌市人民政府办公室").scaledTo(SealImageSpec.MAX_DIAMETER_MM)
                        .withCodeText("6209820012345"));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void arcTextReadsLeftToRightEvenlySpacedAndUprightTowardTheCentre(SealImageSpec spec) {
        SealLayout layout = SealLayout.compute(spec);
        List<PlacedGlyph> arc = layout.glyphs(TextRole.ORGANIZATION);
        assertEquals(spec.organizationName(), layout.text(TextRole.ORGANIZATION));
        double previousAngle = Double.NaN;
        double pitch = Double.NaN;
        for (PlacedGlyph g : arc) {
            Point2D c = centre(layout, g);
            double angle = Math.atan2(c.getY(), c.getX());
            // The glyph's "up" is the rotated y axis; it must point away from the centre, along the radius.
            double upX = -Math.sin(g.rotationRadians());
            double upY = Math.cos(g.rotationRadians());
            double radial = (upX * c.getX() + upY * c.getY()) / Math.hypot(c.getX(), c.getY());
            assertEquals(1.0, radial, 1e-6, "glyph " + g.character() + " is not upright toward the centre");
            assertTrue(c.getY() > -spec.diameterMm() / 2, "glyph inside");
            if (!Double.isNaN(previousAngle)) {
                double step = previousAngle - unwrap(angle, previousAngle);
                assertTrue(step > 0, "characters must run clockwise (left to right across the top)");
                if (!Double.isNaN(pitch)) {
                    assertEquals(pitch, step, 1e-6, "uneven spacing at " + g.character());
                }
                pitch = step;
            }
            previousAngle = unwrap(angle, previousAngle);
        }
        if (arc.size() == 1) {
            assertEquals(0.0, centre(layout, arc.get(0)).getX(), 1e-6, "a single character sits at the top");
            return;
        }
        // Symmetric about the vertical axis.
        Point2D first = centre(layout, arc.get(0));
        Point2D last = centre(layout, arc.get(arc.size() - 1));
        assertEquals(-first.getX(), last.getX(), 1e-6);
        assertEquals(first.getY(), last.getY(), 1e-6);
        assertTrue(first.getX() < 0);
    }

    @ParameterizedTest
    @MethodSource("specs")
    void allTextStaysInsideTheRingAndNothingOverlaps(SealImageSpec spec) {
        SealLayout layout = SealLayout.compute(spec);
        for (PlacedGlyph g : layout.glyphs()) {
            PathIterator it = g.outline().getPathIterator(null);
            double[] p = new double[6];
            while (!it.isDone()) {
                int type = it.currentSegment(p);
                if (type != PathIterator.SEG_CLOSE) {
                    int last = type == PathIterator.SEG_QUADTO ? 2 : type == PathIterator.SEG_CUBICTO ? 4 : 0;
                    double r = Math.hypot(p[last], p[last + 1]);
                    assertTrue(r < layout.innerRadiusMm() - spec.textWeightMm(),
                            g.character() + " touches the ring (r=" + r + ")");
                }
                it.next();
            }
        }
        List<PlacedGlyph> all = layout.glyphs();
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                if (!all.get(i).outline().getBounds2D().intersects(all.get(j).outline().getBounds2D())) {
                    continue;
                }
                Area a = new Area(all.get(i).outline());
                a.intersect(new Area(all.get(j).outline()));
                assertTrue(a.isEmpty(), all.get(i).character() + " overlaps " + all.get(j).character());
            }
        }
        if (layout.starShape() != null) {
            for (PlacedGlyph g : all) {
                Area a = new Area(g.outline());
                a.intersect(new Area(layout.starShape()));
                assertTrue(a.isEmpty(), g.character() + " overlaps the star");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void sealNameIsOneHorizontalLineCentredBelowTheStar(SealImageSpec spec) {
        SealLayout layout = SealLayout.compute(spec);
        List<PlacedGlyph> name = layout.glyphs(TextRole.SEAL_NAME);
        assertEquals(spec.sealName(), layout.text(TextRole.SEAL_NAME));
        if (name.isEmpty()) {
            return;
        }
        for (PlacedGlyph g : name) {
            assertEquals(0.0, g.rotationRadians());
            assertEquals(name.get(0).originY(), g.originY(), 1e-9);
        }
        Rectangle2D box = layout.bounds(TextRole.SEAL_NAME);
        assertEquals(0.0, box.getCenterX(), 0.3, "seal name must be centred");
        double starBottom = layout.star().stream().mapToDouble(SealLayout.Point::y).min().orElse(0);
        assertTrue(box.getMaxY() < starBottom, "seal name must be below the star");
    }

    @ParameterizedTest
    @MethodSource("specs")
    void starIsARegularFivePointedStarCentredWithAPointUp(SealImageSpec spec) {
        SealLayout layout = SealLayout.compute(spec);
        List<SealLayout.Point> star = layout.star();
        assertEquals(10, star.size());
        double tip = spec.starDiameterMm() / 2;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < 10; i++) {
            SealLayout.Point p = star.get(i);
            double expected = i % 2 == 0 ? tip : tip * SealLayout.STAR_INNER_RATIO;
            assertEquals(expected, Math.hypot(p.x(), p.y()), 1e-9);
            sx += p.x();
            sy += p.y();
        }
        assertEquals(0, sx, 1e-9);
        assertEquals(0, sy, 1e-9);
        assertEquals(tip, star.get(0).y(), 1e-9, "top point straight up");
    }

    @ParameterizedTest
    @MethodSource("specs")
    void codeTextRunsLeftToRightAlongTheBottomWithTopsTowardTheCentre(SealImageSpec spec) {
        SealLayout layout = SealLayout.compute(spec);
        List<PlacedGlyph> code = layout.glyphs(TextRole.CODE);
        assertEquals(spec.codeText(), layout.text(TextRole.CODE));
        double previousX = Double.NEGATIVE_INFINITY;
        for (PlacedGlyph g : code) {
            Point2D c = centre(layout, g);
            assertTrue(c.getY() < 0 && c.getX() > previousX, "code must run left to right at the bottom");
            double upX = -Math.sin(g.rotationRadians());
            double upY = Math.cos(g.rotationRadians());
            double inward = -(upX * c.getX() + upY * c.getY()) / Math.hypot(c.getX(), c.getY());
            assertEquals(1.0, inward, 1e-6);
            previousX = c.getX();
        }
    }

    private static Point2D centre(SealLayout layout, PlacedGlyph g) {
        // Centre of the advance box at the reference glyph's mid-height, mapped back through the glyph transform.
        String text = layout.text(g.role());
        Rectangle2D ref = SealLayout.verticalBox(g.font(),
                g.role() == TextRole.CODE ? SealLayout.CODE_REFERENCE : SealLayout.CJK_REFERENCE, text);
        return g.emToLayout().transform(
                new Point2D.Double(g.font().advanceEm(g.character()) / 2, ref.getCenterY()), null);
    }

    private static double unwrap(double angle, double near) {
        if (Double.isNaN(near)) {
            return angle;
        }
        while (angle - near > Math.PI) {
            angle -= 2 * Math.PI;
        }
        while (near - angle > Math.PI) {
            angle += 2 * Math.PI;
        }
        return angle;
    }
}
