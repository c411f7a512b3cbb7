package org.onewindow.service.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.stream.Collectors;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.StampingProperties;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.sign.PadesLevel;
import org.onewindow.templates.FontConfig;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** The report for people, as HTML and as PDF/A-2u, from real verifications. */
class ReportRendererTest {
    @TempDir
    static Path dir;
    static VerifyFixture fixture;
    static VerificationReport passed;
    static VerificationReport failed;
    static final VerificationReportRenderer RENDERER = new VerificationReportRenderer(FontConfig.debianDefaults(),
            Clock.systemUTC());
    static final VerificationReportRenderer.SealLookup SEALS = cert -> Optional.of("受理专用章（印章编号 center-acceptance）");

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new VerifyFixture(dir);
        Path sealed = fixture.sealed(fixture.notice("notice.pdf"), fixture.seal("敦煌市行政服务中心", "受理专用章"),
                PadesLevel.B_LT, "lt.pdf");
        passed = PdfVerifier.verify(sealed, fixture.policy());
        Path changed = dir.resolve("page-added.pdf");
        try (PdfDocument pdf = new PdfDocument(new PdfReader(sealed.toFile()), new PdfWriter(changed.toFile()),
                new StampingProperties().useAppendMode())) {
            pdf.addNewPage();
        }
        failed = PdfVerifier.verify(changed, fixture.policy());
        assertTrue(passed.passed());
        assertFalse(failed.passed());
    }

    @Test
    void htmlIsSelfContainedChineseAndNamesEverything() {
        String html = RENDERER.html(passed, SEALS, "受理通知书<1>.pdf");
        assertTrue(html.startsWith("<!DOCTYPE html><html lang=\"zh-CN\">"));
        for (String expected : new String[] {"电子签章验证报告", "验证结论：通过（TOTAL_PASSED）", passed.summary(),
                passed.sha256(), "受理专用章", "敦煌市行政服务中心", "受理专用章（印章编号 center-acceptance）",
                "PAdES-BASELINE-LT", "可信时间戳", "未吊销；来源：文件内嵌的 OCSP 响应", "可信：链接到受信任的根证书",
                "受理通知书&lt;1&gt;.pdf"}) {
            assertTrue(html.contains(expected), expected + " missing in " + html);
        }
        // nothing is fetched from anywhere: no scripts, links, images, frames or CSS URLs
        for (String forbidden : new String[] {"<script", "src=", "href=", "url(", "@import", "<link", "<img"}) {
            assertFalse(html.contains(forbidden), forbidden);
        }
    }

    @Test
    void htmlOfAFailedVerificationSaysWhatChanged() {
        String html = RENDERER.html(failed, VerificationReportRenderer.NO_REGISTRY, null);
        assertTrue(html.contains("未通过（TOTAL_FAILED）"), html);
        assertTrue(html.contains("DISALLOWED_MODIFICATION"), html);
        assertTrue(html.contains("页数变化（不允许）"), html);
        assertTrue(html.contains("page count changed from 2 to 3"), html);
        assertTrue(html.contains("未查询（离线验证，无印章登记库）"), html);
    }

    @Test
    void pdfIsPdfA2uWithEmbeddedChineseFontsAndTheSameContent() throws Exception {
        byte[] pdf = RENDERER.pdf(failed, SEALS, "受理通知书.pdf");
        Path file = Files.write(dir.resolve("report.pdf"), pdf);
        assertPdfA2u(file);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
            for (String expected : new String[] {"电子签章验证报告", "未通过（TOTAL_FAILED）", "受理专用章", "页数变化（不允许）",
                    "受理通知书.pdf", "敦煌市行政服务中心"}) {
                assertTrue(text.contains(expected), expected + " missing in " + text);
            }
            assertTrue(text.contains(failed.sha256().substring(0, 32)), text);
            for (var page : document.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    var descriptor = font.getFontDescriptor();
                    assertTrue(descriptor != null && (descriptor.getFontFile2() != null
                            || descriptor.getFontFile3() != null), font.getName() + " is not embedded");
                }
            }
        }
    }

    @Test
    void formatsParse() {
        assertEquals(Optional.of(VerificationReportRenderer.Format.PDF), VerificationReportRenderer.Format.parse("PDF"));
        assertEquals(Optional.of(VerificationReportRenderer.Format.HTML), VerificationReportRenderer.Format.parse("html"));
        assertEquals(Optional.empty(), VerificationReportRenderer.Format.parse("docx"));
        assertTrue(VerificationReportRenderer.fileName(passed, VerificationReportRenderer.Format.PDF)
                .matches("验证报告-[0-9a-f]{8}\\.pdf"));
    }

    /** veraPDF as the independent PDF/A oracle. */
    static void assertPdfA2u(Path pdf) {
        VeraGreenfieldFoundryProvider.initialise();
        PDFAFlavour flavour = PDFAFlavour.PDFA_2_U;
        try (InputStream in = Files.newInputStream(pdf);
             PDFAParser parser = Foundries.defaultInstance().createParser(in, flavour);
             PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false)) {
            ValidationResult result = validator.validate(parser);
            String failures = result.getTestAssertions().stream()
                    .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
                    .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + ": " + a.getMessage())
                    .distinct().collect(Collectors.joining("\n"));
            assertTrue(result.isCompliant(), "veraPDF PDF/A-2u failures:\n" + failures);
        } catch (Exception e) {
            throw new AssertionError("veraPDF could not validate " + pdf + ": " + e, e);
        }
    }
}
