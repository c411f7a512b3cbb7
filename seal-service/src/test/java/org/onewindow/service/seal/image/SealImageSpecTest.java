package org.onewindow.service.seal.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SealImageSpecTest {

    private static final String CENTER = "敦煌市行政服务中心";

    @Test
    void specialSealDefaultsFollowCommonPractice() {
        SealImageSpec spec = SealImageSpec.specialSeal(CENTER, "受理专用章");
        assertEquals(40.0, spec.diameterMm());
        assertEquals(1.0, spec.borderWidthMm());
        assertEquals("#E60000", spec.colorHex());
        assertTrue(spec.star());
        assertEquals(FontRef.SONG_GBSN00LP, spec.textFont());
    }

    @Test
    void officialSealIs42mmWithA14mmStarAndThickerBorder() {
        SealImageSpec spec = SealImageSpec.officialSeal(CENTER);
        assertEquals(42.0, spec.diameterMm(), 1e-9);
        assertEquals(1.2, spec.borderWidthMm(), 1e-9);
        assertEquals(14.0, spec.starDiameterMm(), 1e-9);
        assertEquals("", spec.sealName());
    }

    @Test
    void diameterAbove45mmIsRejected() {
        SealImageSpec spec = SealImageSpec.specialSeal(CENTER, "受理专用章");
        assertEquals(45.0, spec.scaledTo(45.0).diameterMm(), 1e-9);
        SealImageException e = assertThrows(SealImageException.class, () -> spec.scaledTo(45.01));
        assertEquals(SealImageException.Reason.INVALID_SPEC, e.reason());
        assertEquals(422, e.status());
        assertTrue(e.getMessage().contains("45"), e.getMessage());
    }

    @Test
    void emptyOrBlankOrganizationNameIsRejected() {
        for (String name : new String[] {"", "   ", null}) {
            SealImageException e = assertThrows(SealImageException.class,
                    () -> SealImageSpec.specialSeal(name, "受理专用章"));
            assertEquals(SealImageException.Reason.INVALID_SPEC, e.reason());
            assertTrue(e.getMessage().contains("organization name"), e.getMessage());
        }
    }

    @Test
    void tooLongTextsAndControlCharactersAreRejected() {
        assertThrows(SealImageException.class,
                () -> SealImageSpec.specialSeal("敦".repeat(SealImageSpec.MAX_ORGANIZATION_CHARS + 1), "章"));
        assertThrows(SealImageException.class,
                () -> SealImageSpec.specialSeal(CENTER, "受理专用章专用章专用章专用章"));
        SealImageException e = assertThrows(SealImageException.class,
                () -> SealImageSpec.specialSeal("敦煌市\u200B行政服务中心", "受理专用章"));
        assertTrue(e.getMessage().contains("U+200B"), e.getMessage());
        assertThrows(SealImageException.class, () -> SealImageSpec.specialSeal("敦煌市\n行政服务中心", "受理专用章"));
    }

    @Test
    void colourMustBeASealRed() {
        SealImageSpec spec = SealImageSpec.specialSeal(CENTER, "受理专用章");
        assertEquals("#FF0000", spec.withColorRgb(SealImageSpec.parseColor("#ff0000")).colorHex());
        SealImageException blue = assertThrows(SealImageException.class,
                () -> spec.withColorRgb(SealImageSpec.parseColor("#0000FF")));
        assertTrue(blue.getMessage().contains("#0000FF"), blue.getMessage());
        assertThrows(SealImageException.class, () -> spec.withColorRgb(0x808080));
        assertThrows(SealImageException.class, () -> SealImageSpec.parseColor("red"));
        assertThrows(SealImageException.class, () -> spec.withColorRgb(0x1E60000));
    }

    @Test
    void geometryOutsideSensibleRangesIsRejected() {
        SealImageSpec spec = SealImageSpec.specialSeal(CENTER, "受理专用章");
        assertThrows(SealImageException.class, () -> spec.withBorderWidthMm(0));
        assertThrows(SealImageException.class, () -> spec.withBorderWidthMm(Double.NaN));
        assertThrows(SealImageException.class, () -> spec.withStar(true, 30));
        assertThrows(SealImageException.class, () -> spec.withArcSpanDegrees(350));
        assertThrows(SealImageException.class, () -> spec.scaledTo(10));
    }

    @Test
    void missingFontNamesTheDebianPackage() {
        SealImageSpec spec = SealImageSpec.specialSeal(CENTER, "受理专用章")
                .withFont(FontRef.of(Path.of("/nonexistent/arphic-gbsn00lp/gbsn00lp.ttf")));
        SealImageException e = assertThrows(SealImageException.class, () -> SealLayout.compute(spec));
        assertEquals(SealImageException.Reason.FONT_UNAVAILABLE, e.reason());
        assertTrue(e.getMessage().contains("fonts-arphic-gbsn00lp"), e.getMessage());

        SealImageException unknown = assertThrows(SealImageException.class, () -> SealLayout.compute(
                spec.withFont(FontRef.of(Path.of("/nonexistent/SomeFont.ttf")))));
        assertTrue(unknown.getMessage().contains("/nonexistent/SomeFont.ttf"), unknown.getMessage());
    }

    @Test
    void characterMissingFromTheFontIsRejected() {
        // U+20000 (CJK Extension B) is not in the GB2312-range AR PL SungtiL GB face.
        SealImageSpec spec = SealImageSpec.specialSeal("敦煌市\uD840\uDC00中心", "受理专用章");
        SealImageException e = assertThrows(SealImageException.class, () -> SealLayout.compute(spec));
        assertEquals(SealImageException.Reason.INVALID_SPEC, e.reason());
        assertTrue(e.getMessage().contains("U+20000"), e.getMessage());
    }

    @Test
    void alternativeFontFromACollectionLoads() {
        SealLayout layout = SealLayout.compute(SealImageSpec.specialSeal(CENTER, "受理专用章")
                .withFont(FontRef.HEI_WQY_ZENHEI));
        assertEquals("WenQuanYi Zen Hei", layout.glyphs().get(0).font().font().getFamily(java.util.Locale.ROOT));
    }
}
