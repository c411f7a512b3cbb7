package org.onewindow.service.ofd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.onewindow.service.web.Authenticator;
import org.onewindow.service.web.Json;
import org.onewindow.storage.fs.FileSystemObjectStore;

/**
 * {@code POST /api/verify} and the public {@code POST /verify} page accept an OFD: the application trusts its own
 * PKI, not the test's SM2 root, so the two seals are intact but INDETERMINATE.
 */
class OfdVerifyHttpTest {
    @TempDir
    static Path dir;
    static Application app;
    static int port;
    static final Authenticator USER = ctx -> ctx.header("X-Test-User") == null ? Optional.empty()
            : Optional.of(new Principal(ctx.header("X-Test-User"), ctx.header("X-Test-User"), Set.of(), null, "test"));

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Config config = Config.fromEnvironment(Map.of(Config.STORAGE, "fs:" + data, Config.HOST, "127.0.0.1",
                Config.PORT, "0", Config.PUBLIC_URL, "https://zwfw.example.cn/", Config.MAX_UPLOAD_BYTES, "16MiB",
                Config.SEAL_KEY_TYPE, "ec-p256"));
        app = new Application(config, new FileSystemObjectStore(data), USER, List.of());
        port = app.start();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theApiReportsBothSealsOfAnOfd() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/verify")).header("X-Test-User", "clerk")
                .POST(HttpRequest.BodyPublishers.ofByteArray(SealedSamples.get().twoSeals)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode report = Json.newMapper().readTree(response.body());
        assertEquals("INDETERMINATE", report.get("indication").asText(), response.body());
        assertEquals("NO_CERTIFICATE_CHAIN_FOUND", report.get("subIndication").asText());
        assertEquals(2, report.get("signatures").size());
        JsonNode center = report.get("signatures").get(1);
        assertEquals("GB/T 38540 SES_Signature v4", center.get("subFilter").asText());
        assertTrue(center.get("digestIntact").asBoolean() && center.get("signatureValueValid").asBoolean());
    }

    @Test
    void thePublicPageShowsTheVerdictOfAnOfd() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/verify")).header("Content-Type", "application/ofd")
                .POST(HttpRequest.BodyPublishers.ofByteArray(SealedSamples.get().twoSeals)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("核验结果") && response.body().contains("签章"), response.body());
    }
}
