package org.onewindow.service.intake;

import com.itextpdf.io.image.ImageData;
import com.itextpdf.io.image.ImageDataFactory;
import com.itextpdf.kernel.geom.PageSize;
import com.itextpdf.kernel.pdf.PdfAConformance;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfOutputIntent;
import com.itextpdf.kernel.pdf.PdfPage;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.canvas.PdfCanvas;
import com.itextpdf.kernel.xmp.XMPMeta;
import com.itextpdf.pdfa.PdfADocument;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Turns one material (one or several inspected files, in order) into one PDF.
 *
 * <p>Images become a PDF/A-2u document written with iText, the project's PDF writer (it also signs, so the
 * archive copy and the signed copy come from one library): each image page is sized from its resolution,
 * EXIF orientation is applied with the placement matrix, JPEG data is embedded unchanged (DCTDecode), TIFF
 * CCITT data is copied as CCITTFaxDecode where iText can, WebP is decoded (TwelveMonkeys) and its pixels stored
 * losslessly, and everything else is re-encoded losslessly (Flate).
 *
 * <p>A single uploaded PDF is kept byte for byte when it carries no active content; otherwise active content
 * is removed and each removal recorded. Materials that mix PDFs with other files are merged into one plain PDF
 * (arbitrary PDFs cannot be made PDF/A without re-rendering them), then cleaned the same way.
 */
public final class MaterialNormalizer {
    /** Resolution assumed when an image does not state a plausible one. */
    public static final double DEFAULT_DPI = 300;
    /** Below this, a stated resolution is a camera or screen default, not a scan resolution. */
    public static final double MIN_PLAUSIBLE_DPI = 100;
    /** PDF/A-2 (ISO 32000-1 limits) allows page sides up to 14,400 units. */
    private static final double MAX_PAGE_POINTS = 14_400;

    private final byte[] srgbProfile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

    /** Writes the material to {@code output}. */
    public NormalizedPdf normalize(List<InspectedFile> files, Path output) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a material needs at least one file");
        }
        try {
            if (files.stream().allMatch(f -> f.type().isImage())) {
                return imagesToPdfA(files, output);
            }
            if (files.size() == 1) {
                return singlePdf(files.get(0), output);
            }
            return merge(files, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private NormalizedPdf imagesToPdfA(List<InspectedFile> files, Path output) throws IOException {
        List<String> actions = new ArrayList<>();
        int pages;
        try (PdfADocument pdf = new PdfADocument(new PdfWriter(output.toFile()), PdfAConformance.PDF_A_2U, outputIntent())) {
            pdf.getDocumentInfo().setProducer("onewindow intake");
            for (InspectedFile file : files) {
                addImagePages(pdf, file, actions);
            }
            pages = pdf.getNumberOfPages();
        } catch (com.itextpdf.kernel.exceptions.PdfException e) {
            throw new CorruptMaterialException("an image of this material cannot be converted: " + e.getMessage(), e);
        }
        return new NormalizedPdf(output, pages, "PDF/A-2U", actions);
    }

    private void addImagePages(PdfDocument pdf, InspectedFile file, List<String> actions) throws IOException {
        byte[] bytes = Files.readAllBytes(file.upload().file());
        String name = file.upload().displayName();
        for (int i = 0; i < file.imagePages().size(); i++) {
            ImagePage geometry = file.imagePages().get(i);
            ImageData image;
            try {
                image = switch (file.type()) {
                    case TIFF -> ImageDataFactory.createTiff(bytes, false, i + 1, true);
                    case WEBP -> webp(bytes, name, geometry, actions);
                    default -> ImageDataFactory.create(bytes);
                };
            } catch (CorruptMaterialException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new CorruptMaterialException("image '" + name + "' cannot be decoded: " + e.getMessage(), e);
            }
            double dpiX = plausible(geometry.dpiX());
            double dpiY = plausible(geometry.dpiY() > 0 ? geometry.dpiY() : geometry.dpiX());
            if (dpiX != geometry.dpiX() || dpiY != geometry.dpiY()) {
                actions.add("assumed " + (int) DEFAULT_DPI + " dpi for '" + name + "'" + pageSuffix(file, i)
                        + " (stated: " + Math.round(geometry.dpiX()) + ")");
            }
            double width = geometry.widthPixels() * 72 / dpiX;
            double height = geometry.heightPixels() * 72 / dpiY;
            double shrink = Math.min(1, MAX_PAGE_POINTS / Math.max(width, height));
            width *= shrink;
            height *= shrink;
            boolean turned = geometry.quarterTurned();
            float pageWidth = (float) (turned ? height : width);
            float pageHeight = (float) (turned ? width : height);
            PdfPage page = pdf.addNewPage(new PageSize(pageWidth, pageHeight));
            float[] m = placement(geometry.orientation(), pageWidth, pageHeight);
            new PdfCanvas(page).addImageWithTransformationMatrix(image, m[0], m[1], m[2], m[3], m[4], m[5]);
            if (geometry.orientation() != 1) {
                actions.add("applied EXIF orientation " + geometry.orientation() + " to '" + name + "'");
            }
        }
    }

    /**
     * A WebP image as raw samples that iText compresses with Flate: lossless WebP keeps every pixel, lossy WebP
     * keeps its decoded pixels (no second lossy generation). Grey images (R = G = B everywhere) are stored with
     * one component; alpha becomes an 8-bit soft mask.
     */
    private static ImageData webp(byte[] bytes, String name, ImagePage geometry, List<String> actions) {
        BufferedImage decoded;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("webp");
            if (!readers.hasNext()) {
                throw new IllegalStateException("no WebP decoder on the class path (TwelveMonkeys imageio-webp)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                decoded = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new CorruptMaterialException("WebP '" + name + "' cannot be decoded: " + e.getMessage(), e);
        }
        int width = decoded.getWidth();
        int height = decoded.getHeight();
        if (width != geometry.widthPixels() || height != geometry.heightPixels()) {
            throw new CorruptMaterialException("WebP '" + name + "' decodes to " + width + "×" + height
                    + " pixels, not the " + geometry.widthPixels() + "×" + geometry.heightPixels() + " its header says");
        }
        // row by row: no int-per-pixel copy of the whole image next to the decoded one
        int[] row = new int[width];
        boolean grey = true;
        boolean opaque = true;
        for (int y = 0; y < height; y++) {
            decoded.getRGB(0, y, width, 1, row, 0, width);
            for (int pixel : row) {
                int r = (pixel >> 16) & 0xFF;
                grey &= r == ((pixel >> 8) & 0xFF) && r == (pixel & 0xFF);
                opaque &= (pixel >>> 24) == 0xFF;
            }
        }
        int components = grey ? 1 : 3;
        byte[] samples = new byte[width * height * components];
        byte[] alpha = opaque ? null : new byte[width * height];
        for (int y = 0, j = 0; y < height; y++) {
            decoded.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int pixel = row[x];
                if (grey) {
                    samples[j++] = (byte) pixel;
                } else {
                    samples[j++] = (byte) (pixel >> 16);
                    samples[j++] = (byte) (pixel >> 8);
                    samples[j++] = (byte) pixel;
                }
                if (alpha != null) {
                    alpha[y * width + x] = (byte) (pixel >>> 24);
                }
            }
        }
        ImageData image = ImageDataFactory.create(width, height, components, 8, samples, null);
        if (alpha != null) {
            ImageData mask = ImageDataFactory.create(width, height, 1, 8, alpha, null);
            mask.makeMask();
            image.setImageMask(mask);
        }
        actions.add("decoded WebP '" + name + "' and stored its pixels losslessly" + (grey ? " as greyscale" : "")
                + (alpha != null ? " with its alpha channel as a soft mask" : ""));
        return image;
    }

    private static String pageSuffix(InspectedFile file, int index) {
        return file.pageCount() > 1 ? " page " + (index + 1) : "";
    }

    private static double plausible(double dpi) {
        return dpi >= MIN_PLAUSIBLE_DPI ? dpi : DEFAULT_DPI;
    }

    /**
     * The matrix that maps the image's unit square to the page so that the image appears upright for
     * EXIF orientation 1-8 ({@code pw}, {@code ph}: the displayed page size).
     */
    static float[] placement(int orientation, float pw, float ph) {
        return switch (orientation) {
            case 2 -> new float[]{-pw, 0, 0, ph, pw, 0};
            case 3 -> new float[]{-pw, 0, 0, -ph, pw, ph};
            case 4 -> new float[]{pw, 0, 0, -ph, 0, ph};
            case 5 -> new float[]{0, -ph, -pw, 0, pw, ph};
            case 6 -> new float[]{0, -ph, pw, 0, 0, ph};
            case 7 -> new float[]{0, ph, pw, 0, 0, 0};
            case 8 -> new float[]{0, ph, -pw, 0, pw, 0};
            default -> new float[]{pw, 0, 0, ph, 0, 0};
        };
    }

    private PdfOutputIntent outputIntent() {
        return new PdfOutputIntent("Custom", "", "http://www.color.org", "sRGB IEC61966-2.1",
                new ByteArrayInputStream(srgbProfile));
    }

    private NormalizedPdf singlePdf(InspectedFile file, Path output) throws IOException {
        Path source = file.upload().file();
        List<String> active;
        String declared;
        int pages;
        try (PdfDocument pdf = new PdfDocument(new PdfReader(source.toFile()))) {
            active = PdfSanitizer.findActiveContent(pdf);
            declared = declaredPdfA(pdf);
            pages = pdf.getNumberOfPages();
        } catch (com.itextpdf.kernel.exceptions.PdfException e) {
            throw new CorruptMaterialException("PDF '" + file.upload().displayName() + "' cannot be read: " + e.getMessage(), e);
        }
        if (active.isEmpty()) {
            Files.copy(source, output, StandardCopyOption.REPLACE_EXISTING);
            return new NormalizedPdf(output, pages, declared, List.of("kept the uploaded PDF unchanged"));
        }
        List<String> removed;
        try (PdfDocument pdf = new PdfDocument(new PdfReader(source.toFile()), new PdfWriter(output.toFile()))) {
            removed = PdfSanitizer.clean(pdf);
        }
        // removing content breaks any PDF/A claim only if it referenced what was removed; the claim is not repeated
        return new NormalizedPdf(output, pages, null, removed);
    }

    private NormalizedPdf merge(List<InspectedFile> files, Path output) throws IOException {
        List<String> actions = new ArrayList<>();
        int pages;
        try (PdfDocument pdf = new PdfDocument(new PdfWriter(output.toFile()))) {
            for (InspectedFile file : files) {
                if (file.type().isImage()) {
                    addImagePages(pdf, file, actions);
                } else {
                    try (PdfDocument source = new PdfDocument(new PdfReader(file.upload().file().toFile()))) {
                        source.copyPagesTo(1, source.getNumberOfPages(), pdf);
                    }
                }
            }
            actions.add("merged " + files.size() + " files into one PDF (not PDF/A: it contains uploaded PDF pages)");
            actions.addAll(PdfSanitizer.clean(pdf));
            pages = pdf.getNumberOfPages();
        } catch (com.itextpdf.kernel.exceptions.PdfException e) {
            throw new CorruptMaterialException("this material's files cannot be merged: " + e.getMessage(), e);
        }
        return new NormalizedPdf(output, pages, null, actions);
    }

    private static String declaredPdfA(PdfDocument pdf) {
        try {
            XMPMeta xmp = pdf.getXmpMetadata();
            if (xmp == null) {
                return null;
            }
            String part = xmp.getPropertyString("http://www.aiim.org/pdfa/ns/id/", "part");
            String level = xmp.getPropertyString("http://www.aiim.org/pdfa/ns/id/", "conformance");
            return part == null ? null : "PDF/A-" + part + (level == null ? "" : level) + " (declared)";
        } catch (Exception e) {
            return null;
        }
    }
}
