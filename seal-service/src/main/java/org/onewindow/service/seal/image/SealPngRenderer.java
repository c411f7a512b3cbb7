package org.onewindow.service.seal.image;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Draws a {@link SealLayout} into a transparent ARGB image at a given resolution and writes it as PNG with its
 * resolution in the pHYs chunk, so it prints at its true size. Text is filled as glyph outlines from the seal
 * font. Stateless and thread-safe.
 */
public final class SealPngRenderer {

    /** Default print resolution. */
    public static final int DEFAULT_DPI = 600;
    /** Resolutions accepted; the notes ask for at least 300 dpi in print, lower values are for previews. */
    public static final int MIN_DPI = 72;
    public static final int MAX_DPI = 2400;

    private static final double MM_PER_INCH = 25.4;
    private static final String PNG_METADATA_FORMAT = "javax_imageio_png_1.0";

    /** Pixels across for a length in mm at a resolution (rounded to the nearest pixel). */
    public static int pixels(double mm, int dpi) {
        return (int) Math.round(mm / MM_PER_INCH * dpi);
    }

    /** Renders the seal into a square TYPE_INT_ARGB image, fully transparent outside the ring. */
    public BufferedImage render(SealLayout layout, int dpi) {
        checkDpi(dpi);
        int size = pixels(layout.spec().diameterMm(), dpi);
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
            g.setColor(new Color(layout.spec().colorRgb()));
            AffineTransform toPixels = toPixels(layout, size);
            g.clip(toPixels.createTransformedShape(circle(layout.outerRadiusMm())));
            Area ring = new Area(circle(layout.outerRadiusMm()));
            ring.subtract(new Area(circle(layout.innerRadiusMm())));
            g.fill(toPixels.createTransformedShape(ring));
            Shape star = layout.starShape();
            if (star != null) {
                g.fill(toPixels.createTransformedShape(star));
            }
            double weightPx = layout.spec().textWeightMm() * size / layout.spec().diameterMm();
            g.setStroke(new BasicStroke((float) weightPx, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            for (SealLayout.PlacedGlyph glyph : layout.glyphs()) {
                Shape outline = toPixels.createTransformedShape(glyph.outline());
                g.fill(outline);
                if (weightPx > 0) {
                    g.draw(outline);
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Renders and encodes as PNG with pHYs set to {@code dpi}. */
    public byte[] renderPng(SealLayout layout, int dpi) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writePng(render(layout, dpi), dpi, out);
        return out.toByteArray();
    }

    /** Writes an image as PNG with a pHYs chunk stating {@code dpi} (as pixels per metre). */
    public static void writePng(BufferedImage image, int dpi, OutputStream out) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image),
                    writer.getDefaultWriteParam());
            IIOMetadataNode phys = new IIOMetadataNode("pHYs");
            String perMetre = Long.toString(Math.round(dpi / MM_PER_INCH * 1000));
            phys.setAttribute("pixelsPerUnitXAxis", perMetre);
            phys.setAttribute("pixelsPerUnitYAxis", perMetre);
            phys.setAttribute("unitSpecifier", "meter");
            IIOMetadataNode root = new IIOMetadataNode(PNG_METADATA_FORMAT);
            root.appendChild(phys);
            metadata.mergeTree(PNG_METADATA_FORMAT, root);
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, metadata), writer.getDefaultWriteParam());
        } catch (IIOInvalidTreeException e) {
            throw new IllegalStateException("PNG writer rejected the pHYs metadata", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /** The transform from the layout frame (mm, y up, centred) to image pixels (y down, origin top left). */
    static AffineTransform toPixels(SealLayout layout, int sizePx) {
        double pxPerMm = sizePx / layout.spec().diameterMm();
        AffineTransform t = AffineTransform.getTranslateInstance(sizePx / 2.0, sizePx / 2.0);
        t.scale(pxPerMm, -pxPerMm);
        return t;
    }

    private static Ellipse2D circle(double radius) {
        return new Ellipse2D.Double(-radius, -radius, 2 * radius, 2 * radius);
    }

    private static void checkDpi(int dpi) {
        if (dpi < MIN_DPI || dpi > MAX_DPI) {
            throw new SealImageException(SealImageException.Reason.INVALID_SPEC,
                    "resolution " + dpi + " dpi is outside " + MIN_DPI + "–" + MAX_DPI);
        }
    }
}
