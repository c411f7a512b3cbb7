package org.onewindow.service.documents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.onewindow.service.testsupport.HttpCalls.json;
import static org.onewindow.service.testsupport.HttpCalls.send;
import static org.onewindow.service.testsupport.HttpCalls.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.Application;
import org.onewindow.service.audit.AuditEvent;
import org.onewindow.service.audit.AuditOutcome;
import org.onewindow.service.config.Config;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.identity.Role;
import org.onewindow.service.pki.Pem;
import org.onewindow.service.sign.PdfOracles;
import org.onewindow.service.sign.SampleDocuments;
import org.onewindow.service.web.Authenticator;
import org.onewindow.storage.fs.FileSystemObjectStore;
import org.onewindow.service.testsupport.AuditEvents;

/**
 * Documents over real HTTP: upload, seal (idempotent, authorized, audited), sequential signatures, batch, refusals.
 * Every sealed PDF is checked by poppler's pdfsig against the demo root in a temporary NSS database.
 */
class DocumentsHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLERK = "clerk:WINDOW_CLERK";
    private static final String CENTER = "center:CENTER_APPROVER";
    private static final String HOUSING = "approver:DEPARTMENT_APPROVER:"
            + URLEncoder.encode("住建局(人防办)", StandardCharsets.UTF_8);
    private static final long UPLOAD_LIMIT = 1024 * 1024;

    /** {@code X-Test-User: userId:ROLE,ROLE[:department]}. */
    private static final Authenticator HEADER_AUTHENTICATOR = ctx -> {
        String header = ctx.header("X-Test-User");
        if (header == null) {
            return Optional.empty();
        }
        String[] parts = header.split(":", 3);
        Set<Role> roles = Arrays.stream(parts[1].split(",")).map(Role::valueOf).collect(Collectors.toSet());
        String department = parts.length == 3 ? java.net.URLDecoder.decode(parts[2], StandardCharsets.UTF_8) : null;
        return Optional.of(new Principal(parts[0], parts[0], roles, department, "test"));
    };

    @TempDir
    static Path dir;
    static Application app;
    static int port;
    static Path nss;

    @BeforeAll
    static void start() throws Exception {
        Path data = dir.resolve("data");
        Config config = Config.fromEnvironment(Map.of(Config.STORAGE, "fs:" + data, Config.HOST, "127.0.0.1",
                Config.PORT, "0", Config.SEAL_KEY_TYPE, "ec-p256", Config.MAX_UPLOAD_BYTES, "1MiB"));
        app = new Application(config, new FileSystemObjectStore(data), HEADER_AUTHENTICATOR, List.of());
        port = app.start();
        app.sealSeed().join();
        Path rootPem = dir.resolve("root.pem");
        Files.writeString(rootPem, Pem.encode(app.seals().pki().demo().root().certificate()));
        nss = PdfOracles.nssDb(dir, rootPem);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void clerkSealsAnAcceptanceNoticeInItsFieldOnceEvenWhenRetried() throws Exception {
        byte[] original = Files.readAllBytes(SampleDocuments.notice(dir.resolve("notice-a.pdf"), 1, true));
        String id = upload(original, CLERK);

        Map<String, Object> order = Map.of("sealId", "center-acceptance", "level", "B-T",
                "placement", Map.of("field", SampleDocuments.FIELD), "reason", "受理", "location", "敦煌市行政服务中心");
        HttpResponse<byte[]> sealed = postJson("/api/documents/" + id + "/seal", CLERK, order, "retry-key-0001");
        assertEquals(200, sealed.statusCode(), text(sealed));
        JsonNode version = json(sealed).path("version");
        assertEquals(2, version.path("n").asInt());
        assertEquals("SEALED", version.path("kind").asText());
        assertEquals("center-acceptance", version.path("seal").path("sealId").asText());
        assertEquals("B-T", version.path("seal").path("level").asText());
        assertEquals(SampleDocuments.FIELD, version.path("seal").path("fieldName").asText());
        assertEquals(sha256(original), version.path("seal").path("inputSha256").asText());

        assertArrayEquals(original, get("/api/documents/" + id + "/versions/1", CLERK).body(),
                "version 1 is unchanged byte for byte");
        byte[] latest = get("/api/documents/" + id + "/versions/latest", CLERK).body();
        assertEquals(version.path("sha256").asText(), sha256(latest));
        assertEquals(version.path("seal").path("outputSha256").asText(), sha256(latest));
        assertArrayEquals(original, Arrays.copyOf(latest, original.length), "an incremental update of version 1");
        PdfOracles.assertPdfsigValid(write("notice-a-sealed.pdf", latest), nss, 1);

        HttpResponse<byte[]> retried = postJson("/api/documents/" + id + "/seal", CLERK, order, "retry-key-0001");
        assertEquals(200, retried.statusCode(), text(retried));
        assertEquals("true", retried.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertEquals(version, json(retried).path("version"));
        assertEquals(2, json(get("/api/documents/" + id, CLERK)).path("versions").size());

        Map<String, Object> other = Map.of("sealId", "center-acceptance", "level", "B-B",
                "placement", Map.of("invisible", true));
        HttpResponse<byte[]> reused = postJson("/api/documents/" + id + "/seal", CLERK, other, "retry-key-0001");
        assertEquals(422, reused.statusCode(), text(reused));
        assertEquals(2, json(get("/api/documents/" + id, CLERK)).path("versions").size());

        AuditEvent event = lastEvent("document.seal", id);
        assertEquals(AuditOutcome.GRANTED, event.outcome());
        assertEquals("clerk", event.actor());
        assertEquals("center-acceptance", event.details().get("sealId"));
        assertEquals("B-T", event.details().get("level"));
        assertEquals(sha256(original), event.details().get("inputSha256"));
        assertEquals(sha256(latest), event.details().get("outputSha256"));
    }

    @Test
    void aRenderedAcceptanceNoticeIsStoredAndSealedInItsTemplateField() throws Exception {
        JsonNode definition = json(get("/api/templates/acceptance-notice", CLERK));
        Map<String, Object> input = Map.of("fields", definition.path("sample").path("fields"),
                "tables", definition.path("sample").path("tables"));
        HttpResponse<byte[]> rendered = postJson("/api/documents/from-template/acceptance-notice?caseId=DH1",
                CLERK, input, null);
        assertEquals(201, rendered.statusCode(), text(rendered));
        String id = json(rendered).path("id").asText();
        assertEquals("DH1", json(rendered).path("caseId").asText());
        assertEquals("acceptance-notice", json(rendered).path("title").asText());
        HttpResponse<byte[]> sealed = postJson("/api/documents/" + id + "/seal", CLERK, Map.of("sealId",
                "center-acceptance", "placement", Map.of("field", "acceptanceSeal"), "reason", "受理"), "render-key-1");
        assertEquals(200, sealed.statusCode(), text(sealed));
        assertEquals("acceptanceSeal", json(sealed).path("version").path("seal").path("fieldName").asText());
        PdfOracles.assertPdfsigValid(write("rendered-sealed.pdf", get("/api/documents/" + id + "/versions/2", CLERK)
                .body()), nss, 1);
        assertEquals("DH1", lastEvent("document.seal", id).details().get("caseId"));
    }

    @Test
    void aClerkMayNotApplyTheApprovalSealAndTheDenialIsAudited() throws Exception {
        String id = upload(Files.readAllBytes(SampleDocuments.notice(dir.resolve("notice-b.pdf"), 1, false)), CLERK);
        HttpResponse<byte[]> denied = postJson("/api/documents/" + id + "/seal", CLERK, Map.of("sealId",
                "center-approval", "placement", Map.of("anchor", SampleDocuments.ANCHOR)), null);
        assertEquals(403, denied.statusCode(), text(denied));
        assertTrue(text(denied).contains("center-approval"), text(denied));
        assertTrue(denied.headers().firstValue("Content-Type").orElse("").contains("problem+json"));
        AuditEvent event = lastEvent("seal.use", "center-approval");
        assertEquals(AuditOutcome.DENIED, event.outcome());
        assertEquals("clerk", event.actor());
        assertEquals(1, json(get("/api/documents/" + id, CLERK)).path("versions").size());
    }

    @Test
    void departmentThenCenterSignInTurnAndBothSignaturesStayValid() throws Exception {
        String id = upload(Files.readAllBytes(SampleDocuments.notice(dir.resolve("notice-c.pdf"), 2, false)),
                HOUSING);
        HttpResponse<byte[]> department = postJson("/api/documents/" + id + "/seal", HOUSING, Map.of("sealId",
                "dept-housing", "level", "B-B", "placement", Map.of("page", 1, "xMm", 120, "yMm", 30, "widthMm", 40,
                        "heightMm", 40), "reason", "审批"), null);
        assertEquals(200, department.statusCode(), text(department));
        HttpResponse<byte[]> center = postJson("/api/documents/" + id + "/seal", CENTER, Map.of("sealId",
                "center-approval", "placement", Map.of("anchor", SampleDocuments.ANCHOR), "reason", "办结"), null);
        assertEquals(200, center.statusCode(), text(center));
        assertEquals(3, json(center).path("version").path("n").asInt());
        assertEquals("B-T", json(center).path("version").path("seal").path("level").asText(), "the default level");
        byte[] latest = get("/api/documents/" + id + "/versions/3", CENTER).body();
        PdfOracles.assertPdfsigValid(write("notice-c-sealed.pdf", latest), nss, 2);
    }

    @Test
    void aBatchSealsWhatItCanAndReportsTheRest() throws Exception {
        String first = upload(Files.readAllBytes(SampleDocuments.notice(dir.resolve("notice-d1.pdf"), 1, false)),
                CLERK);
        String broken = upload("%PDF-1.7\nthis is not really a PDF\n%%EOF\n".getBytes(StandardCharsets.US_ASCII),
                CLERK);
        String third = upload(Files.readAllBytes(SampleDocuments.notice(dir.resolve("notice-d3.pdf"), 1, false)),
                CLERK);
        HttpResponse<byte[]> batch = postJson("/api/documents/seal-batch", CLERK, Map.of("sealId",
                "center-acceptance", "level", "B-B", "placement", Map.of("anchor", SampleDocuments.ANCHOR),
                "reason", "受理", "documentIds", List.of(first, broken, third)), null);
        assertEquals(200, batch.statusCode(), text(batch));
        JsonNode body = json(batch);
        assertEquals(2, body.path("sealed").asInt(), text(batch));
        assertEquals(1, body.path("failed").asInt(), text(batch));
        JsonNode failed = body.path("results").get(1);
        assertEquals(broken, failed.path("documentId").asText());
        assertEquals("FAILED", failed.path("outcome").asText());
        assertEquals(422, failed.path("status").asInt());
        assertTrue(!failed.path("message").asText().isBlank(), text(batch));
        for (String id : List.of(first, third)) {
            assertEquals(2, json(get("/api/documents/" + id, CLERK)).path("versions").size());
            PdfOracles.assertPdfsigValid(write(id + ".pdf", get("/api/documents/" + id + "/versions/2", CLERK)
                    .body()), nss, 1);
            assertEquals(AuditOutcome.GRANTED, lastEvent("document.seal", id).outcome());
        }
        assertEquals(1, json(get("/api/documents/" + broken, CLERK)).path("versions").size());
        assertEquals(AuditOutcome.FAILED, lastEvent("document.seal", broken).outcome());
    }

    @Test
    void concurrentSealsOfOneVersionNeverLoseAnUpdate() throws Exception {
        String id = upload(Files.readAllBytes(SampleDocuments.notice(dir.resolve("notice-e.pdf"), 1, false)), CLERK);
        Map<String, Object> order = Map.of("sealId", "center-acceptance", "level", "B-B",
                "placement", Map.of("invisible", true));
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.CompletableFuture<HttpResponse<byte[]>>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return postJson("/api/documents/" + id + "/seal", CLERK, order, null);
            }));
        }
        go.countDown();
        Set<Integer> versions = new java.util.HashSet<>();
        int ok = 0;
        for (var call : calls) {
            HttpResponse<byte[]> response = call.join();
            if (response.statusCode() == 200) {
                ok++;
                assertTrue(versions.add(json(response).path("version").path("n").asInt()), text(response));
            } else {
                assertEquals(409, response.statusCode(), text(response));
                assertTrue(response.headers().firstValue("Content-Type").orElse("").contains("problem+json"));
            }
        }
        assertTrue(ok >= 1);
        JsonNode record = json(get("/api/documents/" + id, CLERK));
        assertEquals(ok + 1, record.path("versions").size(), "every 200 is a stored version, nothing else is");
        byte[] latest = get("/api/documents/" + id + "/versions/latest", CLERK).body();
        PdfOracles.assertPdfsigValid(write("notice-e-sealed.pdf", latest), nss, ok);
    }

    @Test
    void aBackgroundBatchReportsProgressAndResults() throws Exception {
        String first = upload(Files.readAllBytes(SampleDocuments.notice(dir.resolve("notice-f1.pdf"), 1, false)),
                CLERK);
        String second = upload(Files.readAllBytes(SampleDocuments.notice(dir.resolve("notice-f2.pdf"), 1, false)),
                CLERK);
        Map<String, Object> denied = Map.of("sealId", "center-approval", "placement", Map.of("invisible", true),
                "documentIds", List.of(first, second));
        HttpResponse<byte[]> refused = postJson("/api/documents/seal-batch?async=true", CLERK, denied, null);
        assertEquals(403, refused.statusCode(), "authorization is decided before the job starts: " + text(refused));

        HttpResponse<byte[]> started = postJson("/api/documents/seal-batch?async=true", CLERK, Map.of("sealId",
                "center-acceptance", "level", "B-B", "placement", Map.of("anchor", SampleDocuments.ANCHOR),
                "documentIds", List.of(first, "doc-ffffffffffffffffffff", second)), null);
        assertEquals(202, started.statusCode(), text(started));
        String location = started.headers().firstValue("Location").orElseThrow();
        assertEquals(3, json(started).path("pagesTotal").asInt());
        JsonNode view = json(get(location, CLERK));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Set.of("SUCCEEDED", "FAILED").contains(view.path("job").path("state").asText())
                && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling is what a client does; the job has no push channel
            view = json(get(location, CLERK));
        }
        assertEquals("SUCCEEDED", view.path("job").path("state").asText(), view.toString());
        assertEquals(3, view.path("job").path("pagesDone").asInt(), view.toString());
        assertEquals("clerk", view.path("startedBy").asText());
        JsonNode results = view.path("results");
        assertEquals("SEALED", results.get(0).path("outcome").asText(), view.toString());
        assertEquals(404, results.get(1).path("status").asInt(), view.toString());
        assertEquals("SEALED", results.get(2).path("outcome").asText(), view.toString());
        for (String id : List.of(first, second)) {
            PdfOracles.assertPdfsigValid(write(id + "-bg.pdf", get("/api/documents/" + id + "/versions/2", CLERK)
                    .body()), nss, 1);
        }
    }

    @Test
    void aCertifiedNoChangesDocumentRefusesFurtherSealsAsProblemJson() throws Exception {
        String id = upload(Files.readAllBytes(SampleDocuments.notice(dir.resolve("notice-g.pdf"), 1, false)), CLERK);
        HttpResponse<byte[]> certified = postJson("/api/documents/" + id + "/seal", CLERK, Map.of("sealId",
                "center-acceptance", "level", "B-B", "placement", Map.of("anchor", SampleDocuments.ANCHOR),
                "certify", 1), null);
        assertEquals(200, certified.statusCode(), text(certified));
        assertEquals("1", json(certified).path("version").path("seal").path("certification").asText());
        HttpResponse<byte[]> locked = postJson("/api/documents/" + id + "/seal", CLERK, Map.of("sealId",
                "center-acceptance", "level", "B-B", "placement", Map.of("invisible", true)), null);
        assertEquals(409, locked.statusCode(), text(locked));
        assertTrue(locked.headers().firstValue("Content-Type").orElse("").contains("application/problem+json"));
        assertEquals(409, json(locked).path("status").asInt(), text(locked));
        assertEquals(2, json(get("/api/documents/" + id, CLERK)).path("versions").size());
        assertEquals(AuditOutcome.FAILED, lastEvent("document.seal", id).outcome());

        HttpResponse<byte[]> badLevel = postJson("/api/documents/" + id + "/seal", CLERK, Map.of("sealId",
                "center-acceptance", "level", "B-X"), null);
        assertEquals(400, badLevel.statusCode(), text(badLevel));
    }

    @Test
    void aCrossPageSealIsSignedWithTheSealAndAnImportedImageIsDrawn() throws Exception {
        // the approval seal gets an imported image (PUT by the seal admin); its seals then show that PNG
        byte[] png = new org.onewindow.service.seal.image.SealPngRenderer().renderPng(
                org.onewindow.service.seal.image.SealLayout.compute(org.onewindow.service.seal.image.SealImageSpec
                        .specialSeal("敦煌市行政服务中心", "审批专用章")), 300);
        HttpResponse<byte[]> put = send(request("/api/seals/center-approval/image", "admin:SEAL_ADMIN")
                .header("Content-Type", "image/png").PUT(HttpRequest.BodyPublishers.ofByteArray(png)).build());
        assertEquals(200, put.statusCode(), text(put));
        assertEquals("imported", json(put).path("image").path("source").asText(), text(put));

        String id = upload(Files.readAllBytes(SampleDocuments.notice(dir.resolve("notice-x.pdf"), 3, false)), CENTER);
        Map<String, Object> badEdge = Map.of("sealId", "center-approval", "placement", Map.of("anchor",
                SampleDocuments.ANCHOR), "crossPage", Map.of("edge", "top"));
        HttpResponse<byte[]> refused = postJson("/api/documents/" + id + "/seal", CENTER, badEdge, null);
        assertEquals(400, refused.statusCode(), text(refused));

        Map<String, Object> order = Map.of("sealId", "center-approval", "level", "B-T", "placement",
                Map.of("anchor", SampleDocuments.ANCHOR), "reason", "办结", "crossPage", Map.of("edge", "right"));
        HttpResponse<byte[]> sealed = postJson("/api/documents/" + id + "/seal", CENTER, order, "cross-key-1");
        assertEquals(200, sealed.statusCode(), text(sealed));
        byte[] pdf = get("/api/documents/" + id + "/versions/2", CENTER).body();
        Path file = write("notice-x-sealed.pdf", pdf);
        String pdfsig = PdfOracles.assertPdfsigValid(file, nss, 1);
        assertTrue(pdfsig.contains("Total document signed"), pdfsig);
        try (var document = new com.itextpdf.kernel.pdf.PdfDocument(new com.itextpdf.kernel.pdf.PdfReader(
                file.toFile()))) {
            for (int page = 1; page <= 3; page++) {
                var xObjects = document.getPage(page).getResources().getResource(
                        com.itextpdf.kernel.pdf.PdfName.XObject);
                assertTrue(xObjects != null && xObjects.values().stream().anyMatch(o -> o instanceof
                        com.itextpdf.kernel.pdf.PdfStream stream && com.itextpdf.kernel.pdf.PdfName.Image.equals(
                        stream.getAsName(com.itextpdf.kernel.pdf.PdfName.Subtype))),
                        "page " + page + " draws the imported seal image (its slice)");
            }
        }
        // a retry with the same key replays; the cross-page option is part of the request's identity
        HttpResponse<byte[]> retried = postJson("/api/documents/" + id + "/seal", CENTER, order, "cross-key-1");
        assertEquals("true", retried.headers().firstValue("Idempotent-Replayed").orElse(""));
        Map<String, Object> without = Map.of("sealId", "center-approval", "level", "B-T", "placement",
                Map.of("anchor", SampleDocuments.ANCHOR), "reason", "办结");
        assertEquals(422, postJson("/api/documents/" + id + "/seal", CENTER, without, "cross-key-1").statusCode());
        // the document is signed now: another cross-page seal would change what that signature covers
        HttpResponse<byte[]> again = postJson("/api/documents/" + id + "/seal", CENTER, order, null);
        assertEquals(409, again.statusCode(), text(again));
    }

    @Test
    void longTermLevelsAreSealedThroughTheApiToo() throws Exception {
        String id = upload(Files.readAllBytes(SampleDocuments.notice(dir.resolve("notice-h.pdf"), 1, false)), CLERK);
        HttpResponse<byte[]> lta = postJson("/api/documents/" + id + "/seal", CLERK, Map.of("sealId",
                "center-acceptance", "level", "B-LTA", "placement", Map.of("anchor", SampleDocuments.ANCHOR)), null);
        assertEquals(200, lta.statusCode(), text(lta));
        assertEquals("B-LTA", json(lta).path("version").path("seal").path("level").asText());
        byte[] sealed = get("/api/documents/" + id + "/versions/2", CLERK).body();
        assertTrue(new String(sealed, StandardCharsets.ISO_8859_1).contains("/DSS"), "revocation data in the DSS");
        PdfOracles.assertPdfsigValid(write("notice-h-sealed.pdf", sealed), nss, 1);
    }

    @Test
    void garbageIsRefusedWith415AndOversizedUploadsWith413() {
        HttpResponse<byte[]> garbage = send(request("/api/documents", CLERK).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray("hello, not a pdf".getBytes(StandardCharsets.UTF_8)))
                .build());
        assertEquals(415, garbage.statusCode(), text(garbage));
        byte[] big = new byte[(int) UPLOAD_LIMIT + 4096];
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 9);
        HttpResponse<byte[]> oversized = send(request("/api/documents", CLERK).header("Content-Type",
                "application/pdf").POST(HttpRequest.BodyPublishers.ofByteArray(big)).build());
        assertEquals(413, oversized.statusCode(), text(oversized));
        HttpResponse<byte[]> missing = get("/api/documents/doc-00000000000000000000", CLERK);
        assertEquals(404, missing.statusCode(), text(missing));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static String upload(byte[] pdf, String user) {
        HttpResponse<byte[]> response = send(request("/api/documents?title=" + URLEncoder.encode("受理通知书",
                StandardCharsets.UTF_8), user).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(pdf)).build());
        assertEquals(201, response.statusCode(), text(response));
        JsonNode record = json(response);
        assertEquals(1, record.path("versions").size());
        assertEquals("ORIGINAL", record.path("versions").get(0).path("kind").asText());
        assertEquals(sha256(pdf), record.path("versions").get(0).path("sha256").asText());
        return record.path("id").asText();
    }

    private static AuditEvent lastEvent(String action, String targetId) {
        return AuditEvents.last(app.audit(), action, targetId);
    }

    private static HttpRequest.Builder request(String path, String user) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(120))
                .header("X-Test-User", user);
    }

    private static HttpResponse<byte[]> get(String path, String user) {
        return send(request(path, user).GET().build());
    }

    private static HttpResponse<byte[]> postJson(String path, String user, Object body, String idempotencyKey) {
        try {
            HttpRequest.Builder builder = request(path, user).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            if (idempotencyKey != null) {
                builder.header("Idempotency-Key", idempotencyKey);
            }
            return send(builder.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve("out").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
