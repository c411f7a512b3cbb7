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
import org.onewindow.service.sign.PadesLevel;
import org.onewindow.service.web.Authenticator;
import org.onewindow.service.web.Json;
import org.onewindow.service.web.RequestBodies;
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

    @BeforeAll
    static void start() throws Exception {
        VerifyFixture fixture = new VerifyFixture(Files.createDirectories(dir.resolve("pki")));
        sealed = Files.readAllBytes(fixture.sealed(fixture.notice("notice.pdf"),
                fixture.seal("敦煌市行政服务中心", "受理专用章"), PadesLevel.B_B, "sealed.pdf"));
        Path data = Files.createDirectories(dir.resolve("data"));
        Config config = Config.fromEnvironment(Map.of(Config.STORAGE, "fs:" + data, Config.HOST, "127.0.0.1",
                Config.PORT, "0", Config.PUBLIC_URL, "https://zwfw.example.cn/", Config.MAX_UPLOAD_BYTES, "1MiB"));
        RequestBodies bodies = new RequestBodies(Json.newMapper(), config.maxJsonBytes(), config.maxUploadBytes());
        VerifyRoutes routes = new VerifyRoutes(new PdfVerifier(fixture.policy()), bodies);
        app = new Application(config, new FileSystemObjectStore(data), USER, List.of(routes));
        port = app.start();
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
        assertEquals("受理专用章", report.get("signatures").get(0).get("signerSubject").asText());
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

    @Test
    void anonymousCallersAreRefused() throws Exception {
        assertEquals(401, post(sealed, false).statusCode());
    }
}
