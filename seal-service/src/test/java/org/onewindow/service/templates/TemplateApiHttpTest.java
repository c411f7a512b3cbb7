package org.onewindow.service.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.onewindow.service.templates.TemplateTestSupport.isPng;
import static org.onewindow.service.templates.TemplateTestSupport.text;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.Application;
import org.onewindow.service.config.Config;
import org.onewindow.service.web.Authenticator;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.fs.FileSystemObjectStore;

/** {@code /api/templates} over real HTTP: a started application with a filesystem store and real fonts. */
class TemplateApiHttpTest {
    static final String PUBLIC_URL = "https://zwfw.dunhuang.example.gov.cn";
    static final String CLERK = "clerk:WINDOW_CLERK";
    static final String ADMIN = "admin:SYSTEM_ADMIN";
    static final String AUDITOR = "auditor:AUDITOR";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final List<String> DEFAULT_IDS = List.of("acceptance-notice", "non-acceptance-notice", "correction-notice",
            "handover-receipt", "permit-decision", "permit-denial-decision", "collection-notice", "archive-cover",
            "archive-index");

    @TempDir
    static Path dataDir;
    static ObjectStore store;
    static Application app;
    static int port;

    @BeforeAll
    static void start() {
        store = new FileSystemObjectStore(dataDir);
        app = new Application(config(dataDir, Map.of()), store, TemplateTestSupport.HEADER_AUTHENTICATOR, List.of());
        port = app.start();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop();
        }
    }

    static Config config(Path dir, Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                Config.STORAGE, "fs:" + dir,
                Config.HOST, "127.0.0.1",
                Config.PORT, "0",
                Config.PUBLIC_URL, PUBLIC_URL));
        env.putAll(extra);
        return Config.fromEnvironment(env);
    }

    // --- listing and definitions ---

    @Test
    void listHasTheNineTemplatesForAnyLoggedInRole() throws IOException {
        for (String user : List.of(CLERK, AUDITOR, "nobody-special:")) {
            HttpResponse<byte[]> response = send(get("/api/templates", user));
            assertEquals(200, response.statusCode(), user);
            JsonNode templates = json(response).path("templates");
            List<String> ids = new ArrayList<>();
            templates.forEach(t -> ids.add(t.path("id").asText()));
            assertEquals(DEFAULT_IDS, ids);
            JsonNode first = templates.get(0);
            assertEquals("受理通知书", first.path("title").asText());
            assertTrue(first.path("fields").size() > 5, first.toString());
            assertEquals("acceptanceSeal", first.path("seals").get(0).path("name").asText());
        }
    }

    @Test
    void anonymousCallersGet401() throws IOException {
        for (HttpRequest request : List.of(get("/api/templates", null), get("/api/templates/acceptance-notice", null),
                get("/api/templates/acceptance-notice/preview.pdf", null),
                post("/api/templates/acceptance-notice/render", null, "{}"))) {
            HttpResponse<byte[]> response = send(request);
            assertProblem(response, 401, "unauthorized");
        }
    }

    @Test
    void withoutAnAuthenticatorEveryTemplateRouteIs401(@TempDir Path otherData) throws IOException {
        try (Application other = new Application(config(otherData, Map.of()), new FileSystemObjectStore(otherData),
                Authenticator.nobody(), List.of())) {
            int otherPort = other.start();
            for (String path : List.of("/api/templates", "/api/templates/acceptance-notice/preview.png")) {
                assertProblem(send(request(otherPort, path, ADMIN).GET().build()), 401, "unauthorized");
            }
        }
    }

    @Test
    void definitionIsTheTemplateJson() throws IOException {
        HttpResponse<byte[]> response = send(get("/api/templates/handover-receipt", AUDITOR));
        assertEquals(200, response.statusCode());
        assertEquals("default", response.headers().firstValue(TemplateRoutes.TEMPLATE_SOURCE_HEADER).orElse(null));
        JsonNode definition = json(response);
        assertEquals("handover-receipt", definition.path("id").asText());
        assertTrue(definition.path("layout").isArray() && definition.path("layout").size() > 3);
        assertTrue(definition.path("sample").path("fields").size() > 0);
    }

    @Test
    void unknownTemplateIs404Everywhere() throws IOException {
        for (HttpRequest request : List.of(get("/api/templates/no-such-template", CLERK),
                get("/api/templates/no-such-template/preview.pdf", CLERK),
                get("/api/templates/no-such-template/preview.png", CLERK),
                get("/api/templates/NOT_AN_ID/preview.pdf", CLERK),
                post("/api/templates/no-such-template/render", CLERK, "{\"fields\":{}}"))) {
            JsonNode problem = assertProblem(send(request), 404, "not-found");
            assertTrue(problem.path("detail").asText().contains("No template"), problem.toString());
        }
    }

    // --- previews ---

    @Test
    void previewPdfIsAPdfWithTheSampleData() throws IOException {
        HttpResponse<byte[]> response = send(get("/api/templates/acceptance-notice/preview.pdf", AUDITOR));
        assertEquals(200, response.statusCode());
        assertEquals("application/pdf", contentType(response));
        String text = text(response.body());
        assertTrue(text.contains("受理通知书"), text);
        assertTrue(text.contains("敦煌市鸣沙山驼铃餐饮有限公司"), text); // the template's sample applicant
        assertEquals("SAMPLE-ACCEPTANCE-NOTICE", response.headers().firstValue(TemplateRoutes.VERIFICATION_ID_HEADER).orElse(null));
        assertTrue(text.contains("SAMPLE-ACCEPTANCE-NOTICE"), text);
    }

    @Test
    void previewPngIsAPngOfAnA4Page() throws IOException {
        HttpResponse<byte[]> response = send(get("/api/templates/permit-decision/preview.png?dpi=72", CLERK));
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        assertEquals("image/png", contentType(response));
        assertTrue(isPng(response.body()));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
        assertEquals(Math.round(210 / 25.4 * 72), image.getWidth(), 1); // A4 at 72 dpi
        assertEquals(Math.round(297 / 25.4 * 72), image.getHeight(), 1);

        assertProblem(send(get("/api/templates/permit-decision/preview.png?dpi=1000", CLERK)), 400, "validation");
        assertProblem(send(get("/api/templates/permit-decision/preview.png?page=abc", CLERK)), 400, "validation");
        JsonNode noPage = assertProblem(send(get("/api/templates/permit-decision/preview.png?page=99", CLERK)), 400, "validation");
        assertTrue(noPage.path("detail").asText().contains("page 99"), noPage.toString());
    }

    // --- rendering ---

    @Test
    void renderReturnsAPdfWithTheSubmittedValuesAndAFreshVerificationId() throws IOException {
        ObjectNode body = sampleRequest("acceptance-notice");
        ((ObjectNode) body.path("fields")).put("applicantName", "敦煌市月牙泉文旅发展有限公司");
        ((ObjectNode) body.path("fields")).put("caseNumber", "DH20261125000777");
        body.put("issuedAt", "2026-11-25T10:30:00+08:00");
        ObjectNode material = ((ObjectNode) body.path("tables").path("materials").get(0));
        material.put("name", "旅行社业务经营许可申请书");

        HttpResponse<byte[]> first = send(post("/api/templates/acceptance-notice/render", CLERK, body.toString()));
        assertEquals(200, first.statusCode(), new String(first.body(), StandardCharsets.UTF_8));
        assertEquals("application/pdf", contentType(first));
        assertEquals("no-store", first.headers().firstValue("Cache-Control").orElse(null));
        String verificationId = first.headers().firstValue(TemplateRoutes.VERIFICATION_ID_HEADER).orElseThrow();
        assertTrue(verificationId.matches("[A-Z2-7]{20}"), verificationId);

        String text = text(first.body());
        for (String expected : List.of("敦煌市月牙泉文旅发展有限公司", "DH20261125000777", "旅行社业务经营许可申请书",
                "2026年11月25日", verificationId)) {
            assertTrue(text.contains(expected), expected + " missing from:\n" + text);
        }
        assertTrue(text.contains(PUBLIC_URL.replace("https://", "")), "verify URL in the footer:\n" + text);

        JsonNode seals = JSON.readTree(first.headers().firstValue(TemplateRoutes.SEAL_FIELDS_HEADER).orElseThrow());
        assertEquals(1, seals.size(), seals.toString());
        assertEquals("acceptanceSeal", seals.get(0).path("name").asText());
        assertEquals("受理专用章", seals.get(0).path("label").asText());
        assertEquals(40.0, seals.get(0).path("rect").path("width").asDouble(), 0.5);
        assertEquals(TemplateTestSupport.pageCount(first.body()),
                Integer.parseInt(first.headers().firstValue(TemplateRoutes.PAGE_COUNT_HEADER).orElseThrow()));

        // Every render gets its own id, and only the window, departments and center may render.
        HttpResponse<byte[]> second = send(post("/api/templates/acceptance-notice/render",
                "approver:DEPARTMENT_APPROVER", body.toString()));
        assertEquals(200, second.statusCode());
        assertNotEquals(verificationId, second.headers().firstValue(TemplateRoutes.VERIFICATION_ID_HEADER).orElseThrow());
        assertEquals(200, send(post("/api/templates/acceptance-notice/render", "center:CENTER_APPROVER", body.toString()))
                .statusCode());
    }

    @Test
    void renderWithoutIssuedAtIsDatedToday() throws IOException {
        ObjectNode body = sampleRequest("collection-notice");
        HttpResponse<byte[]> response = send(post("/api/templates/collection-notice/render", CLERK, body.toString()));
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        java.time.LocalDate today = java.time.LocalDate.now(TemplateService.ZONE);
        String date = today.getYear() + "年" + today.getMonthValue() + "月" + today.getDayOfMonth() + "日";
        String text = text(response.body());
        assertTrue(text.contains(date), date + " missing from:\n" + text);
    }

    @Test
    void renderNeedsAnIssuingRole() throws IOException {
        String body = sampleRequest("acceptance-notice").toString();
        for (String user : List.of(AUDITOR, ADMIN, "sealadmin:SEAL_ADMIN")) {
            JsonNode problem = assertProblem(send(post("/api/templates/acceptance-notice/render", user, body)), 403, "forbidden");
            assertTrue(problem.path("detail").asText().contains("WINDOW_CLERK"), problem.toString());
        }
    }

    @Test
    void missingRequiredFieldIs422WithThePath() throws IOException {
        ObjectNode body = sampleRequest("acceptance-notice");
        ((ObjectNode) body.path("fields")).remove("applicantName");
        JsonNode problem = assertProblem(send(post("/api/templates/acceptance-notice/render", CLERK, body.toString())),
                422, "unprocessable");
        assertEquals("fields.applicantName", problem.path("path").asText(), problem.toString());
        assertEquals("acceptance-notice", problem.path("templateId").asText());
        assertTrue(problem.path("detail").asText().contains("申请人"), problem.toString());

        ObjectNode badRow = sampleRequest("acceptance-notice");
        ((ObjectNode) badRow.path("tables").path("materials").get(1)).put("name", "");
        JsonNode rowProblem = assertProblem(send(post("/api/templates/acceptance-notice/render", CLERK, badRow.toString())),
                422, "unprocessable");
        assertTrue(rowProblem.path("path").asText().startsWith("tables.materials[1]"), rowProblem.toString());

        ObjectNode badDate = sampleRequest("acceptance-notice");
        ((ObjectNode) badDate.path("fields")).put("applicationDate", "2026-13-45");
        JsonNode dateProblem = assertProblem(send(post("/api/templates/acceptance-notice/render", CLERK, badDate.toString())),
                422, "unprocessable");
        assertEquals("fields.applicationDate", dateProblem.path("path").asText(), dateProblem.toString());
    }

    @Test
    void malformedOrMisshapenJsonIs400() throws IOException {
        assertProblem(send(post("/api/templates/acceptance-notice/render", CLERK, "{\"fields\": {")), 400, "validation");
        assertProblem(send(post("/api/templates/acceptance-notice/render", CLERK, "{\"feilds\": {}}")), 400, "validation");
        assertProblem(send(post("/api/templates/acceptance-notice/render", CLERK, "{\"issuedAt\": \"yesterday\"}")),
                400, "validation");
        HttpRequest notJson = request("/api/templates/acceptance-notice/render", CLERK)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertProblem(send(notJson), 415, "unsupported-media-type");
    }

    // --- overrides ---

    @Test
    void overrideChangesTheRenderedTitleUntilDeleted() throws IOException {
        String id = "collection-notice";
        ObjectNode definition = (ObjectNode) json(send(get("/api/templates/" + id, ADMIN)));
        ObjectNode title = (ObjectNode) definition.path("layout").get(0);
        assertEquals("title", title.path("type").asText());
        title.put("text", "{issuer}\n办结领证通知");
        definition.put("title", "办结领证通知");
        String request = sampleRequest(id).toString();
        try {
            assertProblem(send(put("/api/templates/" + id + "/override", CLERK, definition.toString())), 403, "forbidden");

            HttpResponse<byte[]> created = send(put("/api/templates/" + id + "/override", ADMIN, definition.toString()));
            assertEquals(201, created.statusCode(), new String(created.body(), StandardCharsets.UTF_8));
            assertEquals("办结领证通知", json(created).path("title").asText());
            assertTrue(store.head(ObjectStoreTemplateSource.key(id)).isPresent());
            assertEquals("admin", store.head(ObjectStoreTemplateSource.key(id)).orElseThrow().userMetadata().get("uploaded-by"));
            assertEquals(200, send(put("/api/templates/" + id + "/override", ADMIN, definition.toString())).statusCode(),
                    "a second upload replaces the first");

            JsonNode listed = findTemplate(id);
            assertTrue(listed.path("overridden").asBoolean());
            assertEquals("办结领证通知", listed.path("title").asText());
            assertEquals("override", send(get("/api/templates/" + id, CLERK)).headers()
                    .firstValue(TemplateRoutes.TEMPLATE_SOURCE_HEADER).orElse(null));

            String overridden = text(send(post("/api/templates/" + id + "/render", CLERK, request)).body());
            assertTrue(overridden.contains("办结领证通知"), overridden);
            assertFalse(overridden.contains("出件通知"), overridden);
            String preview = text(send(get("/api/templates/" + id + "/preview.pdf", CLERK)).body());
            assertTrue(preview.contains("办结领证通知"), preview);
        } finally {
            assertProblem(send(delete("/api/templates/" + id + "/override", CLERK)), 403, "forbidden");
            assertEquals(204, send(delete("/api/templates/" + id + "/override", ADMIN)).statusCode());
        }
        String restored = text(send(post("/api/templates/" + id + "/render", CLERK, request)).body());
        assertTrue(restored.contains("出件通知"), restored);
        assertFalse(findTemplate(id).path("overridden").asBoolean());
        assertFalse(store.head(ObjectStoreTemplateSource.key(id)).isPresent());
        assertProblem(send(delete("/api/templates/" + id + "/override", ADMIN)), 404, "not-found");
    }

    @Test
    void aCenterMayAddATemplateOfItsOwn() throws IOException {
        ObjectNode definition = (ObjectNode) json(send(get("/api/templates/collection-notice", ADMIN)));
        definition.put("id", "pickup-reminder");
        definition.put("title", "取件提醒");
        ((ObjectNode) definition.path("layout").get(0)).put("text", "{issuer}\n取件提醒");
        try {
            assertEquals(201, send(put("/api/templates/pickup-reminder/override", ADMIN, definition.toString())).statusCode());
            List<String> ids = new ArrayList<>();
            json(send(get("/api/templates", CLERK))).path("templates").forEach(t -> ids.add(t.path("id").asText()));
            assertEquals("pickup-reminder", ids.get(ids.size() - 1), ids.toString());
            assertEquals(DEFAULT_IDS.size() + 1, ids.size());
            String text = text(send(post("/api/templates/pickup-reminder/render", CLERK,
                    sampleRequest("collection-notice").toString())).body());
            assertTrue(text.contains("取件提醒"), text);
        } finally {
            send(delete("/api/templates/pickup-reminder/override", ADMIN));
        }
        assertProblem(send(get("/api/templates/pickup-reminder", CLERK)), 404, "not-found");
    }

    @Test
    void badOverrideIs422AndNothingIsStored() throws IOException {
        String id = "permit-decision";
        ObjectNode definition = (ObjectNode) json(send(get("/api/templates/" + id, ADMIN)));

        ObjectNode unknownPlaceholder = definition.deepCopy();
        ((ObjectNode) unknownPlaceholder.path("layout").get(0)).put("text", "{issuer}\n{noSuchField}准予行政许可决定书");
        ObjectNode wrongId = definition.deepCopy().put("id", "acceptance-notice");
        ObjectNode unknownProperty = definition.deepCopy().put("colour", "red");
        ObjectNode unknownBlock = definition.deepCopy();
        ((ObjectNode) unknownBlock.path("layout").get(0)).put("type", "banner");
        ObjectNode sampleMissesARequiredField = definition.deepCopy(); // parses, but could never be previewed
        ((ObjectNode) sampleMissesARequiredField.path("sample").path("fields")).remove("applicantName");

        for (ObjectNode bad : List.of(unknownPlaceholder, wrongId, unknownProperty, unknownBlock, sampleMissesARequiredField)) {
            JsonNode problem = assertProblem(send(put("/api/templates/" + id + "/override", ADMIN, bad.toString())),
                    422, "unprocessable");
            assertEquals(id, problem.path("templateId").asText(), problem.toString());
            assertTrue(store.list(ObjectStoreTemplateSource.PREFIX, null, 10).objects().isEmpty(),
                    "nothing stored after " + problem);
        }
        JsonNode sampleProblem = assertProblem(send(put("/api/templates/" + id + "/override", ADMIN,
                sampleMissesARequiredField.toString())), 422, "unprocessable");
        assertTrue(sampleProblem.path("detail").asText().contains("sample.fields.applicantName"), sampleProblem.toString());
        // The trial render left no trace: the default still renders and previews.
        assertTrue(text(send(get("/api/templates/" + id + "/preview.pdf", CLERK)).body()).contains("敦煌"));
        assertProblem(send(put("/api/templates/" + id + "/override", ADMIN, "{\"id\": ")), 400, "validation");
        assertProblem(send(put("/api/templates/Bad_Id/override", ADMIN, definition.toString())), 400, "validation");
        assertTrue(store.list(ObjectStoreTemplateSource.PREFIX, null, 10).objects().isEmpty());
        assertFalse(findTemplate(id).path("overridden").asBoolean());
    }

    @Test
    void aBrokenStoredOverrideIsReportedNotFatal() throws IOException {
        store.put(ObjectStoreTemplateSource.key("archive-index"), "{\"id\": \"archive-index\"}".getBytes(StandardCharsets.UTF_8),
                org.onewindow.storage.PutOptions.of("application/json"));
        try {
            JsonNode listed = findTemplate("archive-index");
            assertTrue(listed.path("problem").asText().contains("title is required"), listed.toString());
            assertEquals(DEFAULT_IDS.size(), json(send(get("/api/templates", CLERK))).path("templates").size());
            assertProblem(send(get("/api/templates/archive-index/preview.pdf", CLERK)), 422, "unprocessable");
        } finally {
            store.delete(ObjectStoreTemplateSource.key("archive-index"));
        }
    }

    @Test
    void missingFontIs503WithoutServerPaths(@TempDir Path otherData) throws IOException {
        Config config = config(otherData, Map.of(Config.FONT_SONG, "/nonexistent/onewindow-song.ttf"));
        try (Application other = new Application(config, new FileSystemObjectStore(otherData),
                TemplateTestSupport.HEADER_AUTHENTICATOR, List.of())) {
            int otherPort = other.start();
            HttpRequest render = request(otherPort, "/api/templates/acceptance-notice/render", CLERK)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(sampleRequest("acceptance-notice").toString())).build();
            HttpResponse<byte[]> response = send(render);
            JsonNode problem = assertProblem(response, 503, "service-unavailable");
            assertFalse(problem.toString().contains("/nonexistent"), problem.toString());
            assertEquals(200, send(request(otherPort, "/api/templates", CLERK).GET().build()).statusCode(),
                    "listing needs no fonts");
        }
    }

    @Test
    void openApiListsTheTemplateRoutesWithTheirRoles() throws IOException {
        JsonNode paths = json(send(get("/openapi.json", null))).path("paths");
        assertTrue(paths.has("/api/templates"), paths.toString());
        JsonNode render = paths.path("/api/templates/{templateId}/render").path("post");
        assertTrue(render.path("x-roles").toString().contains("WINDOW_CLERK"), render.toString());
        assertTrue(paths.path("/api/templates/{templateId}/override").path("put").path("x-roles").toString()
                .contains("SYSTEM_ADMIN"));
    }

    // --- helpers ---

    /** The template's own sample data as a render request body. */
    static ObjectNode sampleRequest(String templateId) throws IOException {
        JsonNode definition = json(send(get("/api/templates/" + templateId, CLERK)));
        ObjectNode body = JSON.createObjectNode();
        body.set("fields", definition.path("sample").path("fields").deepCopy());
        body.set("tables", definition.path("sample").path("tables").deepCopy());
        return body;
    }

    static JsonNode findTemplate(String id) throws IOException {
        for (JsonNode t : json(send(get("/api/templates", CLERK))).path("templates")) {
            if (t.path("id").asText().equals(id)) {
                return t;
            }
        }
        throw new AssertionError("template " + id + " not listed");
    }

    static HttpRequest.Builder request(String path, String user) {
        return request(port, path, user);
    }

    static HttpRequest.Builder request(int port, String path, String user) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (user != null) {
            builder.header("X-Test-User", user);
        }
        return builder;
    }

    static HttpRequest get(String path, String user) {
        return request(path, user).GET().build();
    }

    static HttpRequest delete(String path, String user) {
        return request(path, user).DELETE().build();
    }

    static HttpRequest post(String path, String user, String json) {
        return request(path, user).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
    }

    static HttpRequest put(String path, String user, String json) {
        return request(path, user).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
    }

    static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        return JSON.readTree(response.body());
    }

    static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
    }

    static JsonNode assertProblem(HttpResponse<byte[]> response, int status, String slug) throws IOException {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(status, response.statusCode(), body);
        assertEquals("application/problem+json", contentType(response), body);
        JsonNode problem = JSON.readTree(body);
        assertEquals("urn:onewindow:problem:" + slug, problem.path("type").asText(), body);
        assertEquals(status, problem.path("status").asInt(), body);
        assertEquals(response.uri().getRawPath(), problem.path("instance").asText(), body);
        return problem;
    }
}
