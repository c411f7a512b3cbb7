package org.onewindow.service.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.Application;
import org.onewindow.service.config.Config;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.identity.Role;
import org.onewindow.service.web.Authenticator;
import org.onewindow.storage.fs.FileSystemObjectStore;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The intake routes inside the real application: authorization, problem JSON, upload limit. */
class IntakeApplicationTest {
    @TempDir
    static Path dataDir;
    static Application app;
    static int port;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code X-Test-User: alice:WINDOW_CLERK}; no header means anonymous. */
    private static final Authenticator HEADER_USERS = ctx -> {
        String header = ctx.header("X-Test-User");
        if (header == null) {
            return Optional.empty();
        }
        String[] parts = header.split(":", 2);
        Set<Role> roles = Arrays.stream(parts[1].split(",")).map(Role::valueOf).collect(Collectors.toSet());
        return Optional.of(new Principal(parts[0], parts[0], roles, null, "test"));
    };

    @BeforeAll
    static void start() throws Exception {
        Config config = Config.fromEnvironment(Map.of(
                Config.STORAGE, "fs:" + dataDir,
                Config.HOST, "127.0.0.1",
                Config.PORT, "0",
                Config.MAX_UPLOAD_BYTES, "2MiB"));
        app = new Application(config, new FileSystemObjectStore(dataDir), HEADER_USERS, List.of());
        port = app.start();
        caseA1 = openCase();
        caseA2 = openCase();
    }

    private static String caseA1;
    private static String caseA2;

    /** A case for the first seeded catalog item (食品经营许可: 主件 M01–M04, 副件 S01–S02). */
    private static String openCase() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cases"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("X-Test-User", "alice:WINDOW_CLERK")
                .POST(HttpRequest.BodyPublishers.ofString("{\"itemCode\":\"620982-XK-0001\",\"applicant\":"
                        + "{\"name\":\"敦煌市鸣沙山驼铃餐饮有限公司\",\"idNumber\":\"91620982MA00000001\","
                        + "\"phone\":\"0937-0000000\"}}"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("id").asText();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void routesAreInTheTableWithTheirAccess() {
        List<String> endpoints = app.registeredEndpoints();
        assertTrue(endpoints.contains("POST /api/cases/{caseId}/materials/{materialCode}"), endpoints.toString());
        assertTrue(endpoints.contains("GET /api/jobs/{id}"), endpoints.toString());
    }

    @Test
    void clerkUploadsApproverReadsOthersAreRefused() throws Exception {
        byte[] png = TestFiles.png(TestFiles.markedImage(300, 200));
        assertEquals(401, upload("/api/cases/" + caseA1 + "/materials/M01", null, "a.png", png).statusCode());
        assertEquals(403, upload("/api/cases/" + caseA1 + "/materials/M01", "bob:DEPARTMENT_APPROVER", "a.png", png).statusCode());
        HttpResponse<String> created = upload("/api/cases/" + caseA1 + "/materials/M01", "alice:WINDOW_CLERK", "a.png", png);
        assertEquals(201, created.statusCode(), created.body());
        String job = JSON.readTree(created.body()).get("ocrJobId").asText();
        assertEquals(200, get("/api/cases/" + caseA1 + "/materials/M01", "bob:DEPARTMENT_APPROVER").statusCode());
        assertEquals(200, get("/api/jobs/" + job, "bob:DEPARTMENT_APPROVER").statusCode());
        assertEquals(403, get("/api/jobs/" + job, "carol:AUDITOR").statusCode());
    }

    @Test
    void hostileUploadsAreProblemJson() throws Exception {
        assertProblem(upload("/api/cases/" + caseA2 + "/materials/M01", "alice:WINDOW_CLERK", "a.pdf",
                TestFiles.png(TestFiles.markedImage(50, 50))), 415, "unsupported-media-type");
        assertProblem(upload("/api/cases/" + caseA2 + "/materials/M01", "alice:WINDOW_CLERK", "b.png",
                TestFiles.pngHeaderOnly(50_000, 50_000)), 413, "payload-too-large");
        assertProblem(upload("/api/cases/" + caseA2 + "/materials/M01", "alice:WINDOW_CLERK", "big.pdf",
                new byte[3 << 20]), 413, "payload-too-large");
        assertEquals(404, get("/api/cases/" + caseA2 + "/materials/M01", "alice:WINDOW_CLERK").statusCode());
    }

    @Test
    void heicIsAProblemThatSaysWhatToDo() throws Exception {
        Path png = dataDir.resolve("heic-source.png");
        javax.imageio.ImageIO.write(TestFiles.markedImage(64, 48), "png", png.toFile());
        Path heic = dataDir.resolve("phone.heic");
        Process encoder;
        try {
            encoder = new ProcessBuilder("heif-enc", "-q", "50", png.toString(), "-o", heic.toString())
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError("'heif-enc' is missing: apt-get install libheif-examples", e);
        }
        encoder.getInputStream().readAllBytes();
        assertEquals(0, encoder.waitFor());
        HttpResponse<String> response = upload("/api/cases/" + caseA2 + "/materials/M01", "alice:WINDOW_CLERK",
                "IMG_0001.HEIC", java.nio.file.Files.readAllBytes(heic));
        assertProblem(response, 415, "image-format-not-supported");
        JsonNode problem = JSON.readTree(response.body());
        assertEquals("image/heic", problem.path("detectedType").asText(), response.body());
        assertEquals("HEIC/HEIF", problem.path("format").asText(), response.body());
        assertTrue(problem.path("advice").asText().contains("JPEG"), response.body());
        assertTrue(problem.path("acceptedTypes").toString().contains("image/webp"), response.body());
    }

    @Test
    void uploadsGoOnlyToOpenCasesAndListedMaterialsAndFeedTheChecklist() throws Exception {
        byte[] png = TestFiles.png(TestFiles.markedImage(300, 200));
        assertProblem(upload("/api/cases/DH20990101999999/materials/M01", "alice:WINDOW_CLERK", "a.png", png), 404,
                "not-found");
        assertProblem(upload("/api/cases/" + caseA1 + "/materials/X99", "alice:WINDOW_CLERK", "a.png", png), 422,
                "unprocessable");
        assertEquals(201, upload("/api/cases/" + caseA1 + "/materials/M02", "alice:WINDOW_CLERK", "a.png", png)
                .statusCode());

        JsonNode record = JSON.readTree(get("/api/cases/" + caseA1, "alice:WINDOW_CLERK").body());
        assertTrue(record.path("materialsPresent").has("M02"), record.toString());
        JsonNode checklist = JSON.readTree(get("/api/cases/" + caseA1 + "/checklist", "alice:WINDOW_CLERK").body());
        assertTrue(checklist.toString().contains("M02"), checklist.toString());
        List<String> missingRequired = new java.util.ArrayList<>();
        checklist.path("missingRequired").forEach(m -> missingRequired.add(m.path("materialCode").asText()));
        assertTrue(missingRequired.contains("M03") && !missingRequired.contains("M02"), checklist.toString());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String slug) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode problem = JSON.readTree(response.body());
        assertTrue(problem.path("type").asText().endsWith(slug), response.body());
        assertTrue(!problem.path("detail").asText().isBlank(), response.body());
    }

    private static HttpResponse<String> upload(String path, String user, String name, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/octet-stream")
                .header("X-Filename", name).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (user != null) {
            request.header("X-Test-User", user);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String user) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-Test-User", user).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
