package org.onewindow.service.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.Application;
import org.onewindow.service.config.Config;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.identity.Role;
import org.onewindow.service.pki.TimeStamper;
import org.onewindow.service.seal.SealAuthorizer;
import org.onewindow.service.seal.SigningIdentity;
import org.onewindow.service.sign.PdfSealer;
import org.onewindow.service.sign.RevocationSource;
import org.onewindow.service.sign.SealIdentity;
import org.onewindow.service.sign.SealPlacement;
import org.onewindow.service.sign.SealRequest;
import org.onewindow.service.sign.SealStatusCheck;
import org.onewindow.service.sign.SealingContext;
import org.onewindow.service.sign.PadesLevel;
import org.onewindow.service.web.Authenticator;
import org.onewindow.service.web.Json;
import org.onewindow.storage.fs.FileSystemObjectStore;

/** {@code POST /api/verify} on a running application: verdicts as JSON, unusable input as problems. */
class VerifyApiHttpTest {
    @TempDir
    static Path dir;
    static Application app;
    static int port;
    static byte[] sealed;
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final Authenticator USER = ctx -> ctx.header("X-Test-User") == null ? Optional.empty()
            : Optional.of(new Principal(ctx.header("X-Test-User"), ctx.header("X-Test-User"), Set.of(), null, "test"));

    static byte[] foreign;

    /**
     * The application's own wiring: its route trusts the roots of its own PKI. A document sealed with the app's
     * 受理专用章 passes; one sealed under another CA (the fixture's) does not.
     */
    @BeforeAll
    static void start() throws Exception {
        VerifyFixture fixture = new VerifyFixture(Files.createDirectories(dir.resolve("pki")));
        Path notice = fixture.notice("notice.pdf");
        foreign = Files.readAllBytes(fixture.sealed(notice, fixture.seal("敦煌市行政服务中心", "受理专用章"),
                PadesLevel.B_B, "foreign.pdf"));
        Path data = Files.createDirectories(dir.resolve("data"));
        Config config = Config.fromEnvironment(Map.of(Config.STORAGE, "fs:" + data, Config.HOST, "127.0.0.1",
                Config.PORT, "0", Config.PUBLIC_URL, "https://zwfw.example.cn/", Config.MAX_UPLOAD_BYTES, "1MiB",
                Config.SEAL_KEY_TYPE, "ec-p256"));
        app = new Application(config, new FileSystemObjectStore(data), USER, List.of());
        port = app.start();
        app.sealSeed().get(120, java.util.concurrent.TimeUnit.SECONDS);

        Principal clerk = new Principal("clerk", "王窗口", Set.of(Role.WINDOW_CLERK), null, "test");
        SigningIdentity acceptance = app.seals().registry().signingIdentity(clerk, "center-acceptance",
                new SealAuthorizer.UseContext("test", "verify-api-test"));
        var pki = app.seals().pki();
        SealingContext context = SealingContext.of(TimeStamper.local(pki.tsa()),
                RevocationSource.inProcess(pki.cas(), pki.crls(), pki.ocsp()), SealStatusCheck.registry(pki.cas()),
                Files.createDirectories(dir.resolve("work")));
        Path out = dir.resolve("sealed.pdf");
        new PdfSealer(context).seal(notice, out, SealIdentity.inCustody(acceptance.custody(), acceptance.key(),
                acceptance.layout().orElse(null)), SealRequest.of(PadesLevel.B_B, new SealPlacement.Anchor("（盖章）"),
                "受理", "敦煌市行政服务中心"));
        sealed = Files.readAllBytes(out);
    }

    @Test
    void aSealFromAnotherCaIsNotTrusted() throws Exception {
        HttpResponse<String> response = post(foreign, true);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode report = Json.newMapper().readTree(response.body());
        assertTrue(!"TOTAL_PASSED".equals(report.get("indication").asText()), response.body());
        assertTrue(response.body().contains("NO_CERTIFICATE_CHAIN_FOUND"), response.body());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static HttpResponse<String> post(byte[] body, boolean authenticated) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/verify"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authenticated) {
            request.header("X-Test-User", "clerk");
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void aSealedPdfGetsItsReport() throws Exception {
        HttpResponse<String> response = post(sealed, true);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode report = Json.newMapper().readTree(response.body());
        assertEquals("TOTAL_PASSED", report.get("indication").asText());
        assertEquals("敦煌市行政服务中心受理专用章", report.get("signatures").get(0).get("signerSubject").asText());
    }

    @Test
    void aTamperedPdfIsAVerdictNotAnError() throws Exception {
        byte[] tampered = sealed.clone();
        tampered[11] ^= 0x01;
        HttpResponse<String> response = post(tampered, true);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode report = Json.newMapper().readTree(response.body());
        assertEquals("TOTAL_FAILED", report.get("indication").asText());
        assertEquals("HASH_FAILURE", report.get("subIndication").asText());
    }

    @Test
    void aNonPdfIs415() throws Exception {
        HttpResponse<String> response = post("hello".getBytes(StandardCharsets.UTF_8), true);
        assertEquals(415, response.statusCode(), response.body());
        assertTrue(response.body().contains("not a PDF"), response.body());
    }

    @Test
    void anUploadOverTheLimitIs413() throws Exception {
        byte[] big = new byte[2 * 1024 * 1024];
        System.arraycopy(sealed, 0, big, 0, 16);
        assertEquals(413, post(big, true).statusCode());
    }

    static HttpResponse<byte[]> postFor(String query, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/verify"
                        + query)).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/pdf")
                .header("X-Test-User", "clerk").POST(HttpRequest.BodyPublishers.ofByteArray(sealed));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theReportForPeopleComesAsHtmlWithTheRegistrySeal() throws Exception {
        HttpResponse<byte[]> response = postFor("?format=html", null);
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String disposition = response.headers().firstValue("Content-Disposition").orElse("");
        assertTrue(disposition.startsWith("attachment; filename=\"verification-report-")
                && disposition.contains("filename*=UTF-8''%E9%AA%8C%E8%AF%81%E6%8A%A5%E5%91%8A-"), disposition);
        assertTrue(response.headers().firstValue("Content-Security-Policy").orElse("")
                .contains("style-src 'unsafe-inline'"));
        String html = new String(response.body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("验证结论：通过（TOTAL_PASSED）"), html);
        // the application's seal registry names the seal
        assertTrue(html.contains("印章编号 center-acceptance"), html);
    }

    @Test
    void thePdfReportIsChosenByFormatOrAccept() throws Exception {
        for (HttpResponse<byte[]> response : List.of(postFor("?format=pdf", null), postFor("", "application/pdf"))) {
            assertEquals(200, response.statusCode());
            assertEquals("application/pdf", response.headers().firstValue("Content-Type").orElse(""));
            assertTrue(new String(response.body(), 0, 8, StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
            try (var document = org.apache.pdfbox.Loader.loadPDF(response.body())) {
                String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document).replaceAll("\\s+", "");
                assertTrue(text.contains("电子签章验证报告") && text.contains("印章编号center-acceptance"), text);
            }
        }
        // JSON stays the default, and an unknown format is a 400 problem
        HttpResponse<byte[]> json = postFor("", null);
        assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(400, postFor("?format=docx", null).statusCode());
    }

    @Test
    void anonymousCallersAreRefused() throws Exception {
        assertEquals(401, post(sealed, false).statusCode());
    }
}
