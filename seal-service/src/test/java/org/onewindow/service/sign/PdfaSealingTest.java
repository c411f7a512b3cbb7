package org.onewindow.service.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import com.itextpdf.kernel.pdf.PdfAConformance;
import com.itextpdf.kernel.pdf.PdfOutputIntent;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.pdfa.PdfADocument;
import eu.europa.esig.dss.enumerations.Indication;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.results.ValidationResult;

/** A PDF/A-2b notice stays PDF/A-2b after sealing (veraPDF), with a visible seal drawn in Multiply blend mode. */
class PdfaSealingTest {
    @TempDir
    static Path dir;
    static SealingFixture pki;

    @BeforeAll
    static void setUp() throws Exception {
        VeraGreenfieldFoundryProvider.initialise();
        pki = new SealingFixture(dir);
    }

    static Path pdfaNotice(Path file) throws Exception {
        byte[] srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        try (PdfADocument pdf = new PdfADocument(new PdfWriter(file.toString()), PdfAConformance.PDF_A_2B,
                new PdfOutputIntent("Custom", "", "http://www.color.org", "sRGB IEC61966-2.1",
                        new ByteArrayInputStream(srgb)))) {
            SampleDocuments.write(pdf, 1, true);
        }
        return file;
    }

    static ValidationResult veraPdf(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file);
             PDFAParser parser = Foundries.defaultInstance().createParser(in)) {
            PDFAValidator validator = Foundries.defaultInstance().createValidator(parser.getFlavour(), false);
            return validator.validate(parser);
        }
    }

    static String failures(ValidationResult result) {
        return result.getTestAssertions().stream()
                .filter(a -> a.getStatus() != org.verapdf.pdfa.results.TestAssertion.Status.PASSED)
                .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + ": " + a.getMessage())
                .distinct().limit(20).collect(Collectors.joining("\n"));
    }

    @Test
    void pdfaStaysPdfaAfterSealingAtEveryVisiblePlacement() throws Exception {
        Path input = pdfaNotice(dir.resolve("pdfa.pdf"));
        ValidationResult before = veraPdf(input);
        assertTrue(before.isCompliant(), failures(before));
        assertEquals("2b", before.getPDFAFlavour().getId());

        Path first = dir.resolve("pdfa-sealed-1.pdf");
        Path second = dir.resolve("pdfa-sealed-2.pdf");
        pki.sealer().seal(input, first, pki.acceptanceSeal(), SealRequest.of(PadesLevel.B_T,
                new SealPlacement.Anchor(SampleDocuments.ANCHOR), "受理", "敦煌市行政服务中心"));
        pki.sealer().seal(first, second, pki.seal("敦煌市行政服务中心", "审批专用章",
                org.onewindow.service.keys.KeySpec.EC_P256), SealRequest.of(PadesLevel.B_LT,
                new SealPlacement.Field(SampleDocuments.FIELD), "办结", "敦煌市行政服务中心"));

        ValidationResult after = veraPdf(second);
        assertTrue(after.isCompliant(), failures(after));
        assertEquals("2b", after.getPDFAFlavour().getId());
        PdfOracles.assertPdfsigValid(second, PdfOracles.nssDb(dir, pki.rootPem), 2);
        PdfOracles.assertQpdfClean(second);
        var dss = PdfOracles.dss(second, pki.root(), pki.publishedCrls());
        dss.forEach(s -> assertEquals(Indication.TOTAL_PASSED, s.indication(), dss.toString()));
    }
}
