package org.onewindow.service.sign;

import java.util.Optional;

import com.itextpdf.io.image.ImageData;
import com.itextpdf.io.image.ImageDataFactory;
import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.canvas.PdfCanvas;
import com.itextpdf.kernel.pdf.extgstate.PdfExtGState;
import com.itextpdf.kernel.pdf.xobject.PdfImageXObject;
import com.itextpdf.kernel.pdf.xobject.PdfXObject;
import org.onewindow.service.seal.image.RasterSeal;
import org.onewindow.service.seal.image.SealImageException;
import org.onewindow.service.seal.image.SealLayout;
import org.onewindow.service.seal.image.SealPdfRenderer;

/**
 * A seal's look as PDF graphics: the vector seal of {@link SealPdfRenderer}, or an imported raster image (an image
 * XObject whose alpha channel iText writes as an SMask), with its printed size in points.
 */
final class SealGraphic {
    private final SealLayout layout;
    private final RasterSeal raster;
    private final float widthPt;
    private final float heightPt;

    private SealGraphic(SealLayout layout, RasterSeal raster, float widthPt, float heightPt) {
        this.layout = layout;
        this.raster = raster;
        this.widthPt = widthPt;
        this.heightPt = heightPt;
    }

    /** The identity's vector seal if it has one, else its raster image, else empty. */
    static Optional<SealGraphic> of(SealIdentity identity) {
        if (identity.appearance().isPresent()) {
            float side = (float) SealPdfRenderer.sizePt(identity.appearance().get());
            return Optional.of(new SealGraphic(identity.appearance().get(), null, side, side));
        }
        return identity.image().map(image -> new SealGraphic(null, image,
                (float) (image.widthMm() * SealPdfRenderer.PT_PER_MM),
                (float) (image.heightMm() * SealPdfRenderer.PT_PER_MM)));
    }

    float widthPt() {
        return widthPt;
    }

    float heightPt() {
        return heightPt;
    }

    boolean isRaster() {
        return raster != null;
    }

    /** The seal as an XObject of {@code pdf} (fonts and images belong to one document; make one per document). */
    PdfXObject xObject(PdfDocument pdf, SealPdfRenderer renderer) {
        if (layout != null) {
            return renderer.toFormXObject(layout, pdf);
        }
        ImageData image;
        try {
            image = ImageDataFactory.createPng(raster.png());
        } catch (RuntimeException e) {
            throw new SealImageException(SealImageException.Reason.CORRUPT,
                    "the seal's stored image cannot be read as PNG: " + e.getMessage(), e);
        }
        return new PdfImageXObject(image);
    }

    /** {@code box} shrunk to the seal's aspect ratio and centred in it. */
    Rectangle fitted(Rectangle box) {
        float scale = Math.min(box.getWidth() / widthPt, box.getHeight() / heightPt);
        float w = widthPt * scale;
        float h = heightPt * scale;
        return new Rectangle(box.getX() + (box.getWidth() - w) / 2, box.getY() + (box.getHeight() - h) / 2, w, h);
    }

    /** Draws {@code seal} into {@code rect} in blend mode Multiply (text under the ink stays readable). */
    static void drawMultiplied(PdfCanvas canvas, PdfXObject seal, Rectangle rect) {
        canvas.saveState();
        canvas.setExtGState(new PdfExtGState().setBlendMode(PdfExtGState.BM_MULTIPLY));
        canvas.addXObjectFittedIntoRectangle(seal, rect);
        canvas.restoreState();
    }
}
