package org.onewindow.service.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.errors.OnewindowException;
import org.onewindow.service.identity.Role;
import org.onewindow.service.intake.ocr.OcrEngine;
import org.onewindow.service.intake.ocr.Tesseract;
import org.onewindow.service.intake.ocr.TextLayerWriter;
import org.onewindow.service.jobs.JobRunner;
import org.onewindow.service.web.Access;
import org.onewindow.service.web.Route;
import org.onewindow.storage.fs.FileSystemObjectStore;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The intake routes on a bare Javalin (the application's skeleton adds authentication and problem JSON; here
 * a minimal exception mapping stands in for it).
 */
class MaterialRoutesTest {
    @TempDir
    Path temp;
    private FileSystemObjectStore store;
    private OcrEngine ocr;
    private JobRunner jobs;
    private Javalin app;
    private String base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private List<Route> routes;

    @BeforeEach
    void setUp() {
        store = new FileSystemObjectStore(temp.resolve("store"));
        ocr = new OcrEngine(Tesseract.defaults(), 2, 40_000_000L, temp.resolve("work"));
        jobs = new JobRunner(store, 1, 10, Clock.systemUTC());
        MaterialService service = new MaterialService(store,
                new MaterialIntake(store, IntakeLimits.defaults(), temp.resolve("work")), new MaterialNormalizer(), ocr,
                new TextLayerWriter(TextLayerWriter.DEFAULT_FONT), PreviewRenderer.defaults(), jobs,
                temp.resolve("work"), Clock.systemUTC());
        routes = new MaterialRoutes(service, jobs, null).routes();
        app = Javalin.create(config -> config.jetty.multipartConfig.cacheDirectory(temp.resolve("multipart").toString()));
        routes.forEach(r -> app.addHttpHandler(r.method(), r.path(), r.handler()));
        app.exception(OnewindowException.class, (e, ctx) -> ctx.status(e.status()).result(e.type() + ": " + e.getMessage()));
        app.start(0);
        base = "http://localhost:" + app.port();
    }

    @AfterEach
    void tearDown() {
        app.stop();
        jobs.close();
        ocr.close();
        store.close();
    }

    @Test
    void accessIsClerkForUploadAndClerkOrApproverForReads() {
        for (Route route : routes) {
            assertTrue(route.access().allows(Set.of(Role.WINDOW_CLERK)), route.path());
            assertEquals(route.method() != io.javalin.http.HandlerType.POST,
                    route.access().allows(Set.of(Role.DEPARTMENT_APPROVER)), route.path());
            assertTrue(route.access() instanceof Access.AnyRole);
        }
    }

    @Test
    void rawUploadThenStatusJobPreviewAndDocument() throws Exception {
        byte[] png = TestFiles.png(TestFiles.textPage(800, 240, List.of("户口簿"), 64f));
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/cases/C7/materials/M02"))
                .header("Content-Type", "image/png")
                .header("X-Filename", URLEncoder.encode("户口簿 第1页.png", StandardCharsets.UTF_8))
                .POST(HttpRequest.BodyPublishers.ofByteArray(png)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        JsonNode submission = json.readTree(created.body());
        assertEquals("户口簿 第1页.png", submission.at("/originals/0/declaredName").asText());
        String jobId = submission.get("ocrJobId").asText();
        jobs.await(jobId, Duration.ofMinutes(2));

        HttpResponse<String> job = get("/api/jobs/" + jobId);
        assertEquals(200, job.statusCode());
        assertEquals("SUCCEEDED", json.readTree(job.body()).get("state").asText());
        assertEquals(1, json.readTree(job.body()).get("pagesDone").asInt());

        HttpResponse<String> status = get("/api/cases/C7/materials/M02");
        assertEquals(200, status.statusCode());
        assertEquals(1, json.readTree(status.body()).get("previewPages").asInt());

        HttpResponse<byte[]> preview = http.send(HttpRequest.newBuilder(
                URI.create(base + "/api/cases/C7/materials/M02/pages/1/thumb.png")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, preview.statusCode());
        assertEquals("image/png", preview.headers().firstValue("Content-Type").orElse(""));
        HttpResponse<byte[]> document = http.send(HttpRequest.newBuilder(
                URI.create(base + "/api/cases/C7/materials/M02/document")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, document.statusCode());
        assertTrue(new String(document.body(), 0, 5, StandardCharsets.ISO_8859_1).startsWith("%PDF-"));

        assertEquals(404, get("/api/cases/C7/materials/M02/pages/9/thumb.png").statusCode());
        assertEquals(404, get("/api/cases/C7/materials/M99").statusCode());
        assertEquals(404, get("/api/jobs/00000000-0000-0000-0000-000000000000").statusCode());
    }

    @Test
    void multipartUploadKeepsFileOrderAndHostileFilesGetPreciseStatuses() throws Exception {
        byte[] first = TestFiles.jpeg(TestFiles.markedImage(300, 200));
        byte[] second = TestFiles.simplePdf(2);
        String boundary = "----onewindow" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "files", "a.jpg", "image/jpeg", first);
        part(body, boundary, "files", "b.pdf", "application/pdf", second);
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/cases/C8/materials/M01"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        JsonNode submission = json.readTree(created.body());
        assertEquals(3, submission.get("pages").asInt());
        assertEquals("a.jpg", submission.at("/originals/0/declaredName").asText());
        assertEquals("PDF", submission.at("/originals/1/type").asText());
        jobs.await(submission.get("ocrJobId").asText(), Duration.ofMinutes(2));

        assertEquals(415, rawPost("/api/cases/C8/materials/M03", "x.pdf", first).statusCode());
        assertEquals(413, rawPost("/api/cases/C8/materials/M03", "b.png", TestFiles.pngHeaderOnly(50_000, 50_000)).statusCode());
        assertEquals(422, rawPost("/api/cases/C8/materials/M03", "t.jpg",
                java.util.Arrays.copyOf(first, first.length / 2)).statusCode());
        assertEquals(400, rawPost("/api/cases/..%2Fx/materials/M03", "a.jpg", first).statusCode() / 100 * 100);
        assertEquals(404, get("/api/cases/C8/materials/M03").statusCode());
    }

    private HttpResponse<String> rawPost(String path, String name, byte[] content) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-Filename", name)
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void part(ByteArrayOutputStream body, String boundary, String field, String filename,
                             String contentType, byte[] content) {
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + filename + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
}
