package org.onewindow.service.issuance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.onewindow.service.testsupport.HttpCalls.json;
import static org.onewindow.service.testsupport.HttpCalls.send;
import static org.onewindow.service.testsupport.HttpCalls.text;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.Application;
import org.onewindow.service.audit.AuditEvent;
import org.onewindow.service.audit.AuditOutcome;
import org.onewindow.service.config.Config;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.identity.Role;
import org.onewindow.service.web.Authenticator;
import org.onewindow.storage.fs.FileSystemObjectStore;
import org.onewindow.service.testsupport.AuditEvents;

/**
 * The issuance gate and the public verification pages over real HTTP, on a rendered acceptance notice sealed with
 * the seeded center-acceptance seal (ec-p256). The rate-limit test runs last: every public request before it counts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IssuanceHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLERK = "clerk:WINDOW_CLERK";
    private static final int RATE = 15;

    private static final Authenticator HEADER_AUTHENTICATOR = ctx -> {
        String header = ctx.header("X-Test-User");
        if (header == null) {
            return Optional.empty();
        }
        String[] parts = header.split(":", 3);
        Set<Role> roles = Arrays.stream(parts[1].split(",")).map(Role::valueOf).collect(Collectors.toSet());
        return Optional.of(new Principal(parts[0], parts[0], roles, null, "test"));
    };

    @TempDir
    static Path dir;
    static Application app;
    static int port;
    /** Shared by the ordered tests: the issued document and its record. */
    static String documentId;
    static byte[] issuedPdf;
    static JsonNode issued;

    @BeforeAll
    static void start() {
        Path data = dir.resolve("data");
        Config config = Config.fromEnvironment(Map.of(Config.STORAGE, "fs:" + data, Config.HOST, "127.0.0.1",
                Config.PORT, "0", Config.SEAL_KEY_TYPE, "ec-p256", Config.MAX_UPLOAD_BYTES, "2MiB",
                Config.VERIFY_RATE_PER_MINUTE, Integer.toString(RATE)));
        app = new Application(config, new FileSystemObjectStore(data), HEADER_AUTHENTICATOR, List.of());
        port = app.start();
        app.sealSeed().join();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop();
        }
    }

    @Test
    @Order(1)
    void aSealedAcceptanceNoticeIsIssuedAndRecorded() throws Exception {
        documentId = renderNotice();
        HttpResponse<byte[]> sealed = postJson("/api/documents/" + documentId + "/seal", CLERK, Map.of("sealId",
                "center-acceptance", "placement", Map.of("field", "acceptanceSeal"), "reason", "受理"));
        assertEquals(200, sealed.statusCode(), text(sealed));

        HttpResponse<byte[]> response = postJson("/api/documents/" + documentId + "/issue", CLERK,
                Map.of("requiredSeals", List.of("ACCEPTANCE")));
        assertEquals(200, response.statusCode(), text(response));
        issued = json(response);
        String verificationId = issued.path("verificationId").asText();
        assertTrue(verificationId.matches("[A-Z2-7]{20}"), verificationId);
        issuedPdf = get("/api/documents/" + documentId + "/versions/latest", CLERK).body();
        assertTrue(new String(issuedPdf, StandardCharsets.ISO_8859_1).contains("verificationId:" + verificationId),
                "the gate reuses the id the template printed (and put in the QR code)");
        assertEquals(documentId, issued.path("documentId").asText());
        assertEquals(2, issued.path("version").asInt());
        assertEquals(sha256(issuedPdf), issued.path("sha256").asText());
        assertEquals("clerk", issued.path("issuedBy").asText());
        assertEquals(1, issued.path("signatures").size());
        assertEquals("center-acceptance", issued.path("signatures").path(0).path("sealId").asText());
        assertTrue(issued.path("issuerOrganization").asText().contains("敦煌市行政服务中心"), issued.toString());

        AuditEvent event = lastEvent("document.issue", documentId);
        assertEquals(AuditOutcome.GRANTED, event.outcome());
        assertEquals(verificationId, event.details().get("verificationId"));

        HttpResponse<byte[]> again = postJson("/api/documents/" + documentId + "/issue", CLERK, Map.of());
        assertEquals(200, again.statusCode(), text(again));
        assertEquals(verificationId, json(again).path("verificationId").asText(), "issuing again keeps the record");
    }

    @Test
    @Order(2)
    void anUnsealedDocumentIsRefusedWithTheReason() throws Exception {
        String id = renderNotice();
        HttpResponse<byte[]> response = postJson("/api/documents/" + id + "/issue", CLERK, Map.of());
        assertEquals(422, response.statusCode(), text(response));
        JsonNode problem = json(response);
        assertEquals("NOT_SEALED", problem.path("reasons").path(0).path("code").asText(), problem.toString());
        assertTrue(problem.path("summary").asText().contains("未加盖"), problem.toString());
        assertEquals(AuditOutcome.DENIED, lastEvent("document.issue", id).outcome());
    }

    @Test
    @Order(3)
    void aMissingApprovalSealIsNamed() throws Exception {
        HttpResponse<byte[]> response = postJson("/api/documents/" + documentId + "/issue", CLERK,
                Map.of("requiredSeals", List.of("ACCEPTANCE", "APPROVAL")));
        assertEquals(422, response.statusCode(), text(response));
        JsonNode problem = json(response);
        assertEquals(1, problem.path("reasons").size(), problem.toString());
        assertEquals("MISSING_SEAL:APPROVAL", problem.path("reasons").path(0).path("code").asText());
        assertTrue(problem.path("summary").asText().contains("审批专用章"), problem.toString());
        assertEquals(403, postJson("/api/documents/" + documentId + "/issue", "center:CENTER_APPROVER", Map.of())
                .statusCode(), "only window clerks issue");
    }

    @Test
    @Order(3)
    void byDefaultTheCaseItemsRequiredSealsApply() {
        HttpResponse<byte[]> opened = postJson("/api/cases", CLERK, Map.of("itemCode", "620982-XK-0001",
                "applicant", Map.of("name", "张三")));
        assertEquals(201, opened.statusCode(), text(opened));
        String caseId = json(opened).path("id").asText();
        String id = renderNotice("?caseId=" + caseId);
        assertEquals(200, postJson("/api/documents/" + id + "/seal", CLERK, Map.of("sealId", "center-acceptance",
                "placement", Map.of("field", "acceptanceSeal"))).statusCode());
        HttpResponse<byte[]> response = postJson("/api/documents/" + id + "/issue", CLERK, Map.of());
        assertEquals(422, response.statusCode(), text(response));
        List<String> codes = new java.util.ArrayList<>();
        json(response).path("reasons").forEach(r -> codes.add(r.path("code").asText()));
        assertEquals(List.of("MISSING_SEAL:DEPARTMENT", "MISSING_SEAL:APPROVAL"), codes,
                "食品经营许可 needs the department's seal and the approval seal");
    }

    @Test
    @Order(3)
    void aPageChangedAfterTheSealIsRefused() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (com.itextpdf.kernel.pdf.PdfDocument pdf = new com.itextpdf.kernel.pdf.PdfDocument(
                new com.itextpdf.kernel.pdf.PdfReader(new java.io.ByteArrayInputStream(issuedPdf)),
                new com.itextpdf.kernel.pdf.PdfWriter(out),
                new com.itextpdf.kernel.pdf.StampingProperties().useAppendMode())) {
            new com.itextpdf.kernel.pdf.canvas.PdfCanvas(pdf.getFirstPage())
                    .rectangle(100, 100, 200, 50).fill(); // blacks out part of the sealed page
        }
        HttpResponse<byte[]> uploaded = send(request("/api/documents", CLERK).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build());
        assertEquals(201, uploaded.statusCode(), text(uploaded));
        HttpResponse<byte[]> response = postJson("/api/documents/" + json(uploaded).path("id").asText() + "/issue",
                CLERK, Map.of());
        assertEquals(422, response.statusCode(), text(response));
        List<String> codes = new java.util.ArrayList<>();
        json(response).path("reasons").forEach(r -> codes.add(r.path("code").asText()));
        assertTrue(codes.contains("VERIFICATION_FAILED") && codes.contains("DISALLOWED_CHANGE"), codes.toString());
    }

    @Test
    @Order(4)
    void thePublicPageHasTheFormAndAPhoneFriendlyStrictPolicy() {
        HttpResponse<byte[]> page = get("/verify", null);
        assertEquals(200, page.statusCode());
        assertEquals("text/html;charset=utf-8", page.headers().firstValue("Content-Type").orElse("")
                .replace(" ", "").toLowerCase());
        String html = text(page);
        assertTrue(html.contains("<form method=\"post\" action=\"/verify\" enctype=\"multipart/form-data\">"), html);
        assertTrue(html.contains("name=\"format\" value=\"pdf\" class=\"second\">核验并下载 PDF 报告</button>"), html);
        assertTrue(html.contains("name=\"id\""), html);
        assertTrue(html.contains("name=\"viewport\""), html);
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'none'") && csp.contains("style-src 'unsafe-inline'")
                && csp.contains("form-action 'self'"), csp);
        assertFalse(html.contains("<script"), html);
    }

    @Test
    @Order(5)
    void theIdPageShowsIssuerAndHashButNotTheDocumentId() {
        HttpResponse<byte[]> page = get("/verify/" + issued.path("verificationId").asText(), null);
        assertEquals(200, page.statusCode(), text(page));
        String html = text(page);
        assertTrue(html.contains("敦煌市行政服务中心"), html);
        assertTrue(html.contains(issued.path("sha256").asText()), html);
        assertFalse(html.contains(documentId), html);

        HttpResponse<byte[]> unknown = get("/verify/AAAAAAAAAAAAAAAAAAAA", null);
        assertEquals(404, unknown.statusCode());
        assertTrue(text(unknown).contains("未找到核验码"), text(unknown));
        assertTrue(unknown.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    }

    @Test
    @Order(6)
    void theIssuedFileIsGenuineAndMatchesItsRecord() {
        HttpResponse<byte[]> page = postMultipart("/verify/" + issued.path("verificationId").asText(), issuedPdf);
        assertEquals(200, page.statusCode(), text(page));
        String html = text(page);
        assertTrue(html.contains("真实有效") && html.contains("未被篡改"), html);
        assertTrue(html.contains("哈希值一致"), html);
        assertFalse(html.contains(documentId), html);

        HttpResponse<byte[]> plain = postMultipart("/verify", issuedPdf);
        assertEquals(200, plain.statusCode(), text(plain));
        assertTrue(text(plain).contains("真实有效"), text(plain));
        assertTrue(text(plain).contains("哈希值一致"), "the printed id leads to the issued record: " + text(plain));

        // the report for people comes with the same response: a data: download, nothing kept on the server
        java.util.regex.Matcher link = java.util.regex.Pattern.compile(
                "<a class=\"button\" download=\"([^\"]+)\" href=\"data:text/html;charset=utf-8;base64,([A-Za-z0-9+/=]+)\">下载验证报告</a>")
                .matcher(html);
        assertTrue(link.find(), html);
        assertTrue(link.group(1).matches("验证报告-[0-9a-f]{8}\\.html"), link.group(1));
        String report = new String(java.util.Base64.getDecoder().decode(link.group(2)), StandardCharsets.UTF_8);
        assertTrue(report.contains("电子签章验证报告") && report.contains("通过（TOTAL_PASSED）")
                && report.contains("doc.pdf") && report.contains("印章编号 center-"), report);
        assertFalse(report.contains(documentId), report);

        // the second button of the form: the PDF report instead of the page, from the same upload
        HttpResponse<byte[]> pdf = postMultipart("/verify", issuedPdf, "pdf");
        assertEquals(200, pdf.statusCode(), text(pdf));
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        assertTrue(pdf.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment;"));
        assertTrue(text(pdf).startsWith("%PDF-"));
    }

    @Test
    @Order(7)
    void aTamperedCopyIsNotGenuineAndANonPdfIsRefused() {
        byte[] tampered = issuedPdf.clone();
        int inSignedRange = new String(tampered, StandardCharsets.ISO_8859_1).indexOf("/Type");
        tampered[inSignedRange + 1] ^= 0x01; // "/Type" -> "/Uype" in the first revision: covered by the signature
        HttpResponse<byte[]> page = postMultipart("/verify/" + issued.path("verificationId").asText(), tampered);
        assertEquals(200, page.statusCode(), text(page));
        String html = text(page);
        assertTrue(html.contains("核验未通过"), html);
        assertTrue(html.contains("哈希值不一致"), html);
        assertFalse(html.contains("真实有效"), html);

        HttpResponse<byte[]> notPdf = postMultipart("/verify", "hello, not a PDF".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, notPdf.statusCode(), text(notPdf));
        assertTrue(text(notPdf).contains("不是 PDF"), text(notPdf));

        HttpResponse<byte[]> huge = postMultipart("/verify", new byte[3 * 1024 * 1024]);
        assertEquals(413, huge.statusCode(), text(huge));
        assertTrue(text(huge).contains("文件过大"), text(huge));
    }

    @Test
    @Order(8)
    void thePublicPagesAreRateLimited() {
        int sent = 0;
        HttpResponse<byte[]> last = null;
        while (sent < RATE + 2) {
            last = get("/verify", null);
            sent++;
            if (last.statusCode() == 429) {
                break;
            }
            assertEquals(200, last.statusCode());
        }
        assertEquals(429, last.statusCode(), "no 429 after " + sent + " requests");
        assertTrue(text(last).contains("请求过于频繁"), text(last));
        assertTrue(last.headers().firstValue("Retry-After").isPresent());
        // the authenticated API is not limited by the public pages' budget
        assertEquals(200, get("/api/documents/" + documentId, CLERK).statusCode());
    }

    private static String renderNotice() {
        return renderNotice("");
    }

    private static String renderNotice(String query) {
        JsonNode definition = json(get("/api/templates/acceptance-notice", CLERK));
        HttpResponse<byte[]> rendered = postJson("/api/documents/from-template/acceptance-notice" + query, CLERK,
                Map.of("fields", definition.path("sample").path("fields"),
                        "tables", definition.path("sample").path("tables")));
        assertEquals(201, rendered.statusCode(), text(rendered));
        return json(rendered).path("id").asText();
    }

    private static AuditEvent lastEvent(String action, String targetId) {
        return AuditEvents.last(app.audit(), action, targetId);
    }

    private static HttpRequest.Builder request(String path, String user) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60));
        return user == null ? builder : builder.header("X-Test-User", user);
    }

    private static HttpResponse<byte[]> get(String path, String user) {
        return send(request(path, user).GET().build());
    }

    private static HttpResponse<byte[]> postJson(String path, String user, Object body) {
        try {
            return send(request(path, user).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a browser sends for the upload form. */
    private static HttpResponse<byte[]> postMultipart(String path, byte[] file) {
        return postMultipart(path, file, null);
    }

    /** @param format the value of the form's second button ({@code pdf}), or null for the first */
    private static HttpResponse<byte[]> postMultipart(String path, byte[] file, String format) {
        String boundary = "----onewindow-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (format != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\n" + format
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"doc.pdf\""
                + "\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path, null).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
