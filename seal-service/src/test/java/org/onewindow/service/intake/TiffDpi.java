package org.onewindow.service.intake;

import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import java.awt.image.BufferedImage;

/** Writes the resolution into JDK TIFF metadata through the standard metadata tree. */
final class TiffDpi {
    private TiffDpi() {
    }

    static IIOMetadata metadata(ImageWriter writer, BufferedImage image, ImageWriteParam param, int dpi) {
        try {
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            double mmPerPixel = 25.4 / dpi;
            IIOMetadataNode root = new IIOMetadataNode("javax_imageio_1.0");
            IIOMetadataNode dimension = new IIOMetadataNode("Dimension");
            IIOMetadataNode h = new IIOMetadataNode("HorizontalPixelSize");
            h.setAttribute("value", Double.toString(mmPerPixel));
            IIOMetadataNode v = new IIOMetadataNode("VerticalPixelSize");
            v.setAttribute("value", Double.toString(mmPerPixel));
            dimension.appendChild(h);
            dimension.appendChild(v);
            root.appendChild(dimension);
            metadata.mergeTree("javax_imageio_1.0", root);
            return metadata;
        } catch (Exception e) {
            throw new IllegalStateException("cannot set TIFF resolution", e);
        }
    }
}
