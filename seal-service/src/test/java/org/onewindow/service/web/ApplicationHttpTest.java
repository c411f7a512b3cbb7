package org.onewindow.service.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.onewindow.service.web.HttpTestSupport.assertProblem;
import static org.onewindow.service.web.HttpTestSupport.assertSecurityHeaders;
import static org.onewindow.service.web.HttpTestSupport.get;
import static org.onewindow.service.web.HttpTestSupport.json;
import static org.onewindow.service.web.HttpTestSupport.request;
import static org.onewindow.service.web.HttpTestSupport.send;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.Application;
import org.onewindow.service.BuildInfo;
import org.onewindow.service.config.Config;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.fs.FileSystemObjectStore;
import org.slf4j.LoggerFactory;

/** The application over real HTTP: one instance on a random port with a filesystem store and test-only routes. */
class ApplicationHttpTest {
    @TempDir
    static Path dataDir;

    static Application app;
    static ObjectStore store;
    static int port;

    @BeforeAll
    static void start() {
        Config config = Config.fromEnvironment(Map.of(
                Config.STORAGE, "fs:" + dataDir,
                Config.HOST, "127.0.0.1",
                Config.PORT, "0",
                Config.MAX_JSON_BYTES, "1KiB",
                Config.MAX_UPLOAD_BYTES, "4KiB"));
        store = new FileSystemObjectStore(dataDir);
        RequestBodies bodies = new RequestBodies(Json.newMapper(), config.maxJsonBytes(), config.maxUploadBytes());
        app = new Application(config, store, HttpTestSupport.HEADER_AUTHENTICATOR, List.of(new TestRoutes(bodies, store)));
        port = app.start();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop();
        }
    }

    // --- system routes ---

    @Test
    void healthzReportsOkAndTheStorage() {
        HttpResponse<String> response = get(port, "/healthz");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json(response);
        assertEquals("ok", body.path("status").asText());
        assertEquals(store.describe(), body.path("storage").asText());
        assertTrue(body.path("storage").asText().contains(dataDir.getFileName().toString()), body.toString());
        assertSecurityHeaders(response);
    }

    @Test
    void versionNamesTheBuild() {
        JsonNode body = json(get(port, "/api/version"));
        BuildInfo build = BuildInfo.load();
        assertEquals("onewindow", body.path("name").asText());
        assertEquals(build.version(), body.path("version").asText());
        assertNotEquals("unknown", body.path("version").asText(), "Maven filled in the build resource");
        assertFalse(body.path("version").asText().contains("${"));
        assertEquals(System.getProperty("java.version"), body.path("java").asText());
        assertTrue(body.has("gitCommit"));
    }

    @Test
    void openApiDocumentMatchesTheRegisteredEndpointsExactly() {
        HttpResponse<String> response = get(port, "/openapi.json");
        assertEquals(200, response.statusCode());
        JsonNode document = json(response);
        assertEquals("3.1.0", document.path("openapi").asText());

        Set<String> documented = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey()));
        }
        Set<String> registered = new TreeSet<>();
        for (String endpoint : app.registeredEndpoints()) {
            String[] parts = endpoint.split(" ", 2);
            registered.add(parts[0] + " " + OpenApiGenerator.openApiPath(parts[1]));
        }
        // HEAD twins of GET routes are registered by design (same access check as GET) and not documented.
        Set<String> documentedWithHead = new TreeSet<>(documented);
        documented.stream().filter(e -> e.startsWith("GET ")).forEach(e -> documentedWithHead.add("HEAD " + e.substring(4)));
        assertEquals(documentedWithHead, registered);
        assertTrue(registered.containsAll(Set.of("GET /healthz", "GET /api/version", "GET /openapi.json",
                "POST /test/echo", "GET /test/objects/{key}")), registered.toString());

        JsonNode sealsOperation = document.path("paths").path("/test/seals").path("get");
        assertEquals("[\"SEAL_ADMIN\"]", sealsOperation.path("x-roles").toString());
        assertFalse(sealsOperation.path("security").isEmpty(), "protected operations require security");
        assertTrue(sealsOperation.path("responses").has("401") && sealsOperation.path("responses").has("403"));
        assertEquals("[]", document.path("paths").path("/test/me").path("get").path("x-roles").toString());
        JsonNode health = document.path("paths").path("/healthz").path("get");
        assertTrue(health.path("security").isArray() && health.path("security").isEmpty(), "public: no security");
        assertFalse(health.has("x-roles"));
        assertEquals("itemId", document.path("paths").path("/test/items/{itemId}").path("get")
                .path("parameters").path(0).path("name").asText());
    }

    @Test
    void javaTimeIsWrittenAsIsoStrings() {
        JsonNode body = json(get(port, "/test/time"));
        assertEquals("2026-01-02T03:04:05Z", body.path("instant").asText());
        assertEquals("2026-11-25", body.path("date").asText());
    }

    // --- error mapping ---

    @Test
    void unknownRouteIsA404Problem() {
        HttpResponse<String> response = get(port, "/no/such/route");
        JsonNode problem = assertProblem(response, 404, "not-found");
        assertTrue(problem.path("detail").asText().contains("/no/such/route"));
        assertSecurityHeaders(response);
    }

    @Test
    void wrongMethodIsA405WithAllow() {
        HttpResponse<String> post = send(port, request(port, "/healthz").POST(HttpRequest.BodyPublishers.noBody()));
        assertProblem(post, 405, "method-not-allowed");
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(null));

        HttpResponse<String> delete = send(port, request(port, "/test/items/7").DELETE());
        assertProblem(delete, 405, "method-not-allowed");
        assertEquals("GET, HEAD", delete.headers().firstValue("Allow").orElse(null));

        HttpResponse<String> getEcho = get(port, "/test/echo");
        assertProblem(getEcho, 405, "method-not-allowed");
        assertEquals("POST", getEcho.headers().firstValue("Allow").orElse(null));
    }

    @Test
    void jsonBodiesAreParsedAndValidated() {
        HttpResponse<String> ok = postJson("/test/echo", "{\"message\":\"受理通知书\"}");
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("受理通知书", json(ok).path("message").asText());

        JsonNode malformed = assertProblem(postJson("/test/echo", "{\"message\": "), 400, "validation");
        assertTrue(malformed.path("detail").asText().startsWith("malformed JSON"), malformed.toString());

        JsonNode invalid = assertProblem(postJson("/test/echo", "{\"message\": \"  \"}"), 400, "validation");
        assertTrue(invalid.path("detail").asText().contains("message must not be blank"), invalid.toString());

        assertProblem(postJson("/test/echo", "{\"mesage\": \"typo\"}"), 400, "validation");
        assertProblem(postJson("/test/echo", "{\"message\": \"x\"} trailing"), 400, "validation");
        assertProblem(postJson("/test/echo", ""), 400, "validation");
    }

    @Test
    void wrongContentTypeIsA415() {
        HttpResponse<String> response = send(port, request(port, "/test/echo")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"x\"}")));
        JsonNode problem = assertProblem(response, 415, "unsupported-media-type");
        assertTrue(problem.path("detail").asText().contains("text/plain"), problem.toString());
    }

    @Test
    void oversizedBodiesAreA413WithOrWithoutContentLength() {
        String big = "{\"message\":\"" + "x".repeat(2048) + "\"}";
        assertProblem(postJson("/test/echo", big), 413, "payload-too-large");

        HttpResponse<String> chunked = send(port, request(port, "/test/echo")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))));
        assertProblem(chunked, 413, "payload-too-large");

        HttpResponse<String> smallUpload = send(port, request(port, "/test/upload-size")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[3000])));
        assertEquals(200, smallUpload.statusCode(), smallUpload.body());
        assertEquals(3000, json(smallUpload).path("bytes").asInt());

        HttpResponse<String> bigUpload = send(port, request(port, "/test/upload-size")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[5000]))));
        assertProblem(bigUpload, 413, "payload-too-large");
    }

    @Test
    void unexpectedFailureIsA500WithOnlyTheRequestId() {
        ListAppender<ILoggingEvent> logged = capture(ProblemMapper.class.getName());
        try {
            HttpResponse<String> response = get(port, "/test/boom");
            JsonNode problem = assertProblem(response, 500, "internal");
            String requestId = problem.path("requestId").asText();
            assertTrue(problem.path("detail").asText().contains(requestId));
            assertFalse(response.body().contains("hunter2"), response.body());
            assertFalse(response.body().contains("IllegalStateException"), response.body());
            assertFalse(response.body().contains("at org."), response.body());

            ILoggingEvent event = logged.list.stream().filter(e -> e.getThrowableProxy() != null).findFirst()
                    .orElseThrow(() -> new AssertionError("the failure was not logged with its stack trace"));
            assertEquals(IllegalStateException.class.getName(), event.getThrowableProxy().getClassName());
            assertEquals(requestId, event.getMDCPropertyMap().get(RequestIds.MDC_KEY));
        } finally {
            release(ProblemMapper.class.getName(), logged);
        }
    }

    @Test
    void storageExceptionsMapToTheirStatus() {
        store.put("docs/a.txt", "受理".getBytes(StandardCharsets.UTF_8), PutOptions.of("text/plain"));
        HttpResponse<String> found = get(port, "/test/objects/docs/a.txt");
        assertEquals(200, found.statusCode(), found.body());
        assertEquals("受理", found.body());

        assertProblem(get(port, "/test/objects/docs/missing.txt"), 404, "not-found");
        assertProblem(get(port, "/test/objects-range/docs/a.txt"), 416, "range-not-satisfiable");

        HttpResponse<String> created = send(port, request(port, "/test/objects/docs/b.txt")
                .PUT(HttpRequest.BodyPublishers.ofString("first")));
        assertEquals(200, created.statusCode(), created.body());
        assertEquals(5, json(created).path("size").asInt());
        JsonNode conflict = assertProblem(send(port, request(port, "/test/objects/docs/b.txt")
                .PUT(HttpRequest.BodyPublishers.ofString("second"))), 409, "conflict");
        assertTrue(conflict.path("detail").asText().contains("docs/b.txt"), conflict.toString());
        assertProblem(get(port, "/test/objects/docs/%5Cbackslash"), 400, "validation");
    }

    @Test
    void requestsJettyRejectsAreProblemsToo() throws IOException {
        String response = rawRequest("GET /%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 400 "), response);
        assertTrue(response.contains("Content-Type: application/problem+json"), response);
        assertTrue(response.contains("\"type\":\"urn:onewindow:problem:validation\""), response);
        assertTrue(response.contains("X-Request-Id: "), response);

        String hugeHeader = "X-Big: " + "a".repeat(20_000) + "\r\n";
        String tooLarge = rawRequest("GET /healthz HTTP/1.1\r\nHost: localhost\r\n" + hugeHeader
                + "Connection: close\r\n\r\n");
        assertTrue(tooLarge.startsWith("HTTP/1.1 431 "), tooLarge);
        assertTrue(tooLarge.contains("\"status\":431"), tooLarge);
    }

    private static String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // --- authorization ---

    @Test
    void protectedRoutesNeedAPrincipalWithTheRole() {
        HttpResponse<String> anonymous = get(port, "/test/seals");
        assertProblem(anonymous, 401, "unauthorized");
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").isPresent());

        HttpResponse<String> clerk = get(port, "/test/seals", "X-Test-User", "bob:WINDOW_CLERK,AUDITOR");
        JsonNode forbidden = assertProblem(clerk, 403, "forbidden");
        assertTrue(forbidden.path("detail").asText().contains("SEAL_ADMIN"), forbidden.toString());

        HttpResponse<String> admin = get(port, "/test/seals", "X-Test-User", "alice:SEAL_ADMIN");
        assertEquals(200, admin.statusCode(), admin.body());
        assertEquals("alice", json(admin).path("user").asText());

        HttpResponse<String> head = send(port, request(port, "/test/seals").method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(401, head.statusCode(), "HEAD is checked like GET");

        assertProblem(get(port, "/test/me"), 401, "unauthorized");
        HttpResponse<String> noRoles = get(port, "/test/me", "X-Test-User", "carol:");
        assertEquals(200, noRoles.statusCode(), "any logged-in user: " + noRoles.body());
    }

    // --- request ids and the request log ---

    @Test
    void requestIdIsHonouredEchoedAndLogged() throws InterruptedException {
        ListAppender<ILoggingEvent> logged = capture("org.onewindow.service.http");
        try {
            String id = "client-" + UUID.randomUUID();
            HttpResponse<String> response = get(port, "/no/such/thing", "X-Request-Id", id);
            assertEquals(id, response.headers().firstValue("X-Request-Id").orElse(null));
            assertEquals(id, json(response).path("requestId").asText());

            ILoggingEvent line = awaitEvent(logged, id);
            String message = line.getFormattedMessage();
            assertTrue(message.startsWith("GET /no/such/thing 404 "), message);
            assertTrue(message.matches(".* \\d+ms user=-"), message);

            HttpResponse<String> admin = get(port, "/test/seals", "X-Request-Id", id + "-2", "X-Test-User", "alice:SEAL_ADMIN");
            assertTrue(awaitEvent(logged, id + "-2").getFormattedMessage().endsWith("user=alice"));
            assertEquals(200, admin.statusCode());
        } finally {
            release("org.onewindow.service.http", logged);
        }
    }

    @Test
    void malformedRequestIdIsReplaced() {
        HttpResponse<String> response = get(port, "/healthz", "X-Request-Id", "bad id;<script>");
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertNotEquals("bad id;<script>", id);
        assertNotNull(UUID.fromString(id));

        String generated = get(port, "/healthz").headers().firstValue("X-Request-Id").orElseThrow();
        assertNotNull(UUID.fromString(generated));
        assertNotEquals(id, generated);
    }

    // --- helpers ---

    private static HttpResponse<String> postJson(String path, String body) {
        return send(port, request(port, path).header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    static ListAppender<ILoggingEvent> capture(String loggerName) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(loggerName)).addAppender(appender);
        return appender;
    }

    static void release(String loggerName, ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(loggerName)).detachAppender(appender);
        appender.stop();
    }

    /** The request log line is written after the response is sent: wait for it (bounded). */
    private static ILoggingEvent awaitEvent(ListAppender<ILoggingEvent> appender, String requestId)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            synchronized (appender) { // AppenderBase appends under the appender's lock
                for (ILoggingEvent event : List.copyOf(appender.list)) {
                    if (requestId.equals(event.getMDCPropertyMap().get(RequestIds.MDC_KEY))) {
                        return event;
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no request log line with request id " + requestId);
    }
}
