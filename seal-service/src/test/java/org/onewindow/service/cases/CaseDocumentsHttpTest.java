package org.onewindow.service.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.audit.AuditEvent;
import org.onewindow.service.audit.AuditOutcome;
import org.onewindow.service.identity.Role;
import org.onewindow.service.sign.PdfOracles;
import org.onewindow.service.testsupport.S3ServerProcess;
import org.onewindow.storage.ObjectInfo;

/**
 * The documents of the case flow, end to end over the REST API only: scans uploaded, 受理通知书, 材料交接单 signed by
 * both sides, one return with its 一次性告知书, the supplement, the decision signed by the department and, at 办结,
 * by the center, issued through the gate and verified publicly; on the filesystem and on the S3 backend. Also: a
 * suspended seal refuses the transition and leaves nothing behind; 不予受理 with its notice.
 */
class CaseDocumentsHttpTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void aFullCaseOnTheFileSystemEndsInAnIssuedVerifiedDecision() throws Exception {
        try (CaseHarness h = new CaseHarness(dir)) {
            fullCase(h);
        }
    }

    @Test
    void aFullCaseOnS3EndsInAnIssuedVerifiedDecision() throws Exception {
        try (S3ServerProcess s3 = new S3ServerProcess(); CaseHarness h = new CaseHarness(dir, s3.newStore())) {
            fullCase(h);
        }
    }

    private void fullCase(CaseHarness h) throws Exception {
        String[] clerk = h.user("clerk1", null, Role.WINDOW_CLERK);
        String[] approver = h.user("zjj1", CaseHarness.BUILDING_DEPARTMENT, Role.DEPARTMENT_APPROVER);
        String[] center = h.user("center1", null, Role.CENTER_APPROVER);
        String id = h.open(clerk, CaseHarness.BUILDING_PERMIT);

        // 申报: the scans come in through intake (PNG and JPEG made here), which records them on the case
        for (String code : List.of("M01", "M02", "M03", "M04", "S01", "S02")) {
            upload(h, clerk, id, code, code.startsWith("M0") && !code.equals("M02") ? "png" : "jpg");
        }
        JsonNode submitted = h.expect(200, "GET", "/api/cases/" + id, null, clerk);
        assertEquals(6, submitted.path("materialsPresent").size(), submitted.toString());

        // 受理: the 受理通知书, sealed with the 受理专用章
        JsonNode accepted = h.expect(200, "POST", "/api/cases/" + id + "/accept", null, clerk);
        assertEquals("ACCEPTED", accepted.path("state").asText());
        JsonNode notice = only(accepted, "ACCEPTANCE_NOTICE");
        assertEquals("center-acceptance", notice.path("sealId").asText());
        JsonNode noticeRecord = h.expect(200, "GET", "/api/documents/" + notice.path("documentId").asText(), null,
                clerk);
        assertEquals(id, noticeRecord.path("caseId").asText());
        assertEquals(2, noticeRecord.path("versions").size());
        assertEquals("center-acceptance", noticeRecord.path("versions").get(1).path("seal").path("sealId").asText());
        String noticeText = text(pdf(h, clerk, notice.path("documentId").asText(), "latest"));
        assertTrue(noticeText.contains(id) && noticeText.contains("受理通知书"), noticeText);

        // 转办: the window signs the 材料交接单; 审核: the department signs it for receipt
        JsonNode handedOver = h.expect(200, "POST", "/api/cases/" + id + "/handover", Map.of("note", "材料齐全"), clerk);
        String receipt = only(handedOver, "HANDOVER_RECEIPT").path("documentId").asText();
        JsonNode reviewed = h.expect(200, "POST", "/api/cases/" + id + "/review", null, approver);
        JsonNode received = last(reviewed, "HANDOVER_RECEIPT");
        assertEquals(receipt, received.path("documentId").asText());
        assertEquals("review", received.path("action").asText());
        assertEquals("dept-housing", received.path("sealId").asText());
        assertEquals(3, received.path("version").asInt());
        assertEquals(List.of("center-acceptance", "dept-housing"), sealsOf(h, clerk, receipt));

        // 退回补正 once; the window issues the 一次性告知书 listing what to supply
        h.expect(200, "POST", "/api/cases/" + id + "/return", Map.of("reasons", List.of("施工合同未加盖公章"),
                "supplements", List.of(Map.of("materialCode", "M03", "description", "加盖双方公章的施工合同"))),
                approver);
        JsonNode notified = h.expect(200, "POST", "/api/cases/" + id + "/notify", Map.of("contact", "0937-8826000"),
                clerk);
        assertEquals("RETURNED", notified.path("state").asText());
        JsonNode correction = only(notified, "CORRECTION_NOTICE");
        assertEquals("center-acceptance", correction.path("sealId").asText());
        String correctionText = text(pdf(h, clerk, correction.path("documentId").asText(), "latest"));
        assertTrue(correctionText.contains("加盖双方公章的施工合同") && correctionText.contains("施工合同未加盖公章"),
                correctionText);
        h.expect(409, "POST", "/api/cases/" + id + "/notify", null, clerk); // once per return

        // the supplement comes in as a new scan; handover again (a second receipt), review, decision
        upload(h, clerk, id, "M03", "jpg");
        JsonNode again = h.expect(200, "POST", "/api/cases/" + id + "/handover", null, clerk);
        assertTrue(again.path("pendingSupplements").isEmpty(), again.toString());
        String secondReceipt = last(again, "HANDOVER_RECEIPT").path("documentId").asText();
        assertNotEquals(receipt, secondReceipt);
        h.expect(200, "POST", "/api/cases/" + id + "/review", null, approver);
        JsonNode decided = h.expect(200, "POST", "/api/cases/" + id + "/decide", Map.of("outcome", "APPROVED",
                "content", "建设单位：敦煌飞天建设有限公司\n工程名称：敦煌市鸣沙山游客服务中心", "licenseNumber",
                "620982202611250101", "validFrom", "2026-11-25"), approver);
        JsonNode decision = only(decided, "DECISION");
        String decisionId = decision.path("documentId").asText();
        assertEquals("permit-decision", decision.path("templateId").asText());
        assertEquals("dept-housing", decision.path("sealId").asText());

        // 办结: the 审批专用章 as a second signature in its own incremental update
        JsonNode completed = h.expect(200, "POST", "/api/cases/" + id + "/complete", null, center);
        JsonNode approval = last(completed, "DECISION");
        assertEquals(decisionId, approval.path("documentId").asText());
        assertEquals("center-approval", approval.path("sealId").asText());
        assertEquals(3, approval.path("version").asInt());
        assertEquals(List.of("dept-housing", "center-approval"), sealsOf(h, clerk, decisionId));
        byte[] v2 = pdf(h, clerk, decisionId, "2");
        byte[] v3 = pdf(h, clerk, decisionId, "3");
        assertTrue(v3.length > v2.length && java.util.Arrays.equals(v2, java.util.Arrays.copyOf(v3, v2.length)),
                "version 3 is version 2 plus an incremental update");

        // 出件 through the gate: the verification id goes on the case
        JsonNode issued = h.expect(200, "POST", "/api/cases/" + id + "/issue", null, clerk);
        assertEquals("ISSUED", issued.path("state").asText());
        JsonNode issue = last(issued, "DECISION");
        assertEquals("issue", issue.path("action").asText());
        String verificationId = issue.path("verificationId").asText();
        assertTrue(verificationId.matches("[A-Z2-7]{20}"), issue.toString());

        // the issued file verifies: API report, public page, pdfsig
        byte[] issuedPdf = pdf(h, clerk, decisionId, "latest");
        HttpResponse<byte[]> report = bytes(h, "POST", "/api/verify", issuedPdf, "application/pdf", clerk);
        assertEquals(200, report.statusCode());
        assertEquals("TOTAL_PASSED", CaseHarness.JSON.readTree(report.body()).path("indication").asText(),
                new String(report.body(), StandardCharsets.UTF_8));
        String page = new String(bytes(h, "POST", "/verify/" + verificationId, issuedPdf, "application/pdf",
                new String[0]).body(), StandardCharsets.UTF_8);
        assertTrue(page.contains("真实有效") && page.contains("哈希值一致"), page);
        Path file = dir.resolve("issued.pdf");
        Files.write(file, issuedPdf);
        PdfOracles.assertPdfsigValid(file, PdfOracles.nssDb(dir, rootPem(h, clerk)), 2);

        // every transition and every document is audited; the case lists its documents
        List<String> generated = documentEvents(h, "document.generate", id);
        assertEquals(5, generated.size(), generated.toString()); // notice, two receipts, 告知书, decision
        assertEquals(8, documentEvents(h, "document.seal", id).size());
        List<String> path = new ArrayList<>();
        issued.path("history").forEach(t -> path.add(t.path("action").asText()));
        assertEquals(List.of("create", "material", "material", "material", "material", "material", "material",
                "accept", "handover", "review", "return", "notify", "material", "handover", "review", "decide",
                "complete", "issue"), path);
        assertEquals(List.of("ACCEPTANCE_NOTICE", "HANDOVER_RECEIPT", "HANDOVER_RECEIPT", "CORRECTION_NOTICE",
                "HANDOVER_RECEIPT", "HANDOVER_RECEIPT", "DECISION", "DECISION", "DECISION"), types(issued));
        assertEquals(5, caseDocumentsInStore(h, id).size(), "one stored document per generated one");
    }

    @Test
    void aSuspendedSealRefusesTheTransitionAndLeavesNothingBehind() throws Exception {
        try (CaseHarness h = new CaseHarness(dir)) {
            String[] clerk = h.user("clerk1", null, Role.WINDOW_CLERK);
            String[] admin = h.user("sealadmin", null, Role.SEAL_ADMIN);
            String id = h.open(clerk, CaseHarness.BUILDING_PERMIT, "M01", "M02", "M03", "M04", "S01", "S02");
            String before = h.send("GET", "/api/cases/" + id, null, clerk).headers().firstValue("ETag").orElseThrow();
            h.expect(200, "POST", "/api/seals/center-acceptance/suspend", Map.of("reason", "印章遗失待查"), admin);

            JsonNode problem = h.expect(403, "POST", "/api/cases/" + id + "/accept", null, clerk);
            assertTrue(problem.path("type").asText().endsWith("case-document-failed"), problem.toString());
            assertTrue(problem.path("detail").asText().contains("suspended")
                    && problem.path("detail").asText().contains("center-acceptance"), problem.toString());
            assertEquals("ACCEPTANCE_NOTICE", problem.path("document").asText());
            JsonNode unchanged = h.expect(200, "GET", "/api/cases/" + id, null, clerk);
            assertEquals("SUBMITTED", unchanged.path("state").asText());
            assertEquals(before, h.send("GET", "/api/cases/" + id, null, clerk).headers().firstValue("ETag")
                    .orElseThrow(), "the case record was not written");
            assertTrue(unchanged.path("documents").isEmpty());
            assertEquals(List.of(), caseDocumentsInStore(h, id), "the rendered notice was discarded");
            assertEquals(1, documentEvents(h, "document.discard", id).size());
            AuditEvent failed = h.caseEvents(id).stream().filter(e -> e.action().equals("case.accept")).findFirst()
                    .orElseThrow();
            assertEquals(AuditOutcome.FAILED, failed.outcome());

            h.expect(200, "POST", "/api/seals/center-acceptance/resume", null, admin);
            JsonNode accepted = h.expect(200, "POST", "/api/cases/" + id + "/accept", null, clerk);
            assertEquals("ACCEPTED", accepted.path("state").asText());
            assertEquals(1, caseDocumentsInStore(h, id).size());

            // the department's seal suspended: it cannot sign the 材料交接单 for receipt, so it cannot take the case up
            String receipt = only(h.expect(200, "POST", "/api/cases/" + id + "/handover", null, clerk),
                    "HANDOVER_RECEIPT").path("documentId").asText();
            String[] approver = h.user("zjj1", CaseHarness.BUILDING_DEPARTMENT, Role.DEPARTMENT_APPROVER);
            h.expect(200, "POST", "/api/seals/dept-housing/suspend", Map.of("reason", "换发新章"), admin);
            JsonNode refused = h.expect(403, "POST", "/api/cases/" + id + "/review", null, approver);
            assertEquals("dept-housing", refused.path("sealId").asText(), refused.toString());
            assertEquals("HANDED_OVER", h.expect(200, "GET", "/api/cases/" + id, null, clerk).path("state").asText());
            assertEquals(List.of("center-acceptance"), sealsOf(h, clerk, receipt), "no version was added");
            h.expect(200, "POST", "/api/seals/dept-housing/resume", null, admin);
            h.expect(200, "POST", "/api/cases/" + id + "/review", null, approver);
            assertEquals(List.of("center-acceptance", "dept-housing"), sealsOf(h, clerk, receipt));
        }
    }

    @Test
    void aRefusalComesWithItsSealedNoticeAndAnotherDepartmentSealsNothing() throws Exception {
        try (CaseHarness h = new CaseHarness(dir)) {
            String[] clerk = h.user("clerk1", null, Role.WINDOW_CLERK);
            String id = h.open(clerk, CaseHarness.BUILDING_PERMIT, "M01");
            JsonNode refused = h.expect(200, "POST", "/api/cases/" + id + "/refuse", Map.of("reason",
                    "申请事项不属于本中心受理范围", "redirectOrgan", "酒泉市住房和城乡建设局"), clerk);
            assertEquals("REFUSED", refused.path("state").asText());
            JsonNode notice = only(refused, "REFUSAL_NOTICE");
            String text = text(pdf(h, clerk, notice.path("documentId").asText(), "latest"));
            assertTrue(text.contains("申请事项不属于本中心受理范围") && text.contains("酒泉市住房和城乡建设局"), text);
            assertEquals(List.of("center-acceptance"), sealsOf(h, clerk, notice.path("documentId").asText()));

            // an approver of another department is refused by the case rules before anything is sealed
            String other = h.open(clerk, CaseHarness.BUILDING_PERMIT, "M01", "M02", "M03", "M04", "S01", "S02");
            h.expect(200, "POST", "/api/cases/" + other + "/accept", null, clerk);
            String receipt = only(h.expect(200, "POST", "/api/cases/" + other + "/handover", null, clerk),
                    "HANDOVER_RECEIPT").path("documentId").asText();
            String[] civil = h.user("mzj1", "民政局", Role.DEPARTMENT_APPROVER);
            h.expect(403, "POST", "/api/cases/" + other + "/review", null, civil);
            assertEquals(List.of("center-acceptance"), sealsOf(h, clerk, receipt));
            assertEquals(2, caseDocumentsInStore(h, other).size());
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    static JsonNode only(JsonNode caseView, String type) {
        List<JsonNode> found = new ArrayList<>();
        caseView.path("documents").forEach(d -> {
            if (d.path("type").asText().equals(type)) {
                found.add(d);
            }
        });
        assertEquals(1, found.size(), caseView.path("documents").toString());
        return found.get(0);
    }

    static JsonNode last(JsonNode caseView, String type) {
        JsonNode found = null;
        for (JsonNode d : caseView.path("documents")) {
            if (d.path("type").asText().equals(type)) {
                found = d;
            }
        }
        assertTrue(found != null, caseView.path("documents").toString());
        return found;
    }

    static List<String> types(JsonNode caseView) {
        List<String> out = new ArrayList<>();
        caseView.path("documents").forEach(d -> out.add(d.path("type").asText()));
        return out;
    }

    /** The seal ids of a document's sealed versions, in order. */
    static List<String> sealsOf(CaseHarness h, String[] user, String documentId) {
        List<String> out = new ArrayList<>();
        h.expect(200, "GET", "/api/documents/" + documentId, null, user).path("versions").forEach(v -> {
            if (v.path("kind").asText().equals("SEALED")) {
                out.add(v.path("seal").path("sealId").asText());
            }
        });
        return out;
    }

    /** The document records in the store that name the case (what an orphan would be). */
    static List<String> caseDocumentsInStore(CaseHarness h, String caseId) throws IOException {
        List<String> out = new ArrayList<>();
        for (ObjectInfo info : h.store.list("documents/", null, 1000).objects()) {
            if (info.key().matches("documents/doc-[0-9a-f]{20}\\.json")) {
                JsonNode record = CaseHarness.JSON.readTree(h.store.readAllBytes(info.key()));
                if (caseId.equals(record.path("caseId").asText())) {
                    out.add(record.path("id").asText());
                }
            }
        }
        return out;
    }

    /** Document audit events of {@code action} about the case's documents. */
    static List<String> documentEvents(CaseHarness h, String action, String caseId) {
        return h.events(action).stream().filter(e -> caseId.equals(e.details().get("caseId")))
                .map(e -> e.target().id()).toList();
    }

    static byte[] pdf(CaseHarness h, String[] user, String documentId, String version) {
        HttpResponse<byte[]> response = bytes(h, "GET", "/api/documents/" + documentId + "/versions/" + version,
                null, null, user);
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        return response.body();
    }

    static String text(byte[] pdf) throws IOException {
        try (var document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", "");
        }
    }

    /** The root of the seal chains, for pdfsig's trust store. */
    static Path rootPem(CaseHarness h, String[] user) throws IOException {
        HttpResponse<byte[]> chain = bytes(h, "GET", "/api/seals/center-approval/chain.pem", null, null, user);
        assertEquals(200, chain.statusCode());
        String pem = new String(chain.body(), StandardCharsets.US_ASCII);
        int start = pem.lastIndexOf("-----BEGIN CERTIFICATE-----");
        Path file = Files.createTempFile("onewindow-root-", ".pem");
        Files.writeString(file, pem.substring(start));
        file.toFile().deleteOnExit();
        return file;
    }

    /** Uploads a scan of a material, a PNG or JPEG drawn here, through the intake route. */
    static void upload(CaseHarness h, String[] clerk, String caseId, String code, String format) throws IOException {
        BufferedImage image = new BufferedImage(640, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 640, 400);
        g.setColor(Color.BLACK);
        g.drawString("SCAN " + caseId + " " + code, 40, 60);
        g.drawRect(30, 30, 580, 340);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format.equals("jpg") ? "jpeg" : "png", out));
        HttpResponse<byte[]> response = bytes(h, "POST", "/api/cases/" + caseId + "/materials/" + code,
                out.toByteArray(), "application/octet-stream", append(clerk, "X-Filename", code + "." + format));
        assertEquals(201, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    }

    private static String[] append(String[] headers, String... more) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + more.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }

    static HttpResponse<byte[]> bytes(CaseHarness h, String method, String path, byte[] body, String type,
                                      String[] headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        if (type != null) {
            builder.header("Content-Type", type);
        }
        try {
            return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
