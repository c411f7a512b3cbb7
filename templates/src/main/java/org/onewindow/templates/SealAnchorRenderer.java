package org.onewindow.templates;

import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.layout.element.Div;
import com.itextpdf.layout.renderer.DivRenderer;
import com.itextpdf.layout.renderer.DrawContext;
import com.itextpdf.layout.renderer.IRenderer;
import java.util.function.BiConsumer;

/** Renders a Div and reports where it was drawn (page and box), so a seal field can be placed over it. */
final class SealAnchorRenderer extends DivRenderer {
    private final BiConsumer<Integer, Rectangle> onDrawn;

    SealAnchorRenderer(Div div, BiConsumer<Integer, Rectangle> onDrawn) {
        super(div);
        this.onDrawn = onDrawn;
    }

    @Override
    public IRenderer getNextRenderer() {
        return new SealAnchorRenderer((Div) modelElement, onDrawn);
    }

    @Override
    public void draw(DrawContext drawContext) {
        super.draw(drawContext);
        onDrawn.accept(getOccupiedArea().getPageNumber(), getOccupiedAreaBBox().clone());
    }
}
