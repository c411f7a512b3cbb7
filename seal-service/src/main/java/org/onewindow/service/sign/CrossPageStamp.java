package org.onewindow.service.sign;

import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.PdfDictionary;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfName;
import com.itextpdf.kernel.pdf.PdfPage;
import com.itextpdf.kernel.pdf.canvas.PdfCanvas;
import com.itextpdf.kernel.pdf.xobject.PdfXObject;
import org.onewindow.service.seal.image.SealPdfRenderer;

/**
 * Draws a {@link CrossPageSeal} onto the pages of the document being signed: one seal XObject shared by all pages,
 * each page showing its slice through a clipping rectangle at the chosen edge. The drawing is marked as an
 * artifact (not part of the document's logical content) and the earlier page content is wrapped in q/Q so its
 * graphics state cannot leak into the slice.
 */
final class CrossPageStamp {
    private CrossPageStamp() {
    }

    /** The slices' geometry on one page, in default user space. */
    record Slice(Rectangle clip, Rectangle seal) {
    }

    /** Where page {@code number} of {@code pages} shows its slice of a {@code width} x {@code height} seal. */
    static Slice slice(Rectangle crop, int number, int pages, float width, float height, CrossPageSeal cross) {
        float slice = width / pages;
        float bottom;
        if (cross.yMm().isPresent()) {
            bottom = crop.getTop() - (float) (cross.yMm().getAsDouble() * SealPdfRenderer.PT_PER_MM) - height;
        } else {
            bottom = crop.getBottom() + (crop.getHeight() - height) / 2;
        }
        bottom = Math.max(crop.getBottom(), Math.min(bottom, crop.getTop() - height));
        float clipX;
        float sealX;
        if (cross.edge() == CrossPageSeal.Edge.RIGHT) {
            clipX = crop.getRight() - slice;
            sealX = clipX - (number - 1) * slice;
        } else {
            clipX = crop.getLeft();
            sealX = clipX - (pages - number) * slice;
        }
        return new Slice(new Rectangle(clipX, bottom, slice, height), new Rectangle(sealX, bottom, width, height));
    }

    /** Adds the slices to every page of {@code pdf} (opened by the signer, so they are part of the signed revision). */
    static void apply(PdfDocument pdf, SealGraphic seal, CrossPageSeal cross, SealPdfRenderer renderer) {
        int pages = pdf.getNumberOfPages();
        PdfXObject xObject = seal.xObject(pdf, renderer);
        for (int number = 1; number <= pages; number++) {
            PdfPage page = pdf.getPage(number);
            Slice slice = slice(page.getCropBox(), number, pages, seal.widthPt(), seal.heightPt(), cross);
            PdfCanvas canvas = new PdfCanvas(page, true);
            canvas.beginMarkedContent(PdfName.Artifact);
            canvas.saveState();
            canvas.rectangle(slice.clip()).clip().endPath();
            SealGraphic.drawMultiplied(canvas, xObject, slice.seal());
            canvas.restoreState();
            canvas.endMarkedContent();
            canvas.release();
            // append mode writes only objects marked as modified
            page.setModified();
            PdfDictionary resources = page.getPdfObject().getAsDictionary(PdfName.Resources);
            if (resources != null && resources.getIndirectReference() != null) {
                resources.setModified();
            }
        }
    }
}
