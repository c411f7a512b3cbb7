package org.onewindow.service.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import eu.europa.esig.dss.enumerations.Indication;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.ofd.SesFixtures;
import org.onewindow.service.ses.SesSigner;
import org.onewindow.service.verify.PdfVerifier;
import org.onewindow.service.verify.VerificationPolicy;
import org.onewindow.service.verify.VerificationReport;

/**
 * Dual sealing: a PAdES seal and a GB/T 38540 SM2 seal ({@link SesPdfSealer}) on one PDF, in both orders. Oracles:
 * pdfsig and EU DSS must still find the PAdES signature valid; our verifier checks both.
 */
class DualSealingTest {
    @TempDir
    static Path dir;
    static SealingFixture pki;
    static SealIdentity pades;
    static SesFixtures sm2;
    static SesSigner sm2Signer;
    static Path nss;

    @BeforeAll
    static void setUp() throws Exception {
        pki = new SealingFixture(dir);
        pades = pki.acceptanceSeal();
        nss = PdfOracles.nssDb(dir, pki.rootPem);
        sm2 = new SesFixtures();
        SesFixtures.Party party = sm2.signer("敦煌市行政服务中心", "受理专用章");
        sm2Signer = SesFixtures.softSigner(party, sm2.seal(party, "敦煌市行政服务中心", "受理专用章"));
    }

    private Path padesSeal(Path input, String name) {
        Path out = dir.resolve(name);
        pki.sealer().seal(input, out, pades, SealRequest.of(PadesLevel.B_T,
                new SealPlacement.Anchor(SampleDocuments.ANCHOR), "受理", "敦煌市行政服务中心"));
        return out;
    }

    private Path sm2Seal(Path input, String name) {
        Path out = dir.resolve(name);
        new SesPdfSealer(Clock.systemUTC()).seal(input, out, sm2Signer, "SM2Seal1");
        return out;
    }

    private VerificationReport ours(Path pdf) {
        return PdfVerifier.verify(pdf, VerificationPolicy.trusting(List.of(pki.root(), sm2.root.certificate())));
    }

    private void check(Path sealed, String order) throws Exception {
        VerificationReport report = ours(sealed);
        assertEquals(2, report.signatures().size(), report::toString);
        report.signatures().forEach(s -> assertEquals(org.onewindow.service.verify.Indication.TOTAL_PASSED,
                s.indication(), order + ": " + s));
        String pdfsig = PdfOracles.assertPdfsigValid(sealed, nss, 1);
        List<PdfOracles.DssSignature> dss = PdfOracles.dss(sealed, pki.root(), pki.publishedCrls());
        System.out.println("[dual sealing, " + order + "] pdfsig:\n" + pdfsig + "\n[dual sealing, " + order
                + "] DSS: " + dss);
        assertTrue(dss.stream().anyMatch(d -> d.indication() == Indication.TOTAL_PASSED
                && d.format().toString().startsWith("PAdES")), order + ": " + dss);
    }

    @Test
    void padesFirstThenSm2() throws Exception {
        Path input = SampleDocuments.notice(dir.resolve("a.pdf"), 1, false);
        check(sm2Seal(padesSeal(input, "a-pades.pdf"), "a-dual.pdf"), "PAdES then SM2");
    }

    @Test
    void sm2FirstThenPades() throws Exception {
        Path input = SampleDocuments.notice(dir.resolve("b.pdf"), 1, false);
        check(padesSeal(sm2Seal(input, "b-sm2.pdf"), "b-dual.pdf"), "SM2 then PAdES");
    }

    @Test
    void aChangeAfterTheSm2SealBreaksIt() throws Exception {
        Path input = SampleDocuments.notice(dir.resolve("c.pdf"), 1, false);
        Path sealed = sm2Seal(input, "c-sm2.pdf");
        byte[] bytes = Files.readAllBytes(sealed);
        int at = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("/Producer");
        assertTrue(at > 0);
        bytes[at + 1] = 'p'; // inside the signed range
        Path tampered = dir.resolve("c-tampered.pdf");
        Files.write(tampered, bytes);
        VerificationReport report = ours(tampered);
        assertEquals(org.onewindow.service.verify.Indication.TOTAL_FAILED, report.indication(), report::toString);
        assertTrue(report.signatures().get(0).errors().stream().anyMatch(e -> e.contains("SM3 dataHash")),
                report::toString);
    }
}
