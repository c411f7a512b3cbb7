package org.onewindow.service.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.itextpdf.kernel.colors.ColorConstants;
import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfString;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.StampingProperties;
import com.itextpdf.kernel.pdf.annot.PdfTextAnnotation;
import com.itextpdf.kernel.pdf.canvas.PdfCanvas;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.pki.RevocationReason;
import org.onewindow.service.sign.CertificationLevel;
import org.onewindow.service.sign.PadesLevel;
import org.onewindow.service.sign.SealIdentity;
import org.onewindow.service.sign.SealPlacement;
import org.onewindow.service.sign.SealRequest;
import org.onewindow.service.sign.PdfSealer;
import org.onewindow.service.verify.VerificationReport.ChangeType;
import org.onewindow.service.verify.VerificationReport.SignatureReport;

/** The verifier on the sealer's real outputs and on attack variants of them. */
class PdfVerifierTest {
    @TempDir
    static Path dir;
    static VerifyFixture fixture;
    static SealIdentity acceptance;
    static Path bb;
    static Path bt;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new VerifyFixture(dir);
        acceptance = fixture.seal("敦煌市行政服务中心", "受理专用章");
        Path notice = fixture.notice("notice.pdf");
        bb = fixture.sealed(notice, acceptance, PadesLevel.B_B, "bb.pdf");
        bt = fixture.sealed(notice, acceptance, PadesLevel.B_T, "bt.pdf");
    }

    private static VerificationReport verify(Path pdf) {
        return PdfVerifier.verify(pdf, fixture.policy());
    }

    private static VerificationReport verify(byte[] pdf, String name) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, pdf);
        return verify(file);
    }

    private static void assertNotPassed(VerificationReport report, SubIndication expected) {
        assertNotEquals(Indication.TOTAL_PASSED, report.indication(), report.summary());
        assertEquals(Optional.of(expected), report.subIndication(), report.summary() + " " + report.signatures());
        assertFalse(report.summary().startsWith("文件完整"), report.summary());
    }

    // ---- valid documents -------------------------------------------------------------------------------

    @Test
    void baselineBPasses() throws Exception {
        VerificationReport report = verify(bb);
        assertEquals(Indication.TOTAL_PASSED, report.indication(), report.toString());
        SignatureReport s = report.signatures().get(0);
        assertEquals(Optional.of("PAdES-BASELINE-B"), s.padesLevel());
        assertEquals(Optional.of("敦煌市行政服务中心"), s.signerOrganization());
        assertEquals(Optional.of("受理专用章"), s.signerSubject());
        assertTrue(s.digestIntact() && s.signatureValueValid() && s.chainTrusted() && s.coversWholeFile());
        assertTrue(s.claimedSigningTime().isPresent());
        assertTrue(s.timeStamp().isEmpty());
        assertEquals(1, report.signatures().size());
        assertTrue(report.summary().startsWith("文件完整，未被篡改；共1个签章"), report.summary());
        assertTrue(report.summary().contains("受理专用章"), report.summary());
        // JSON round: the report serializes with Jackson
        String text = org.onewindow.service.web.Json.newMapper().writeValueAsString(report);
        assertTrue(text.contains("\"indication\":\"TOTAL_PASSED\""), text);
        assertTrue(text.contains("PAdES-BASELINE-B"), text);
    }

    @Test
    void baselineTHasAValidSignatureTimeStamp() {
        VerificationReport report = verify(bt);
        assertEquals(Indication.TOTAL_PASSED, report.indication(), report.toString());
        SignatureReport s = report.signatures().get(0);
        assertEquals(Optional.of("PAdES-BASELINE-T"), s.padesLevel());
        assertTrue(s.timeStamp().orElseThrow().valid());
        assertTrue(s.timeStamp().get().imprintMatches());
    }

    @Test
    void baselineLtaPasses() {
        Path lta = fixture.sealed(dir.resolve("notice.pdf"), acceptance, PadesLevel.B_LTA, "lta.pdf");
        VerificationReport report = verify(lta);
        assertEquals(Indication.TOTAL_PASSED, report.indication(), report.toString());
        assertEquals(2, report.signatures().size());
        SignatureReport s = report.signatures().get(0);
        assertEquals(Optional.of("PAdES-BASELINE-LTA"), s.padesLevel(), s.toString());
        assertEquals(VerificationReport.RevocationCheck.Status.GOOD, s.revocation().status());
        assertFalse(s.coversWholeFile());
        assertTrue(s.changesAfter().stream().allMatch(VerificationReport.Change::allowed), s.changesAfter().toString());
        assertTrue(s.changesAfter().stream().anyMatch(c -> c.type() == ChangeType.DSS_ADDED_OR_CHANGED));
        SignatureReport docTs = report.signatures().get(1);
        assertEquals(VerificationReport.Kind.DOCUMENT_TIMESTAMP, docTs.kind());
        assertTrue(docTs.coversWholeFile());
        assertTrue(docTs.timeStamp().orElseThrow().valid());
    }

    @Test
    void twoSequentialSignaturesPass() throws Exception {
        SealIdentity approval = fixture.seal("敦煌市行政服务中心", "审批专用章");
        Path first = fixture.sealed(dir.resolve("notice.pdf"), acceptance, PadesLevel.B_T, "two-1.pdf");
        Path second = dir.resolve("two-2.pdf");
        new PdfSealer(fixture.context).seal(first, second, approval, SealRequest.of(PadesLevel.B_T,
                new SealPlacement.PageArea(1, 120, 200, 40, 40), "审批", "敦煌市行政服务中心"));
        VerificationReport report = verify(second);
        assertEquals(Indication.TOTAL_PASSED, report.indication(), report.toString());
        assertEquals(2, report.signatures().size());
        assertTrue(report.summary().startsWith("文件完整，未被篡改；共2个签章，均有效："), report.summary());
        assertTrue(report.summary().contains("审批专用章") && report.summary().contains("受理专用章"));
        SignatureReport earlier = report.signatures().get(0);
        assertFalse(earlier.coversWholeFile());
        assertTrue(earlier.changesAfter().stream().anyMatch(c -> c.type() == ChangeType.SIGNATURE_FIELD_ADDED_OR_SIGNED));
        assertTrue(report.signatures().get(1).coversWholeFile());
    }

    // ---- tampering and incremental saving attacks --------------------------------------------------------

    @Test
    void aByteFlippedInsideTheSignedRangeIsAHashFailure() throws Exception {
        byte[] pdf = VerifyFixture.read(bb);
        int at = indexOf(pdf, "受理".getBytes(StandardCharsets.UTF_8), 0);
        // flip a byte of the binary comment on line 2: the file still parses, the signed bytes differ
        pdf[11] ^= 0x01;
        assertTrue(at < 0 || at > 11);
        VerificationReport report = verify(pdf, "flipped.pdf");
        assertNotPassed(report, SubIndication.HASH_FAILURE);
        assertEquals(Indication.TOTAL_FAILED, report.indication());
        assertTrue(report.summary().contains("摘要不符"), report.summary());
    }

    @Test
    void aPageAppendedAfterSigningIsNotAllowed() throws Exception {
        Path out = dir.resolve("page-added.pdf");
        try (PdfDocument pdf = new PdfDocument(new PdfReader(bb.toFile()), new PdfWriter(out.toFile()),
                new StampingProperties().useAppendMode())) {
            pdf.addNewPage();
        }
        VerificationReport report = verify(out);
        assertNotPassed(report, SubIndication.DISALLOWED_MODIFICATION);
        assertTrue(report.signatures().get(0).changesAfter().stream()
                .anyMatch(c -> c.type() == ChangeType.PAGES_ADDED_OR_REMOVED && !c.allowed()));
    }

    @Test
    void pageContentChangedAfterSigningIsNotAllowed() throws Exception {
        Path out = dir.resolve("content-changed.pdf");
        try (PdfDocument pdf = new PdfDocument(new PdfReader(bb.toFile()), new PdfWriter(out.toFile()),
                new StampingProperties().useAppendMode())) {
            new PdfCanvas(pdf.getPage(1)).setFillColor(ColorConstants.WHITE).rectangle(50, 700, 300, 60).fill();
            pdf.getPage(1).setModified();
        }
        VerificationReport report = verify(out);
        assertNotPassed(report, SubIndication.DISALLOWED_MODIFICATION);
        assertTrue(report.signatures().get(0).changesAfter().stream()
                .anyMatch(c -> c.type() == ChangeType.PAGE_CHANGED), report.signatures().toString());
        assertTrue(report.summary().startsWith("验证未通过"), report.summary());
    }

    @Test
    void redefiningThePageContentObjectInAnAppendedRevisionIsNotAllowed() throws Exception {
        // the classic incremental saving attack: the same object number, new content, in a hand-written update
        byte[] original = VerifyFixture.read(bb);
        int contentObject;
        int root;
        int size;
        long previous;
        boolean xrefStream;
        try (PdfReader reader = new PdfReader(bb.toFile()); PdfDocument pdf = new PdfDocument(reader)) {
            contentObject = pdf.getPage(1).getFirstContentStream().getIndirectReference().getObjNumber();
            root = pdf.getCatalog().getPdfObject().getIndirectReference().getObjNumber();
            size = pdf.getTrailer().getAsNumber(com.itextpdf.kernel.pdf.PdfName.Size).intValue();
            previous = reader.getLastXref();
            xrefStream = reader.hasXrefStm();
        }
        String content = "BT /F1 24 Tf 100 700 Td (VOID) Tj ET";
        String object = "\n" + contentObject + " 0 obj\n<< /Length " + content.length() + " >>\nstream\n" + content
                + "\nendstream\nendobj\n";
        long objectOffset = original.length + 1;
        long xrefOffset = original.length + object.length();
        String update = object + "xref\n0 1\n0000000000 65535 f \n" + contentObject + " 1\n"
                + String.format("%010d 00000 n \n", objectOffset) + "trailer\n<< /Size " + size + " /Root " + root
                + " 0 R /Prev " + previous + " >>\nstartxref\n" + xrefOffset + "\n%%EOF\n";
        byte[] attacked = Arrays.copyOf(original, original.length + update.length());
        System.arraycopy(update.getBytes(StandardCharsets.ISO_8859_1), 0, attacked, original.length, update.length());
        VerificationReport report = verify(attacked, "isa.pdf");
        assertNotPassed(report, SubIndication.DISALLOWED_MODIFICATION);
        assertTrue(report.signatures().get(0).changesAfter().stream()
                .anyMatch(c -> c.type() == ChangeType.PAGE_CHANGED), report.signatures() + " xref stream: " + xrefStream);
        assertTrue(report.signatures().get(0).digestIntact(), "the signed bytes themselves are untouched");
    }

    @Test
    void anAnnotationAddedAfterSigningIsNotAllowed() throws Exception {
        VerificationReport report = verify(annotate(bb, "annotated.pdf"));
        assertNotPassed(report, SubIndication.DISALLOWED_MODIFICATION);
        assertTrue(report.signatures().get(0).changesAfter().stream()
                .anyMatch(c -> c.type() == ChangeType.ANNOTATION_ADDED && !c.allowed()));
    }

    @Test
    void anAnnotationOnADocumentCertifiedForFormFillingIsNotAllowed() throws Exception {
        Path certified = certified(CertificationLevel.FORM_FILLING_AND_SIGNING, "certified-p2.pdf");
        assertEquals(Indication.TOTAL_PASSED, verify(certified).indication());
        VerificationReport report = verify(annotate(certified, "certified-p2-annotated.pdf"));
        assertNotPassed(report, SubIndication.DISALLOWED_MODIFICATION);
    }

    @Test
    void anAnnotationOnADocumentCertifiedForAnnotationsIsAllowed() throws Exception {
        Path certified = certified(CertificationLevel.ANNOTATIONS, "certified-p3.pdf");
        VerificationReport report = verify(annotate(certified, "certified-p3-annotated.pdf"));
        assertEquals(Indication.TOTAL_PASSED, report.indication(), report.toString());
        assertTrue(report.signatures().get(0).changesAfter().stream()
                .anyMatch(c -> c.type() == ChangeType.ANNOTATION_ADDED && c.allowed()));
    }

    private static Path certified(CertificationLevel level, String name) {
        Path out = dir.resolve(name);
        new PdfSealer(fixture.context).seal(dir.resolve("notice.pdf"), out, acceptance, SealRequest.of(PadesLevel.B_B,
                new SealPlacement.Anchor("（盖章）"), "出件", "敦煌市行政服务中心").withCertification(level));
        return out;
    }

    private static Path annotate(Path input, String name) throws Exception {
        Path out = dir.resolve(name);
        try (PdfDocument pdf = new PdfDocument(new PdfReader(input.toFile()), new PdfWriter(out.toFile()),
                new StampingProperties().useAppendMode())) {
            pdf.getPage(1).addAnnotation(new PdfTextAnnotation(new Rectangle(100, 600, 20, 20))
                    .setContents(new PdfString("已作废")));
        }
        return out;
    }

    @Test
    void replacingTheAppearanceOfASignedSealIsNotAllowed() throws Exception {
        Path out = dir.resolve("appearance-swapped.pdf");
        try (PdfDocument pdf = new PdfDocument(new PdfReader(bb.toFile()), new PdfWriter(out.toFile()),
                new StampingProperties().useAppendMode())) {
            var field = com.itextpdf.forms.PdfAcroForm.getAcroForm(pdf, false).getField("Seal1");
            var widget = field.getWidgets().get(0);
            widget.setNormalAppearance(new com.itextpdf.kernel.pdf.xobject.PdfFormXObject(
                    new Rectangle(10, 10)).makeIndirect(pdf).getPdfObject());
            widget.setModified();
        }
        VerificationReport report = verify(out);
        assertNotPassed(report, SubIndication.DISALLOWED_MODIFICATION);
        assertTrue(report.signatures().get(0).changesAfter().stream()
                .anyMatch(c -> c.description().contains("already signed seal")), report.signatures().toString());
    }

    // ---- universal signature forgery, wrapping, truncation ----------------------------------------------

    @Test
    void missingByteRangeIsAFormatFailure() throws Exception {
        byte[] pdf = VerifyFixture.read(bb);
        int at = indexOf(pdf, "/ByteRange".getBytes(StandardCharsets.US_ASCII), 0);
        pdf[at + 9] = 'X'; // /ByteRangX: the key is gone
        assertNotPassed(verify(pdf, "no-byterange.pdf"), SubIndication.FORMAT_FAILURE);
    }

    @Test
    void zeroByteRangeIsAFormatFailure() throws Exception {
        assertNotPassed(verify(rewriteByteRange(VerifyFixture.read(bb), "0 0 0 0"), "zero.pdf"),
                SubIndication.FORMAT_FAILURE);
    }

    @Test
    void oddByteRangeIsAFormatFailure() throws Exception {
        byte[] pdf = VerifyFixture.read(bb);
        long[] v = byteRange(pdf);
        assertNotPassed(verify(rewriteByteRange(pdf, v[0] + " " + v[1] + " " + v[2]), "odd.pdf"),
                SubIndication.FORMAT_FAILURE);
    }

    @Test
    void aByteRangeThatStopsShortOfItsRevisionIsAFormatFailure() throws Exception {
        byte[] pdf = VerifyFixture.read(bb);
        long[] v = byteRange(pdf);
        VerificationReport report = verify(rewriteByteRange(pdf, v[0] + " " + v[1] + " " + v[2] + " "
                + (v[3] - 200)), "short.pdf");
        assertNotPassed(report, SubIndication.FORMAT_FAILURE);
    }

    @Test
    void aGapWiderThanTheContentsIsSignatureWrapping() throws Exception {
        byte[] pdf = VerifyFixture.read(bb);
        long[] v = byteRange(pdf);
        // the unsigned gap swallows 20 bytes before /Contents: room for a wrapped, unsigned object
        assertNotPassed(verify(rewriteByteRange(pdf, v[0] + " " + (v[1] - 20) + " " + v[2] + " " + v[3]),
                "wrapped.pdf"), SubIndication.FORMAT_FAILURE);
    }

    @Test
    void movingTheSignedTailBehindInjectedObjectsIsSignatureWrapping() throws Exception {
        // signature wrapping: P1 + <contents> + injected objects + P2, the signed parts kept byte for byte
        byte[] pdf = VerifyFixture.read(bb);
        long[] v = byteRange(pdf);
        byte[] injected = ("\n99 0 obj\n<< /Type /Page /Contents 98 0 R >>\nendobj\n98 0 obj\n<< /Length 20 >>"
                + "\nstream\nBT (FAKE) Tj ET     \nendstream\nendobj\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] wrapped = new byte[pdf.length + injected.length];
        System.arraycopy(pdf, 0, wrapped, 0, (int) v[2]);
        System.arraycopy(injected, 0, wrapped, (int) v[2], injected.length);
        System.arraycopy(pdf, (int) v[2], wrapped, (int) v[2] + injected.length, (int) v[3]);
        // the moved tail's cross-reference offsets no longer hold: refused as malformed (422), never a verdict
        UnverifiableDocumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                UnverifiableDocumentException.class, () -> verify(wrapped, "wrapped-tail.pdf"));
        assertEquals(UnverifiableDocumentException.Reason.MALFORMED, e.reason());
    }

    @Test
    void emptyContentsIsAFormatFailure() throws Exception {
        byte[] pdf = VerifyFixture.read(bb);
        long[] v = byteRange(pdf);
        for (int i = (int) v[1] + 1; i < v[2] - 1; i++) {
            pdf[i] = '0';
        }
        assertNotPassed(verify(pdf, "empty-contents.pdf"), SubIndication.FORMAT_FAILURE);
    }

    @Test
    void cuttingTheLastRevisionIsNotPassed() throws Exception {
        Path lta = fixture.sealed(dir.resolve("notice.pdf"), acceptance, PadesLevel.B_LTA, "lta-cut.pdf");
        byte[] pdf = VerifyFixture.read(lta);
        VerificationReport report = verify(Arrays.copyOf(pdf, pdf.length - 300), "truncated.pdf");
        assertNotEquals(Indication.TOTAL_PASSED, report.indication(), report.toString());
    }

    // ---- trust and revocation ---------------------------------------------------------------------------

    @Test
    void aSealFromAnotherCaHasNoTrustedChain() throws Exception {
        VerifyFixture other = new VerifyFixture(Files.createDirectories(dir.resolve("other-ca")));
        Path foreign = other.sealed(dir.resolve("notice.pdf"), other.seal("某某公司", "合同专用章"), PadesLevel.B_B,
                "foreign.pdf");
        VerificationReport report = verify(foreign);
        assertNotPassed(report, SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
        assertEquals(Indication.INDETERMINATE, report.indication());
        // and trusted when its own root is the anchor
        assertEquals(Indication.TOTAL_PASSED, PdfVerifier.verify(foreign, other.policy()).indication());
    }

    @Test
    void aSealRevokedBeforeSigningIsRevoked() throws Exception {
        SealIdentity revoked = fixture.seal("敦煌市行政服务中心", "受理专用章");
        fixture.registry.revoke(fixture.hierarchy.issuing().id(), revoked.certificate().getSerialNumber(),
                RevocationReason.KEY_COMPROMISE);
        Path out = fixture.sealed(dir.resolve("notice.pdf"), revoked, PadesLevel.B_LT, "revoked.pdf",
                fixture.uncheckedContext);
        VerificationReport report = verify(out);
        assertNotPassed(report, SubIndication.REVOKED);
        assertEquals(Indication.TOTAL_FAILED, report.indication());
        assertEquals(VerificationReport.RevocationCheck.Status.REVOKED, report.signatures().get(0).revocation().status());
    }

    @Test
    void aVerificationOverTheTimeLimitIsAbandoned() {
        // B-LTA: two signatures, revision comparison, CRL/OCSP checks: far more than a millisecond of work
        Path lta = fixture.sealed(dir.resolve("notice.pdf"), acceptance, PadesLevel.B_LTA, "lta-slow.pdf");
        UnverifiableDocumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                UnverifiableDocumentException.class,
                () -> PdfVerifier.verify(lta, fixture.policy().withTimeout(java.time.Duration.ofMillis(1))));
        assertEquals(UnverifiableDocumentException.Reason.TIMEOUT, e.reason());
        assertEquals(422, e.status());
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private static final Pattern BYTE_RANGE = Pattern.compile("/ByteRange\\s*\\[([0-9 ]+)\\]");

    static long[] byteRange(byte[] pdf) {
        Matcher m = BYTE_RANGE.matcher(new String(pdf, StandardCharsets.ISO_8859_1));
        assertTrue(m.find());
        return Arrays.stream(m.group(1).trim().split("\\s+")).mapToLong(Long::parseLong).toArray();
    }

    /** Replaces the numbers of the (only) /ByteRange in place, padding with spaces so no offset moves. */
    static byte[] rewriteByteRange(byte[] pdf, String numbers) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        Matcher m = BYTE_RANGE.matcher(text);
        assertTrue(m.find());
        int width = m.group(1).length();
        assertTrue(numbers.length() <= width);
        String replacement = numbers + " ".repeat(width - numbers.length());
        byte[] out = pdf.clone();
        System.arraycopy(replacement.getBytes(StandardCharsets.ISO_8859_1), 0, out, m.start(1), width);
        return out;
    }

    static int indexOf(byte[] data, byte[] needle, int from) {
        outer:
        for (int i = from; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
