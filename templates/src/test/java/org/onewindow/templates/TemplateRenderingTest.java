package org.onewindow.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.itextpdf.barcodes.BarcodeQRCode;
import com.itextpdf.barcodes.qrcode.EncodeHintType;
import com.itextpdf.barcodes.qrcode.ErrorCorrectionLevel;
import com.itextpdf.kernel.colors.ColorConstants;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every default template, rendered with its sample data, checked with independent tools (veraPDF, PDFBox). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplateRenderingTest {
    private final TemplateRenderer renderer = new TemplateRenderer(TemplateCatalog.defaults());
    private final Map<String, RenderedDocument> rendered = new HashMap<>();

    Stream<String> templateIds() {
        return new ClasspathTemplateSource().templateIds().stream();
    }

    private RenderedDocument sample(String id) {
        return rendered.computeIfAbsent(id, t -> renderer.renderSample(t, Samples.PUBLIC_URL));
    }

    @ParameterizedTest
    @MethodSource("templateIds")
    void isValidPdfA2u(String id) {
        List<String> failures = PdfA.failures(sample(id).pdf());
        assertTrue(failures.isEmpty(), id + " violates PDF/A-2u: " + String.join("\n", failures));
    }

    @ParameterizedTest
    @MethodSource("templateIds")
    void everyFieldValueIsFoundAgainByTextExtraction(String id) throws Exception {
        TemplateDefinition d = renderer.catalog().get(id);
        RenderRequest request = renderer.sampleRequest(id, Samples.PUBLIC_URL);
        String text = PdfInspection.withoutSpaces(PdfInspection.text(sample(id).pdf()));
        List<String> expected = new ArrayList<>(Samples.displayedValues(d, request));
        Map<String, String> values = Samples.values(d, request);
        d.layout().stream().filter(b -> "title".equals(b.type()))
                .forEach(b -> expected.addAll(Placeholders.fill(b.text(), values::get).lines().toList()));
        expected.add(request.verificationId());
        expected.add(sample(id).verifyUrl());
        assertTrue(expected.size() > 4, "sample of " + id + " is too small to mean anything");
        for (String value : expected) {
            assertTrue(text.contains(PdfInspection.withoutSpaces(value)), id + ": \"" + value + "\" not found in extracted text");
        }
    }

    @ParameterizedTest
    @MethodSource("templateIds")
    void fontsAreEmbeddedSubsetsAndTextStaysInTheTextBlock(String id) throws Exception {
        byte[] pdf = sample(id).pdf();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            for (PDPage page : doc.getPages()) {
                assertEquals(595.28, page.getMediaBox().getWidth(), 0.5, "A4 width");
                assertEquals(841.89, page.getMediaBox().getHeight(), 0.5, "A4 height");
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertTrue(font.isEmbedded(), id + ": font " + font.getName() + " not embedded");
                    assertTrue(font.getName().matches("[A-Z]{6}\\+.+"), id + ": font " + font.getName() + " not a subset");
                }
            }
        }
        for (int page = 1; page <= sample(id).pageCount(); page++) {
            double[] box = PdfInspection.textBounds(pdf, page, 35); // above the footer band
            assertTrue(box[0] >= 28 - 0.5, id + " p" + page + ": text left of the 28 mm margin: " + box[0]);
            assertTrue(box[2] <= 210 - 26 + 0.5, id + " p" + page + ": text right of the 26 mm margin: " + box[2]);
            assertTrue(box[3] <= 297 - 37 + 1, id + " p" + page + ": text above the 37 mm margin: " + (297 - box[3]));
        }
    }

    @ParameterizedTest
    @MethodSource("templateIds")
    void sealFieldsAreEmptySignatureFieldsWhereTheLayoutSays(String id) throws Exception {
        TemplateDefinition d = renderer.catalog().get(id);
        RenderedDocument doc = sample(id);
        List<PdfInspection.Widget> widgets = PdfInspection.signatureWidgets(doc.pdf());
        assertEquals(d.seals().size(), doc.sealFields().size(), id + ": one seal field per seal");
        assertEquals(doc.sealFields().size(), widgets.size(), id + ": signature fields in the PDF");
        for (SealField seal : doc.sealFields()) {
            PdfInspection.Widget w = widgets.stream().filter(x -> x.name().equals(seal.name())).findFirst().orElseThrow();
            assertEquals(seal.page(), w.page(), seal.name() + " page");
            assertEquals(seal.rect().x(), w.x(), 0.05, seal.name() + " x");
            assertEquals(seal.rect().y(), w.y(), 0.05, seal.name() + " y");
            assertEquals(seal.rect().width(), w.w(), 0.05, seal.name() + " width");
            assertEquals(d.seal(seal.name()).orElseThrow().sizeMm(), w.w(), 0.05, seal.name() + " size");
            assertFalse(w.signed(), seal.name() + " must be empty");
            assertTrue(w.printable() && w.hasAppearance(), seal.name() + " must be printable with an appearance (PDF/A)");
            assertTrue(w.x() >= 0 && w.y() >= 0 && w.x() + w.w() <= 210 && w.y() + w.h() <= 297, seal.name() + " off the page");
        }
        for (int i = 0; i < widgets.size(); i++) {
            for (int j = i + 1; j < widgets.size(); j++) {
                PdfInspection.Widget a = widgets.get(i), b = widgets.get(j);
                boolean overlap = a.page() == b.page() && a.x() < b.x() + b.w() && b.x() < a.x() + a.w()
                        && a.y() < b.y() + b.h() && b.y() < a.y() + a.h();
                assertFalse(overlap, id + ": seals " + a.name() + " and " + b.name() + " overlap");
            }
        }
        // each seal covers the text the layout puts it over
        Map<String, String> values = Samples.values(d, renderer.sampleRequest(id, Samples.PUBLIC_URL));
        for (LayoutBlock block : d.layout()) {
            if ("issuer".equals(block.type())) {
                assertCovers(doc, block.seal(), Placeholders.fill(block.organization(), values::get));
                assertCovers(doc, block.seal(), Placeholders.fill(block.date(), values::get));
                if (block.coSeal() != null) {
                    assertCovers(doc, block.coSeal(), Placeholders.fill(block.coOrganization(), values::get));
                }
            }
            if ("signatures".equals(block.type())) {
                for (LayoutBlock.SignatureBox box : block.boxes()) {
                    assertCovers(doc, box.seal(), Placeholders.fill(box.lines().get(box.lines().size() - 1), values::get));
                }
            }
        }
    }

    private static void assertCovers(RenderedDocument doc, String sealName, String text) throws Exception {
        SealField seal = doc.sealFields().stream().filter(s -> s.name().equals(sealName)).findFirst().orElseThrow();
        double[] box = PdfInspection.locate(doc.pdf(), seal.page(), text);
        assertNotNull(box, "\"" + text + "\" not found on page " + seal.page());
        double cx = box[0] + box[2] / 2, cy = box[1] + box[3] / 2;
        MmRect r = seal.rect();
        assertTrue(cx > r.x() && cx < r.x() + r.width() && cy > r.y() && cy < r.y() + r.height(),
                sealName + " at " + r + " does not cover \"" + text + "\" at " + Arrays.toString(box));
    }

    @ParameterizedTest
    @MethodSource("templateIds")
    void everyPageHasTheQrCodeOfTheVerificationUrlAndTheId(String id) throws Exception {
        RenderedDocument doc = sample(id);
        assertEquals(Samples.PUBLIC_URL + "/verify/" + doc.verificationId(), doc.verifyUrl());
        byte[] expected = qrStream(doc.verifyUrl());
        byte[] other = qrStream(doc.verifyUrl() + "X");
        assertFalse(Arrays.equals(expected, other), "QR streams must depend on the URL for this check to mean anything");
        try (PDDocument pdf = Loader.loadPDF(doc.pdf())) {
            assertEquals(doc.pageCount(), pdf.getNumberOfPages());
        }
        for (int page = 1; page <= doc.pageCount(); page++) {
            boolean found = PdfInspection.formXObjectStreams(doc.pdf(), page).stream().anyMatch(s -> Arrays.equals(s, expected));
            assertTrue(found, id + ": no QR code for " + doc.verifyUrl() + " on page " + page);
            assertNotNull(PdfInspection.locate(doc.pdf(), page, doc.verificationId()), "verification id on page " + page);
        }
    }

    /** The drawing iText's QR encoder makes for a URL, to compare with the one in the document. */
    private static byte[] qrStream(String url) throws Exception {
        try (PdfDocument scratch = new PdfDocument(new PdfWriter(new ByteArrayOutputStream()))) {
            BarcodeQRCode qr = new BarcodeQRCode(url, Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.CHARACTER_SET, "UTF-8"));
            return qr.createFormXObject(ColorConstants.BLACK, scratch).getPdfObject().getBytes();
        }
    }
}
