package org.onewindow.templates;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Renders templates to PDF/A-2u: embedded, subset CJK fonts, a QR code and verification id in every page footer,
 * and an empty signature field at every seal position. Thread-safe; create one per service.
 * <p>
 * The same template, request and fonts give the same bytes: the PDF dates come from {@link RenderRequest#issuedAt()},
 * the file id is a hash of the content, and the font subset tags are derived from that id.
 */
public final class TemplateRenderer {
    /** Issue time of the sample documents. */
    public static final ZonedDateTime SAMPLE_ISSUED_AT = ZonedDateTime.of(2026, 11, 25, 9, 30, 0, 0, ZoneId.of("Asia/Shanghai"));

    private final TemplateCatalog catalog;
    private final FontLibrary fonts;
    private final RequestValidator validator;
    private final DocumentComposer composer;

    /** A renderer with the Debian default fonts ({@link FontConfig#debianDefaults()}). */
    public TemplateRenderer(TemplateCatalog catalog) {
        this(catalog, FontConfig.debianDefaults());
    }

    /** @throws FontConfigurationException if a font file is missing (the message names the Debian package) */
    public TemplateRenderer(TemplateCatalog catalog, FontConfig fontConfig) {
        this.catalog = catalog;
        this.fonts = new FontLibrary(fontConfig);
        this.validator = new RequestValidator(fonts::canShow, fonts.describeFonts());
        this.composer = new DocumentComposer(fonts, ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
    }

    public TemplateCatalog catalog() {
        return catalog;
    }

    /**
     * Renders one document.
     *
     * @throws TemplateNotFoundException   unknown template id
     * @throws TemplateDataException       the request does not fit the template (service: 422)
     * @throws TemplateDefinitionException the template itself is broken
     */
    public RenderedDocument render(String templateId, RenderRequest request) {
        TemplateDefinition definition = catalog.get(templateId);
        ResolvedData data = validator.validate(definition, request);
        byte[] documentId = documentId(definition, data);
        DocumentComposer.Composed composed = composer.compose(definition, data, documentId);
        List<String> fontNames = new ArrayList<>();
        for (FontRole role : FontRole.values()) {
            fonts.chain(role).forEach(f -> fontNames.add(fonts.program(f).getFontNames().getFontName()));
        }
        byte[] pdf = SubsetPrefixes.makeDeterministic(composed.pdf(), documentId, fontNames);
        return new RenderedDocument(definition.id(), pdf, composed.pages(), composed.sealFields(),
                data.verificationId(), data.verifyUrl());
    }

    /**
     * Checks a request against its template without rendering: the same validation and display text as
     * {@link #render}, for renderers of other formats (OFD).
     *
     * @throws TemplateNotFoundException unknown template id
     * @throws TemplateDataException     the request does not fit the template
     */
    public ResolvedTemplate resolve(String templateId, RenderRequest request) {
        TemplateDefinition definition = catalog.get(templateId);
        ResolvedData data = validator.validate(definition, request);
        return new ResolvedTemplate(definition, data.values(), data.tables(), data.verificationId(), data.verifyUrl(),
                data.issuedAt());
    }

    /** The template's sample data as a request (verification id {@code SAMPLE-<id>}, issued {@link #SAMPLE_ISSUED_AT}). */
    public RenderRequest sampleRequest(String templateId, String publicUrl) {
        TemplateDefinition d = catalog.get(templateId);
        ZonedDateTime issuedAt = d.sample().issuedAt() == null ? SAMPLE_ISSUED_AT
                : OffsetDateTime.parse(d.sample().issuedAt()).atZoneSameInstant(ZoneId.of("Asia/Shanghai"));
        String id = ("SAMPLE-" + d.id().toUpperCase(java.util.Locale.ROOT));
        return new RenderRequest(d.sample().fields(), d.sample().tables(), id.length() > 64 ? id.substring(0, 64) : id,
                publicUrl, issuedAt);
    }

    /** The preview document: the template rendered with its sample data. */
    public RenderedDocument renderSample(String templateId, String publicUrl) {
        return render(templateId, sampleRequest(templateId, publicUrl));
    }

    /** PNG of page 1 of the sample document (e.g. 100 dpi), seal fields outlined in dashed red. */
    public byte[] renderPreviewPng(String templateId, String publicUrl, float dpi) {
        return pagePng(renderSample(templateId, publicUrl), 1, dpi, true);
    }

    /**
     * Renders one page of a document to PNG with PDFBox.
     *
     * @param markSealFields draw the seal fields as dashed red circles (previews only; the PDF has no such marks)
     */
    public static byte[] pagePng(RenderedDocument document, int page, float dpi, boolean markSealFields) {
        if (page < 1 || page > document.pageCount()) {
            throw new IllegalArgumentException("page " + page + " not in 1.." + document.pageCount());
        }
        try (PDDocument pdf = Loader.loadPDF(document.pdf())) {
            BufferedImage image = new PDFRenderer(pdf).renderImageWithDPI(page - 1, dpi, ImageType.RGB);
            if (markSealFields) {
                double pageHeightMm = pdf.getPage(page - 1).getMediaBox().getHeight() / MmRect.PT_PER_MM;
                double px = dpi / 25.4;
                Graphics2D g = image.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setColor(new Color(230, 0, 0, 160));
                g.setStroke(new BasicStroke(Math.max(1f, dpi / 72f), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {4 * dpi / 72f, 3 * dpi / 72f}, 0f));
                for (SealField seal : document.sealFields()) {
                    if (seal.page() != page) {
                        continue;
                    }
                    MmRect r = seal.rect();
                    g.drawOval((int) Math.round(r.x() * px), (int) Math.round((pageHeightMm - r.y() - r.height()) * px),
                            (int) Math.round(r.width() * px), (int) Math.round(r.height() * px));
                }
                g.dispose();
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot render page " + page, e);
        }
    }

    /** A stable file id: a hash of everything that goes into the document. */
    private static byte[] documentId(TemplateDefinition d, ResolvedData data) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            update(sha, d.id());
            update(sha, d.title());
            update(sha, Integer.toString(d.layout().hashCode()));
            for (Map.Entry<String, String> e : new TreeMap<>(data.values()).entrySet()) {
                update(sha, e.getKey());
                update(sha, e.getValue());
            }
            for (TableSpec t : d.tables()) {
                update(sha, t.name());
                for (List<String> row : data.tables().get(t.name())) {
                    row.forEach(cell -> update(sha, cell));
                }
            }
            update(sha, data.issuedAt().toOffsetDateTime().toString());
            return Arrays.copyOf(sha.digest(), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest sha, String s) {
        byte[] bytes = s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
        sha.update((byte) (bytes.length >>> 24));
        sha.update((byte) (bytes.length >>> 16));
        sha.update((byte) (bytes.length >>> 8));
        sha.update((byte) bytes.length);
        sha.update(bytes);
    }
}
