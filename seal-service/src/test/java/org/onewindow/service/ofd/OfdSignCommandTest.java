package org.onewindow.service.ofd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.pki.Pem;

/**
 * {@code ./onewindow sign} with an OFD input: SM2 key from a PKCS#12 file, the seal from an {@code .esl} file; the
 * department's seal at the template's position, then the center's over the date text; {@code ./onewindow verify}.
 */
class OfdSignCommandTest {
    static final String PASS = "口令-123456";
    final SealedSamples s = SealedSamples.get();
    @TempDir
    Path dir;

    CliRun run(String... args) {
        return CliRun.run(Map.of("SEAL_PASS", PASS), args);
    }

    private Path p12(SesFixtures.Party party, String name) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12", SesFixtures.BC);
        store.load(null, null);
        store.setKeyEntry("seal", party.keys().getPrivate(), PASS.toCharArray(),
                new Certificate[] {party.certificate(), s.pki.root.certificate()});
        Path file = dir.resolve(name + ".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASS.toCharArray());
        }
        return file;
    }

    @Test
    void aDepartmentThenACenterSealFromTheCommandLineVerify() throws Exception {
        Path input = dir.resolve("决定书.ofd");
        Files.write(input, s.decision.ofd());
        Path departmentSeal = dir.resolve("department.esl");
        Files.write(departmentSeal, SesFixtures.der(s.departmentSeal));
        Path centerSeal = dir.resolve("center.esl");
        Files.write(centerSeal, SesFixtures.der(s.centerSeal));
        OfdDocument.SealField field = s.decision.sealField("departmentSeal");
        Path once = dir.resolve("once.ofd");
        CliRun first = run("sign", "--in", input.toString(), "--out", once.toString(), "--p12",
                p12(s.departmentParty, "department").toString(), "--p12-pass-env", "SEAL_PASS", "--ses-seal",
                departmentSeal.toString(), "--page", "1", "--rect", String.format(Locale.ROOT, "%.2f,%.2f,42,42",
                        field.xMm(), field.yMm()));
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("已盖章"), first.out());
        Path twice = dir.resolve("twice.ofd");
        CliRun second = run("sign", "--in", once.toString(), "--out", twice.toString(), "--p12",
                p12(s.centerParty, "center").toString(), "--p12-pass-env", "SEAL_PASS", "--ses-seal",
                centerSeal.toString(), "--anchor", "2026年11月25日", "--size", "40", "--close");
        assertEquals(0, second.code(), second.err());

        Path root = dir.resolve("root.pem");
        Files.writeString(root, Pem.encode(s.pki.root.certificate()));
        CliRun verified = run("verify", "--trust", root.toString(), twice.toString());
        assertEquals(0, verified.code(), verified.out() + verified.err());

        // the center's seal closed the document: no third seal
        CliRun third = run("sign", "--in", twice.toString(), "--out", dir.resolve("three.ofd").toString(), "--p12",
                p12(s.departmentParty, "department2").toString(), "--p12-pass-env", "SEAL_PASS", "--ses-seal",
                departmentSeal.toString(), "--page", "1", "--rect", "10,10,40,40");
        assertTrue(third.code() != 0 && third.err().contains("盖章失败"), third.err());
    }

    @Test
    void pdfOptionsAndBadSealFilesAreRefusedWithAReason() throws Exception {
        Path input = dir.resolve("in.ofd");
        Files.write(input, s.decision.ofd());
        Path key = p12(s.centerParty, "center");
        Path notASeal = dir.resolve("bad.esl");
        Files.writeString(notASeal, "not a seal");
        CliRun pdfOption = run("sign", "--in", input.toString(), "--out", dir.resolve("o.ofd").toString(), "--p12",
                key.toString(), "--p12-pass-env", "SEAL_PASS", "--ses-seal", notASeal.toString(), "--level", "B-B",
                "--anchor", "2026年11月25日");
        assertEquals(2, pdfOption.code());
        assertTrue(pdfOption.err().contains("--level"), pdfOption.err());
        CliRun badSeal = run("sign", "--in", input.toString(), "--out", dir.resolve("o.ofd").toString(), "--p12",
                key.toString(), "--p12-pass-env", "SEAL_PASS", "--ses-seal", notASeal.toString(), "--anchor",
                "2026年11月25日");
        assertEquals(2, badSeal.code());
        assertTrue(badSeal.err().contains("SESeal"), badSeal.err());
        assertTrue(Files.notExists(dir.resolve("o.ofd")));
    }
}
