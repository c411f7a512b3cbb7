package org.onewindow.service.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.Main;
import org.onewindow.service.pki.Pem;
import org.onewindow.service.sign.PadesLevel;
import org.onewindow.service.web.Json;

/** {@code onewindow verify} through the real CLI dispatcher: exit code by result, text and JSON output. */
class VerifyCommandTest {
    @TempDir
    static Path dir;
    static Path sealed;
    static Path tampered;
    static Path rootPem;

    @BeforeAll
    static void setUp() throws Exception {
        VerifyFixture fixture = new VerifyFixture(dir);
        sealed = fixture.sealed(fixture.notice("notice.pdf"), fixture.seal("敦煌市行政服务中心", "受理专用章"),
                PadesLevel.B_T, "sealed.pdf");
        byte[] bytes = Files.readAllBytes(sealed);
        bytes[11] ^= 0x01;
        tampered = Files.write(dir.resolve("tampered.pdf"), bytes);
        rootPem = Files.writeString(dir.resolve("root.pem"), Pem.encode(fixture.root()));
    }

    record Outcome(int exit, String out, String err) {
    }

    static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(List.of(args), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aValidSealExitsZeroWithAChineseSummary() {
        Outcome o = run("verify", "--trust", rootPem.toString(), sealed.toString());
        assertEquals(0, o.exit(), o.out() + o.err());
        assertTrue(o.out().startsWith("文件完整，未被篡改；共1个签章"), o.out());
        assertTrue(o.out().contains("PAdES-BASELINE-T"), o.out());
    }

    @Test
    void jsonPrintsTheReport() throws Exception {
        Outcome o = run("verify", "--json", "--trust", rootPem.toString(), sealed.toString());
        assertEquals(0, o.exit(), o.err());
        JsonNode report = Json.newMapper().readTree(o.out());
        assertEquals("TOTAL_PASSED", report.get("indication").asText());
        assertEquals("受理专用章", report.get("signatures").get(0).get("signerSubject").asText());
        assertTrue(report.get("signatures").get(0).get("timeStamp").get("valid").asBoolean());
    }

    @Test
    void aTamperedFileExitsOne() {
        Outcome o = run("verify", "--trust", rootPem.toString(), tampered.toString());
        assertEquals(1, o.exit(), o.out());
        assertTrue(o.out().contains("HASH_FAILURE"), o.out());
    }

    @Test
    void withoutTrustAnchorsTheResultIsIndeterminate() {
        Outcome o = run("verify", sealed.toString());
        assertEquals(2, o.exit(), o.out());
        assertTrue(o.out().contains("NO_CERTIFICATE_CHAIN_FOUND"), o.out());
        assertTrue(o.err().contains("--trust"), o.err());
    }

    @Test
    void aNonPdfExitsTwoWithAMessage() throws Exception {
        Path text = Files.writeString(dir.resolve("note.txt"), "not a pdf");
        Outcome o = run("verify", "--trust", rootPem.toString(), text.toString());
        assertEquals(2, o.exit());
        assertTrue(o.err().contains("无法验证") && o.err().contains("not a PDF"), o.err());
    }

    @Test
    void reportsAreWrittenAsHtmlOrPdfByExtension() throws Exception {
        Path html = dir.resolve("report.html");
        Outcome o = run("verify", "--trust", rootPem.toString(), "--report", html.toString(), tampered.toString());
        assertEquals(1, o.exit(), o.out() + o.err());
        String page = Files.readString(html);
        assertTrue(page.contains("未通过（TOTAL_FAILED）") && page.contains("tampered.pdf")
                && page.contains("未查询（离线验证，无印章登记库）"), page);
        Path pdf = dir.resolve("report.pdf");
        o = run("verify", "--trust", rootPem.toString(), "--report", pdf.toString(), sealed.toString());
        assertEquals(0, o.exit(), o.out() + o.err());
        ReportRendererTest.assertPdfA2u(pdf);
        assertTrue(o.err().contains("验证报告已写入"), o.err());
        Outcome wrong = run("verify", "--report", dir.resolve("r.docx").toString(), sealed.toString());
        assertEquals(2, wrong.exit());
        assertTrue(wrong.err().contains(".html 或 .pdf"), wrong.err());
    }

    @Test
    void aMissingFileIsAUsageError() {
        Outcome o = run("verify", dir.resolve("nope.pdf").toString());
        assertEquals(2, o.exit());
        assertTrue(o.err().contains("文件不存在"), o.err());
    }
}
