package org.onewindow.service.sign;

import com.itextpdf.forms.form.element.SignatureFieldAppearance;
import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.layout.borders.Border;
import com.itextpdf.layout.element.Div;
import com.itextpdf.layout.properties.Property;
import com.itextpdf.layout.properties.UnitValue;
import com.itextpdf.layout.renderer.DivRenderer;
import com.itextpdf.layout.renderer.DrawContext;
import com.itextpdf.layout.renderer.IRenderer;
import com.itextpdf.signatures.SignerProperties;
import org.onewindow.service.seal.image.SealPdfRenderer;

/**
 * The visible seal as a signature field appearance: the vector seal or the imported raster image, fitted and centred
 * in the field (aspect ratio kept), drawn with blend mode Multiply so the text under the red seal stays readable (as with ink on paper).
 *
 * <p>The seal form XObject must belong to the document being signed (its font is embedded there), and iText creates
 * that document inside the signer; so the seal is drawn by a renderer at layout time, when the signer's document is
 * at hand in the {@link DrawContext}.
 */
final class SealAppearance {
    private SealAppearance() {
    }

    /**
     * An appearance showing {@code seal} in a field of {@code width} x {@code height} points, drawn by
     * {@code renderer} (shared, so its parsed font programs are reused from seal to seal).
     */
    static SignatureFieldAppearance of(SealPdfRenderer renderer, SealGraphic seal, float width, float height) {
        Div div = new Div();
        div.setWidth(width).setHeight(height).setMargin(0).setPadding(0).setBorder(Border.NO_BORDER);
        div.setNextRenderer(new SealRenderer(div, renderer, seal, new Rectangle(0, 0, width, height)));
        SignatureFieldAppearance appearance = new SignatureFieldAppearance(SignerProperties.IGNORED_ID);
        appearance.setContent(div);
        appearance.setBorder(Border.NO_BORDER);
        for (int property : new int[] {Property.PADDING_TOP, Property.PADDING_RIGHT, Property.PADDING_BOTTOM,
                Property.PADDING_LEFT, Property.MARGIN_TOP, Property.MARGIN_RIGHT, Property.MARGIN_BOTTOM,
                Property.MARGIN_LEFT}) {
            appearance.setProperty(property, UnitValue.createPointValue(0));
        }
        return appearance;
    }

    private static final class SealRenderer extends DivRenderer {
        private final SealPdfRenderer renderer;
        private final SealGraphic seal;
        private final Rectangle area;

        SealRenderer(Div div, SealPdfRenderer renderer, SealGraphic seal, Rectangle area) {
            super(div);
            this.renderer = renderer;
            this.seal = seal;
            this.area = area;
        }

        @Override
        public IRenderer getNextRenderer() {
            return new SealRenderer((Div) modelElement, renderer, seal, area);
        }

        /** Draws over the whole appearance box (its coordinates: origin at the field's lower left). */
        @Override
        public void draw(DrawContext context) {
            super.draw(context);
            SealGraphic.drawMultiplied(context.getCanvas(), seal.xObject(context.getDocument(), renderer),
                    seal.fitted(area));
        }
    }
}
