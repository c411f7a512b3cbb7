package org.onewindow.service.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.itextpdf.kernel.pdf.EncryptionConstants;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.WriterProperties;
import com.itextpdf.kernel.pdf.annot.PdfWidgetAnnotation;
import com.itextpdf.forms.PdfAcroForm;
import eu.europa.esig.dss.enumerations.Indication;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.keys.KeySpec;
import org.onewindow.service.pki.CertificateSubject;
import org.onewindow.service.pki.RevocationReason;

/** Sequential signatures, certification, placements and every refusal, with real files and real oracles. */
class SealingRulesTest {
    @TempDir
    static Path dir;
    static SealingFixture pki;
    static SealIdentity center;
    static Path nss;

    @BeforeAll
    static void setUp() throws Exception {
        pki = new SealingFixture(dir);
        center = pki.seal(CertificateSubject.CENTER, "审批专用章", KeySpec.RSA_2048);
        nss = PdfOracles.nssDb(dir, pki.rootPem);
    }

    static Path notice(String name, boolean field) throws Exception {
        return SampleDocuments.notice(dir.resolve(name), 1, field);
    }

    @Test
    void departmentThenCenterEachInItsOwnRevisionAllValid() throws Exception {
        SealIdentity department = pki.seal("敦煌市食药监局", "食药监局电子印章", KeySpec.EC_P256);
        Path input = notice("decision.pdf", true);
        Path first = dir.resolve("decision-dept.pdf");
        Path second = dir.resolve("decision-dept-center.pdf");
        SealResult dept = pki.sealer().seal(input, first, department,
                SealRequest.of(PadesLevel.B_T, new SealPlacement.PageArea(1, 20, 200, 40, 40), "审批决定", "敦煌市"));
        SealResult done = pki.sealer().seal(first, second, center,
                SealRequest.of(PadesLevel.B_T, new SealPlacement.Field(SampleDocuments.FIELD), "办结", "敦煌市"));
        assertEquals("Seal1", dept.fieldName());
        assertEquals(SampleDocuments.FIELD, done.fieldName());
        assertEquals(1, done.page());
        byte[] before = Files.readAllBytes(first);
        byte[] after = Files.readAllBytes(second);
        assertTrue(Arrays.equals(before, 0, before.length, after, 0, before.length), "append-only update");

        String pdfsig = PdfOracles.assertPdfsigValid(second, nss, 2);
        assertTrue(pdfsig.contains("食药监局电子印章") && pdfsig.contains("审批专用章"), pdfsig);
        List<PdfOracles.DssSignature> dss = PdfOracles.dss(second, pki.root(), pki.publishedCrls());
        assertEquals(2, dss.size(), dss.toString());
        dss.forEach(s -> assertEquals(Indication.TOTAL_PASSED, s.indication(), dss.toString()));
        PdfOracles.assertQpdfClean(second);

        // the page-area seal sits where asked: 20 mm from the left, 200..240 mm from the top of A4 (297 mm)
        try (PdfDocument pdf = new PdfDocument(new PdfReader(second.toFile()))) {
            PdfWidgetAnnotation widget = PdfAcroForm.getAcroForm(pdf, false).getField("Seal1").getWidgets().get(0);
            var rect = widget.getRectangle().toRectangle();
            double k = 72 / 25.4;
            assertEquals(20 * k, rect.getX(), 0.5);
            assertEquals((297 - 240) * k, rect.getY(), 1.0);
            assertEquals(40 * k, rect.getWidth(), 0.5);
        }
    }

    @Test
    void certifiedNoChangesRefusesFurtherSeals() throws Exception {
        Path input = notice("certify.pdf", false);
        Path certified = dir.resolve("certified.pdf");
        pki.sealer().seal(input, certified, center, SealRequest.of(PadesLevel.B_B, new SealPlacement.Anchor(
                SampleDocuments.ANCHOR), "出件", "敦煌市").withCertification(CertificationLevel.NO_CHANGES));
        PdfOracles.assertPdfsigValid(certified, nss, 1);
        try (PdfDocument pdf = new PdfDocument(new PdfReader(certified.toFile()))) {
            assertEquals(1, PdfSealer.docMdpPermission(pdf));
        }
        Path again = dir.resolve("certified-again.pdf");
        DocumentLockedException e = assertThrows(DocumentLockedException.class, () -> pki.sealer().seal(certified,
                again, center, SealRequest.of(PadesLevel.B_B, new SealPlacement.Invisible(), "", "")));
        assertEquals(409, e.status());
        assertTrue(e.getMessage().contains("P=1"), e.getMessage());
        assertFalse(Files.exists(again));
    }

    @Test
    void certifiedFormFillingAllowsSigningTheExistingField() throws Exception {
        Path input = notice("certify2.pdf", true);
        Path certified = dir.resolve("certified2.pdf");
        Path signed = dir.resolve("certified2-signed.pdf");
        pki.sealer().seal(input, certified, center, SealRequest.of(PadesLevel.B_B, new SealPlacement.Invisible(),
                "出件", "").withCertification(CertificationLevel.FORM_FILLING_AND_SIGNING));
        assertThrows(DocumentLockedException.class, () -> pki.sealer().seal(certified, signed, center,
                SealRequest.of(PadesLevel.B_B, new SealPlacement.PageArea(1, 10, 10, 30, 30), "", "")));
        pki.sealer().seal(certified, signed, center,
                SealRequest.of(PadesLevel.B_B, new SealPlacement.Field(SampleDocuments.FIELD), "", ""));
        PdfOracles.assertPdfsigValid(signed, nss, 2);
        List<PdfOracles.DssSignature> dss = PdfOracles.dss(signed, pki.root(), pki.publishedCrls());
        dss.forEach(s -> assertEquals(Indication.TOTAL_PASSED, s.indication(), dss.toString()));
    }

    @Test
    void encryptedPdfNeedsItsOwnerPassword() throws Exception {
        Path encrypted = dir.resolve("encrypted.pdf");
        byte[] owner = "owner-secret".getBytes(StandardCharsets.US_ASCII);
        try (PdfDocument pdf = new PdfDocument(new PdfWriter(encrypted.toString(), new WriterProperties()
                .setStandardEncryption("user".getBytes(StandardCharsets.US_ASCII), owner,
                        EncryptionConstants.ALLOW_PRINTING, EncryptionConstants.ENCRYPTION_AES_128)))) {
            SampleDocuments.write(pdf, 1, false);
        }
        SealRequest request = SealRequest.of(PadesLevel.B_B, new SealPlacement.PageArea(1, 140, 230, 40, 40), "", "");
        Path out = dir.resolve("encrypted-sealed.pdf");
        EncryptedPdfException missing = assertThrows(EncryptedPdfException.class,
                () -> pki.sealer().seal(encrypted, out, center, request));
        assertEquals(422, missing.status());
        assertThrows(EncryptedPdfException.class, () -> pki.sealer().seal(encrypted, out, center,
                request.withPassword("wrong".getBytes(StandardCharsets.US_ASCII))));
        EncryptedPdfException userOnly = assertThrows(EncryptedPdfException.class, () -> pki.sealer().seal(encrypted,
                out, center, request.withPassword("user".getBytes(StandardCharsets.US_ASCII))));
        assertTrue(userOnly.getMessage().contains("owner password"), userOnly.getMessage());
        assertFalse(Files.exists(out));
        pki.sealer().seal(encrypted, out, center, request.withPassword(owner));
        PdfOracles.Run run = PdfOracles.run(dir, "pdfsig", "-nssdir", "sql:" + nss, "-no-ocsp", "-opw",
                "owner-secret", out.toString());
        assertTrue(run.output().contains("Signature is Valid."), run.output());
    }

    @Test
    void brokenInputsAreMalformed() throws Exception {
        Path garbage = dir.resolve("garbage.pdf");
        Files.write(garbage, "this is not a PDF at all, just text".repeat(50).getBytes(StandardCharsets.US_ASCII));
        Path truncated = dir.resolve("truncated.pdf");
        byte[] whole = Files.readAllBytes(notice("whole.pdf", false));
        Files.write(truncated, Arrays.copyOf(whole, whole.length * 2 / 3));
        SealRequest request = SealRequest.of(PadesLevel.B_B, new SealPlacement.Invisible(), "", "");
        for (Path bad : List.of(garbage, truncated)) {
            MalformedPdfException e = assertThrows(MalformedPdfException.class,
                    () -> pki.sealer().seal(bad, dir.resolve("bad-out.pdf"), center, request));
            assertEquals(422, e.status());
        }
        assertFalse(Files.exists(dir.resolve("bad-out.pdf")));
    }

    @Test
    void suspendedAndRevokedSealsAreRefusedAndReinstatedOnesWork() throws Exception {
        SealIdentity seal = pki.acceptanceSeal();
        Path input = notice("revocation.pdf", false);
        Path out = dir.resolve("revocation-out.pdf");
        SealRequest request = SealRequest.of(PadesLevel.B_B, new SealPlacement.Invisible(), "", "");
        String ca = pki.hierarchy.issuing().id();
        var serial = seal.certificate().getSerialNumber();
        pki.registry.suspend(ca, serial);
        SealNotUsableException suspended = assertThrows(SealNotUsableException.class,
                () -> pki.sealer().seal(input, out, seal, request));
        assertTrue(suspended.getMessage().contains("suspended"), suspended.getMessage());
        pki.registry.reinstate(ca, serial);
        pki.sealer().seal(input, out, seal, request);
        pki.registry.revoke(ca, serial, RevocationReason.KEY_COMPROMISE);
        SealNotUsableException revoked = assertThrows(SealNotUsableException.class,
                () -> pki.sealer().seal(input, dir.resolve("revoked-out.pdf"), seal, request));
        assertEquals(409, revoked.status());
        assertTrue(revoked.getMessage().contains("revoked"), revoked.getMessage());
    }

    @Test
    void keyThatDoesNotMatchOrIsGoneIsUnusable() throws Exception {
        SealIdentity other = pki.acceptanceSeal();
        Path input = notice("keys.pdf", false);
        SealRequest request = SealRequest.of(PadesLevel.B_B, new SealPlacement.Invisible(), "", "");
        SealIdentity mismatched = new SealIdentity(other.custody(), other.key(), center.chain(), Optional.empty());
        assertThrows(UnusableKeyException.class, () -> pki.sealer().seal(input, dir.resolve("k1.pdf"), mismatched,
                request));
        pki.custody.delete(other.key());
        UnusableKeyException gone = assertThrows(UnusableKeyException.class,
                () -> pki.sealer().seal(input, dir.resolve("k2.pdf"), other, request));
        assertTrue(gone.getMessage().contains("not in custody"), gone.getMessage());
    }

    @Test
    void placementsThatCannotBeMetAreRefused() throws Exception {
        Path input = notice("placement.pdf", false);
        Path out = dir.resolve("placement-out.pdf");
        assertThrows(SealPlacementException.class, () -> pki.sealer().seal(input, out, center,
                SealRequest.of(PadesLevel.B_B, new SealPlacement.Field("acceptanceSeal"), "", "")));
        assertThrows(SealPlacementException.class, () -> pki.sealer().seal(input, out, center,
                SealRequest.of(PadesLevel.B_B, new SealPlacement.Anchor("不存在的文字"), "", "")));
        assertThrows(SealPlacementException.class, () -> pki.sealer().seal(input, out, center,
                SealRequest.of(PadesLevel.B_B, new SealPlacement.PageArea(3, 10, 10, 40, 40), "", "")));
        assertThrows(SealPlacementException.class, () -> pki.sealer().seal(input, out, center,
                SealRequest.of(PadesLevel.B_B, new SealPlacement.PageArea(1, 190, 10, 40, 40), "", "")));
        assertFalse(Files.exists(out));
    }

    @Test
    void levelsNeedTheirServices() throws Exception {
        PdfSealer bare = new PdfSealer(new SealingContext(Optional.empty(), Optional.empty(),
                SealStatusCheck.none(), dir.resolve("bare"), java.time.Clock.systemUTC()));
        Path input = notice("bare.pdf", false);
        assertThrows(LevelNotAvailableException.class, () -> bare.seal(input, dir.resolve("bare-t.pdf"), center,
                SealRequest.of(PadesLevel.B_T, new SealPlacement.Invisible(), "", "")));
        bare.seal(input, dir.resolve("bare-b.pdf"), center,
                SealRequest.of(PadesLevel.B_B, new SealPlacement.Invisible(), "", ""));
        PdfOracles.assertPdfsigValid(dir.resolve("bare-b.pdf"), nss, 1);
    }

    @Test
    void streamsAreSpooledThroughFiles() throws Exception {
        Path input = notice("stream.pdf", false);
        var out = new java.io.ByteArrayOutputStream();
        try (var in = Files.newInputStream(input)) {
            SealResult result = pki.sealer().seal(in, out, center,
                    SealRequest.of(PadesLevel.B_T, new SealPlacement.Anchor(SampleDocuments.ANCHOR), "受理", ""));
            Path copy = dir.resolve("stream-out.pdf");
            Files.write(copy, out.toByteArray());
            assertEquals(result.outputSha256(), PdfSealer.sha256(copy));
            PdfOracles.assertPdfsigValid(copy, nss, 1);
        }
        try (var files = Files.list(pki.context.tempDir())) {
            assertEquals(List.of(), files.toList(), "temporary files are removed");
        }
    }
}
