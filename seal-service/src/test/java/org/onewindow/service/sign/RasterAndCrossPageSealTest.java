package org.onewindow.service.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import com.itextpdf.forms.PdfAcroForm;
import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.PdfAConformance;
import com.itextpdf.kernel.pdf.PdfDictionary;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfName;
import com.itextpdf.kernel.pdf.PdfObject;
import com.itextpdf.kernel.pdf.PdfOutputIntent;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfStream;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.pdfa.PdfADocument;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureScopeType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.seal.image.ImportedSealImage;
import org.onewindow.service.seal.image.RasterSeal;
import org.onewindow.service.seal.image.SealImageImporter;
import org.onewindow.service.seal.image.SealImageSpec;
import org.onewindow.service.seal.image.SealLayout;
import org.onewindow.service.seal.image.SealPdfRenderer;
import org.onewindow.service.seal.image.SealPngRenderer;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.results.ValidationResult;

/**
 * Seals whose look is an imported raster PNG (image XObject with SMask, Multiply), and the 骑缝章: a slice of the
 * seal on the right edge of every page in the signed revision. Checked with pdfsig, EU DSS, qpdf, veraPDF and by
 * rendering the pages with poppler.
 */
class RasterAndCrossPageSealTest {
    static final int DPI = 100;

    @TempDir
    static Path dir;
    static SealingFixture pki;
    static Path nss;
    static SealIdentity vector;
    static SealIdentity raster;

    @BeforeAll
    static void setUp() throws Exception {
        VeraGreenfieldFoundryProvider.initialise();
        pki = new SealingFixture(dir);
        nss = PdfOracles.nssDb(dir, pki.rootPem);
        vector = pki.acceptanceSeal();
        // the seal-import path: a transparent PNG upload, checked and normalised by the importer
        SealLayout layout = SealLayout.compute(SealImageSpec.specialSeal("敦煌市行政服务中心", "审批专用章"));
        ImportedSealImage imported = new SealImageImporter().importImage(new SealPngRenderer().renderPng(layout, 300));
        raster = pki.seal("敦煌市行政服务中心", "审批专用章", org.onewindow.service.keys.KeySpec.RSA_2048)
                .withImage(new RasterSeal(imported.png(), imported.widthMm().orElseThrow(),
                        imported.widthMm().orElseThrow() * imported.heightPx() / imported.widthPx()));
        assertTrue(raster.appearance().isEmpty());
    }

    static Path pdfa(Path file, int pages) throws Exception {
        byte[] srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        try (PdfADocument pdf = new PdfADocument(new PdfWriter(file.toString()), PdfAConformance.PDF_A_2B,
                new PdfOutputIntent("Custom", "", "http://www.color.org", "sRGB IEC61966-2.1",
                        new ByteArrayInputStream(srgb)))) {
            SampleDocuments.write(pdf, pages, true);
        }
        return file;
    }

    @Test
    void importedPngSealIsDrawnAsImageWithSoftMaskAndPdfaStaysPdfa() throws Exception {
        Path input = pdfa(dir.resolve("raster-in.pdf"), 1);
        Path output = dir.resolve("raster-sealed.pdf");
        SealResult result = pki.sealer().seal(input, output, raster, SealRequest.of(PadesLevel.B_T,
                new SealPlacement.Anchor(SampleDocuments.ANCHOR), "办结", "敦煌市行政服务中心"));

        ValidationResult vera = PdfaSealingTest.veraPdf(output);
        assertTrue(vera.isCompliant(), PdfaSealingTest.failures(vera));
        assertEquals("2b", vera.getPDFAFlavour().getId());
        String pdfsig = PdfOracles.assertPdfsigValid(output, nss, 1);
        assertTrue(pdfsig.contains("Total document signed"), pdfsig);
        PdfOracles.assertQpdfClean(output);
        var dss = PdfOracles.dss(output, pki.root(), pki.publishedCrls());
        assertEquals(Indication.TOTAL_PASSED, dss.get(0).indication(), dss.toString());

        Rectangle rect;
        try (PdfDocument pdf = new PdfDocument(new PdfReader(output.toFile()))) {
            var widget = PdfAcroForm.getAcroForm(pdf, false).getField(result.fieldName()).getWidgets().get(0);
            rect = widget.getRectangle().toRectangle();
            PdfStream normal = widget.getNormalAppearanceObject() instanceof PdfStream s ? s : null;
            assertNotNull(normal, "the signature widget has a normal appearance stream");
            List<PdfStream> images = new ArrayList<>();
            List<PdfDictionary> states = new ArrayList<>();
            collect(normal, images, states, 0);
            assertEquals(1, images.size(), "one image XObject in the appearance");
            PdfStream image = images.get(0);
            assertTrue(image.getAsStream(PdfName.SMask) != null, "the PNG's alpha is an SMask");
            assertEquals(PdfName.Image, image.getAsStream(PdfName.SMask).getAsName(PdfName.Subtype));
            assertTrue(states.stream().anyMatch(gs -> PdfName.Multiply.equals(gs.get(PdfName.BM))),
                    "the image is drawn with blend mode Multiply");
            assertEquals(raster.image().get().widthMm() * SealPdfRenderer.PT_PER_MM, rect.getWidth(), 0.5);
        }
        BufferedImage page = render(output).get(0);
        int[] inside = redAndDark(page, rect, pageHeight(output));
        assertTrue(inside[0] > 300, "red seal ink inside the field: " + inside[0]);
        assertTrue(inside[1] > 20, "black text under the image stays visible (Multiply): " + inside[1]);
    }

    @Test
    void crossPageSealPutsOneSliceOnEachPageInsideTheSignedRevision() throws Exception {
        int pages = 3;
        Path input = SampleDocuments.notice(dir.resolve("cross-in.pdf"), pages, false);
        Path output = dir.resolve("cross-sealed.pdf");
        double side = vector.appearance().get().spec().diameterMm();
        // the whole seal also appears on page 1 (top left), as the reference for what the slices add up to
        pki.sealer().seal(input, output, vector, SealRequest.of(PadesLevel.B_T,
                new SealPlacement.PageArea(1, 20, 20, side, side), "受理", "敦煌市行政服务中心")
                .withCrossPage(CrossPageSeal.on(CrossPageSeal.Edge.RIGHT)));

        String pdfsig = PdfOracles.assertPdfsigValid(output, nss, 1);
        assertTrue(pdfsig.contains("Total document signed"), pdfsig);
        PdfOracles.assertQpdfClean(output);
        var dss = PdfOracles.dss(output, pki.root(), pki.publishedCrls());
        assertEquals(1, dss.size(), dss.toString());
        assertEquals(Indication.TOTAL_PASSED, dss.get(0).indication(), dss.toString());
        assertEquals(SignatureScopeType.FULL, dss.get(0).scopes().get(0), dss.toString());
        // exactly one revision was added, and it holds both the slices and the signature
        String text = new String(Files.readAllBytes(output), StandardCharsets.ISO_8859_1);
        assertEquals(Files.readString(input, StandardCharsets.ISO_8859_1).split("%%EOF", -1).length,
                text.split("%%EOF", -1).length - 1);

        List<BufferedImage> rendered = render(output);
        assertEquals(pages, rendered.size());
        float sidePt = (float) (side * SealPdfRenderer.PT_PER_MM);
        float pageWidth;
        float pageHeight;
        try (PdfDocument pdf = new PdfDocument(new PdfReader(output.toFile()))) {
            pageWidth = pdf.getPage(1).getCropBox().getWidth();
            pageHeight = pdf.getPage(1).getCropBox().getHeight();
        }
        Rectangle whole = new Rectangle((float) (20 * SealPdfRenderer.PT_PER_MM),
                pageHeight - (float) (20 * SealPdfRenderer.PT_PER_MM) - sidePt, sidePt, sidePt);
        int wholeRed = redAndDark(rendered.get(0), whole, pageHeight)[0];
        assertTrue(wholeRed > 1000, "reference seal: " + wholeRed);
        int sum = 0;
        List<Integer> perPage = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            float slice = sidePt / pages;
            Rectangle band = new Rectangle(pageWidth - slice - 1, (pageHeight - sidePt) / 2 - 1, slice + 1,
                    sidePt + 2);
            int red = redAndDark(rendered.get(i), band, pageHeight)[0];
            perPage.add(red);
            sum += red;
            // nothing red next to the band: the slice is clipped
            Rectangle beside = new Rectangle(pageWidth - 3 * slice, (pageHeight - sidePt) / 2, slice, sidePt);
            assertEquals(0, redAndDark(rendered.get(i), beside, pageHeight)[0], "page " + (i + 1) + " beside band");
        }
        for (int red : perPage) {
            assertTrue(red > wholeRed / 10, "every page carries its slice: " + perPage + " of " + wholeRed);
        }
        assertEquals(wholeRed, sum, wholeRed * 0.15, "the slices add up to one seal: " + perPage);
        // the slices differ: page 1 has the seal's left edge, page 3 its right edge, page 2 the middle
        assertFalse(perPage.get(0).equals(perPage.get(1)) && perPage.get(1).equals(perPage.get(2)));
    }

    @Test
    void crossPageOnPdfaWithImportedImageStaysPdfa() throws Exception {
        Path input = pdfa(dir.resolve("cross-pdfa-in.pdf"), 2);
        Path output = dir.resolve("cross-pdfa-sealed.pdf");
        pki.sealer().seal(input, output, raster, SealRequest.of(PadesLevel.B_T,
                new SealPlacement.Field(SampleDocuments.FIELD), "办结", "敦煌市行政服务中心")
                .withCrossPage(CrossPageSeal.on(CrossPageSeal.Edge.RIGHT)));
        ValidationResult vera = PdfaSealingTest.veraPdf(output);
        assertTrue(vera.isCompliant(), PdfaSealingTest.failures(vera));
        String pdfsig = PdfOracles.assertPdfsigValid(output, nss, 1);
        assertTrue(pdfsig.contains("Total document signed"), pdfsig);
        var dss = PdfOracles.dss(output, pki.root(), pki.publishedCrls());
        assertEquals(Indication.TOTAL_PASSED, dss.get(0).indication(), dss.toString());
        float pageWidth;
        float pageHeight;
        try (PdfDocument pdf = new PdfDocument(new PdfReader(output.toFile()))) {
            pageWidth = pdf.getPage(1).getCropBox().getWidth();
            pageHeight = pdf.getPage(1).getCropBox().getHeight();
        }
        float slice = (float) (raster.image().get().widthMm() * SealPdfRenderer.PT_PER_MM) / 2;
        float height = (float) (raster.image().get().heightMm() * SealPdfRenderer.PT_PER_MM);
        List<BufferedImage> rendered = render(output);
        for (int i = 0; i < 2; i++) {
            Rectangle band = new Rectangle(pageWidth - slice, (pageHeight - height) / 2, slice, height);
            assertTrue(redAndDark(rendered.get(i), band, pageHeight)[0] > 200, "page " + (i + 1) + " has its slice");
        }
    }

    @Test
    void crossPageRefusals() throws Exception {
        Path onePage = SampleDocuments.notice(dir.resolve("one.pdf"), 1, false);
        Path out = dir.resolve("refused.pdf");
        SealRequest cross = SealRequest.of(PadesLevel.B_B, new SealPlacement.Invisible(), "", "")
                .withCrossPage(CrossPageSeal.on(CrossPageSeal.Edge.RIGHT));
        assertThrows(SealPlacementException.class, () -> pki.sealer().seal(onePage, out, vector, cross));
        Path twoPages = SampleDocuments.notice(dir.resolve("two.pdf"), 2, false);
        SealIdentity noLook = new SealIdentity(vector.custody(), vector.key(), vector.chain(),
                java.util.Optional.empty());
        assertThrows(SealPlacementException.class, () -> pki.sealer().seal(twoPages, out, noLook, cross));
        Path signed = dir.resolve("two-signed.pdf");
        pki.sealer().seal(twoPages, signed, vector, SealRequest.of(PadesLevel.B_B, new SealPlacement.Invisible(),
                "", ""));
        DocumentLockedException locked = assertThrows(DocumentLockedException.class,
                () -> pki.sealer().seal(signed, out, vector, cross));
        assertTrue(locked.getMessage().contains("first seal"), locked.getMessage());
        assertFalse(Files.exists(out));
        // a refused seal leaves an existing output file as it was (it is created only once the signature is done)
        Path existing = Files.writeString(dir.resolve("existing.pdf"), "earlier output");
        assertThrows(DocumentLockedException.class, () -> pki.sealer().seal(signed, existing, vector, cross));
        assertEquals("earlier output", Files.readString(existing));
    }

    /** Image XObjects and ExtGStates reachable from a form XObject's resources. */
    static void collect(PdfStream form, List<PdfStream> images, List<PdfDictionary> states, int depth) {
        PdfDictionary resources = form.getAsDictionary(PdfName.Resources);
        if (resources == null || depth > 5) {
            return;
        }
        PdfDictionary gs = resources.getAsDictionary(PdfName.ExtGState);
        if (gs != null) {
            for (PdfName name : gs.keySet()) {
                states.add(gs.getAsDictionary(name));
            }
        }
        PdfDictionary xObjects = resources.getAsDictionary(PdfName.XObject);
        if (xObjects != null) {
            for (PdfName name : xObjects.keySet()) {
                PdfObject object = xObjects.get(name);
                if (object instanceof PdfStream stream) {
                    if (PdfName.Image.equals(stream.getAsName(PdfName.Subtype))) {
                        images.add(stream);
                    } else {
                        collect(stream, images, states, depth + 1);
                    }
                }
            }
        }
    }

    static float pageHeight(Path pdf) throws Exception {
        try (PdfDocument document = new PdfDocument(new PdfReader(pdf.toFile()))) {
            return document.getPage(1).getCropBox().getHeight();
        }
    }

    /** Every page rendered by poppler at {@link #DPI}. */
    static List<BufferedImage> render(Path pdf) throws Exception {
        Path prefix = dir.resolve(pdf.getFileName() + "-page");
        PdfOracles.Run run = PdfOracles.run(dir, "pdftoppm", "-r", String.valueOf(DPI), "-png", pdf.toString(),
                prefix.toString());
        assertEquals(0, run.exit(), run.output());
        List<BufferedImage> pages = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix.getFileName() + "-"))
                    .sorted().toList()) {
                pages.add(ImageIO.read(file.toFile()));
            }
        }
        return pages;
    }

    /** {red, dark} pixel counts inside {@code rect} (PDF points, origin bottom left). */
    static int[] redAndDark(BufferedImage page, Rectangle rect, float pageHeight) {
        double k = DPI / 72.0;
        int x0 = Math.max(0, (int) Math.floor(rect.getX() * k));
        int x1 = Math.min(page.getWidth(), (int) Math.ceil((rect.getX() + rect.getWidth()) * k));
        int y0 = Math.max(0, (int) Math.floor((pageHeight - rect.getY() - rect.getHeight()) * k));
        int y1 = Math.min(page.getHeight(), (int) Math.ceil((pageHeight - rect.getY()) * k));
        int red = 0;
        int dark = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = page.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r > 150 && g < 110 && b < 110) {
                    red++;
                }
                if (r < 60 && g < 60 && b < 60) {
                    dark++;
                }
            }
        }
        return new int[] {red, dark};
    }
}
