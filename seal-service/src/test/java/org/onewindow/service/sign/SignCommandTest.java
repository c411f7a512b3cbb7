package org.onewindow.service.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.Main;
import org.onewindow.service.cli.CommandContext;
import org.onewindow.service.pki.CertificateRequest;
import org.onewindow.service.pki.CertificateSubject;

/** {@code onewindow sign} through the real CLI dispatcher, with a PKCS#12 seal issued by the demo CA. */
class SignCommandTest {
    @TempDir
    static Path dir;
    static SealingFixture pki;
    static Path p12;

    @BeforeAll
    static void setUp() throws Exception {
        pki = new SealingFixture(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        X509Certificate leaf = pki.hierarchy.issuing().issue(CertificateRequest.seal(
                new CertificateSubject("住建局电子印章", "敦煌市住房和城乡建设局"), pair.getPublic(), Duration.ofDays(30)));
        List<Certificate> chain = new ArrayList<>(List.of(leaf));
        chain.addAll(pki.hierarchy.issuing().chain());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("seal", pair.getPrivate(), "p12-passphrase".toCharArray(), chain.toArray(new Certificate[0]));
        p12 = dir.resolve("seal.p12");
        try (OutputStream out = Files.newOutputStream(p12)) {
            store.store(out, "p12-passphrase".toCharArray());
        }
    }

    record Outcome(int exit, String out, String err) {
    }

    static Outcome sign(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("sign"));
        all.addAll(List.of(args));
        int exit = Main.commands().dispatch(all, new CommandContext(
                Map.of("SEAL_PASS", "p12-passphrase"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void sealsOverAnchorTextWithTheSealNamedFromTheCertificate() throws Exception {
        Path input = SampleDocuments.notice(dir.resolve("cli-in.pdf"), 1, false);
        Path output = dir.resolve("cli-out.pdf");
        Outcome outcome = sign("--in", input.toString(), "--out", output.toString(), "--p12", p12.toString(),
                "--p12-pass-env", "SEAL_PASS", "--level", "B-B", "--anchor", SampleDocuments.ANCHOR,
                "--seal-name", "电子印章", "--reason", "审批", "--location", "敦煌市");
        assertEquals(0, outcome.exit(), outcome.err());
        assertTrue(outcome.out().contains("已盖章") && outcome.out().contains("B-B"), outcome.out());
        assertTrue(outcome.out().contains(PdfSealer.sha256(output)), outcome.out());
        String pdfsig = PdfOracles.assertPdfsigValid(output, PdfOracles.nssDb(dir, pki.rootPem), 1);
        assertTrue(pdfsig.contains("住建局电子印章"), pdfsig);
    }

    /** Dual sealing: the SM2 seal from an SM2 PKCS#12 and an .esl file, then the PAdES seal; both verify. */
    @Test
    void dualSealingAddsAnSm2SealBeforeThePadesSeal() throws Exception {
        org.onewindow.service.ofd.SesFixtures sm2 = new org.onewindow.service.ofd.SesFixtures();
        org.onewindow.service.ofd.SesFixtures.Party party = sm2.signer("敦煌市住房和城乡建设局", "住建局电子印章");
        KeyStore store = KeyStore.getInstance("PKCS12", org.onewindow.service.keys.Sm2.provider());
        store.load(null, null);
        store.setKeyEntry("sm2", party.keys().getPrivate(), "p12-passphrase".toCharArray(),
                new Certificate[] {party.certificate(), sm2.root.certificate()});
        Path sm2P12 = dir.resolve("sm2.p12");
        try (OutputStream out = Files.newOutputStream(sm2P12)) {
            store.store(out, "p12-passphrase".toCharArray());
        }
        Path esl = Files.write(dir.resolve("seal.esl"), sm2.seal(party, "敦煌市住房和城乡建设局", "住建局电子印章")
                .getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER));
        Path input = SampleDocuments.notice(dir.resolve("cli-dual-in.pdf"), 1, false);
        Path output = dir.resolve("cli-dual-out.pdf");
        Outcome outcome = sign("--in", input.toString(), "--out", output.toString(), "--p12", p12.toString(),
                "--p12-pass-env", "SEAL_PASS", "--level", "B-B", "--anchor", SampleDocuments.ANCHOR,
                "--ses-seal", esl.toString(), "--sm2-p12", sm2P12.toString(), "--sm2-pass-env", "SEAL_PASS");
        assertEquals(0, outcome.exit(), outcome.err());
        assertTrue(outcome.out().contains("SM2"), outcome.out());
        var report = org.onewindow.service.verify.PdfVerifier.verify(output,
                org.onewindow.service.verify.VerificationPolicy.trusting(List.of(pki.root(), sm2.root.certificate())));
        assertEquals(org.onewindow.service.verify.Indication.TOTAL_PASSED, report.indication(), report::toString);
        assertEquals(List.of("GBT38540.SES_Signature", "ETSI.CAdES.detached"),
                report.signatures().stream().map(s -> s.subFilter()).toList());
        PdfOracles.assertPdfsigValid(output, PdfOracles.nssDb(dir, pki.rootPem), 1);

        Outcome halfGiven = sign("--in", input.toString(), "--out", dir.resolve("z.pdf").toString(), "--p12",
                p12.toString(), "--p12-pass-env", "SEAL_PASS", "--level", "B-B", "--invisible", "--ses-seal",
                esl.toString());
        assertEquals(2, halfGiven.exit());
        assertTrue(halfGiven.err().contains("--sm2-p12"), halfGiven.err());
    }

    @Test
    void crossPageSealWithAnImportedImageFromTheCommandLine() throws Exception {
        Path input = SampleDocuments.notice(dir.resolve("cli-cross-in.pdf"), 2, false);
        Path output = dir.resolve("cli-cross-out.pdf");
        Path png = Files.write(dir.resolve("seal.png"), new org.onewindow.service.seal.image.SealPngRenderer()
                .renderPng(org.onewindow.service.seal.image.SealLayout.compute(
                        org.onewindow.service.seal.image.SealImageSpec.specialSeal("敦煌市住房和城乡建设局", "电子印章")),
                        300));
        Outcome outcome = sign("--in", input.toString(), "--out", output.toString(), "--p12", p12.toString(),
                "--p12-pass-env", "SEAL_PASS", "--level", "B-B", "--anchor", SampleDocuments.ANCHOR,
                "--seal-image", png.toString(), "--cross-page", "right");
        assertEquals(0, outcome.exit(), outcome.err());
        PdfOracles.assertPdfsigValid(output, PdfOracles.nssDb(dir, pki.rootPem), 1);
        try (var pdf = new com.itextpdf.kernel.pdf.PdfDocument(new com.itextpdf.kernel.pdf.PdfReader(
                output.toFile()))) {
            for (int page = 1; page <= 2; page++) {
                var xObjects = pdf.getPage(page).getResources().getResource(com.itextpdf.kernel.pdf.PdfName.XObject);
                assertTrue(xObjects != null && !xObjects.isEmpty(), "page " + page + " carries its slice");
            }
        }
        Outcome badEdge = sign("--in", input.toString(), "--out", dir.resolve("y.pdf").toString(), "--p12",
                p12.toString(), "--p12-pass-env", "SEAL_PASS", "--invisible", "--cross-page", "top");
        assertEquals(2, badEdge.exit());
        assertTrue(badEdge.err().contains("--cross-page"), badEdge.err());
        Outcome onePage = sign("--in", SampleDocuments.notice(dir.resolve("cli-one.pdf"), 1, false).toString(),
                "--out", dir.resolve("y.pdf").toString(), "--p12", p12.toString(), "--p12-pass-env", "SEAL_PASS",
                "--invisible", "--cross-page", "right", "--seal-name", "电子印章");
        assertEquals(2, onePage.exit(), onePage.err());
        assertFalse(Files.exists(dir.resolve("y.pdf")));
    }

    @Test
    void wrongArgumentsExitTwoWithAMessage() throws Exception {
        Path input = SampleDocuments.notice(dir.resolve("cli-bad.pdf"), 1, false);
        Outcome noPlacement = sign("--in", input.toString(), "--out", dir.resolve("x.pdf").toString(), "--p12",
                p12.toString(), "--p12-pass-env", "SEAL_PASS");
        assertEquals(2, noPlacement.exit());
        assertTrue(noPlacement.err().contains("盖章位置"), noPlacement.err());
        Outcome noTsa = sign("--in", input.toString(), "--out", dir.resolve("x.pdf").toString(), "--p12",
                p12.toString(), "--p12-pass-env", "SEAL_PASS", "--level", "B-T", "--invisible");
        assertEquals(2, noTsa.exit());
        assertTrue(noTsa.err().contains("--tsa-url"), noTsa.err());
        Outcome missingAnchor = sign("--in", input.toString(), "--out", dir.resolve("x.pdf").toString(), "--p12",
                p12.toString(), "--p12-pass-env", "SEAL_PASS", "--anchor", "没有这段文字");
        assertEquals(2, missingAnchor.exit());
        assertTrue(missingAnchor.err().contains("没有这段文字"), missingAnchor.err());
        assertFalse(Files.exists(dir.resolve("x.pdf")));
    }
}
