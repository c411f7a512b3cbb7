package org.onewindow.service.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.onewindow.service.seal.SealHttp.CLERK;
import static org.onewindow.service.seal.SealHttp.JSON;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.Application;
import org.onewindow.service.Main;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.identity.Role;
import org.onewindow.service.ofd.OfdDocument;
import org.onewindow.service.ofd.OfdSealingService;
import org.onewindow.service.ofd.OfdTemplateRenderer;
import org.onewindow.service.pki.Pem;
import org.onewindow.templates.FontConfig;
import org.onewindow.templates.TemplateCatalog;
import org.onewindow.templates.TemplateRenderer;

/**
 * An OFD 准予行政许可决定书 rendered from its template, sealed with registry seals through custody (the department's
 * seal, then the center's 审批专用章 with a time-stamp), verified by {@code ./onewindow verify} with the PKI's SM2 root
 * and by the service's own verifier (its anchors and revocation sources include the SM2 PKI).
 */
class OfdRegistrySealingTest {
    static final String HOUSING = "住建局(人防办)";
    @TempDir
    static Path dataDir;
    static Application app;

    @BeforeAll
    static void start() {
        app = SealHttp.start(SealHttp.env(dataDir, "ec-p256")); // the demo seals are seeded
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    private static Principal user(String id, Role role, String department) {
        return new Principal(id, id, Set.of(role), department, "test");
    }

    private static byte[] departmentThenCenter(OfdSealingService sealing, OfdDocument decision) {
        byte[] once = sealing.seal(user("approver", Role.DEPARTMENT_APPROVER, HOUSING), "req-1", "决定书.ofd",
                "dept-housing", decision.ofd(), decision.sealField("departmentSeal").placement(), false, false);
        return sealing.seal(user("center", Role.CENTER_APPROVER, null), "req-2", "决定书.ofd", "center-approval",
                once, decision.sealField("approvalSeal").placement(), true, false);
    }

    @Test
    void aTemplateOfdSealedTwiceThroughCustodyVerifiesInTheCliAndTheService() throws Exception {
        OfdDocument decision = new OfdTemplateRenderer(new TemplateRenderer(TemplateCatalog.defaults()),
                FontConfig.debianDefaults()).renderSample("permit-decision", "https://zwfw.example.gov.cn");
        OfdSealingService sealing = app.ofdSealing();
        byte[] sealed = departmentThenCenter(sealing, decision);

        Path file = dataDir.resolve("决定书.ofd");
        Files.write(file, sealed);
        Path root = dataDir.resolve("sm2-root.pem");
        Files.writeString(root, Pem.encode(app.seals().pki().sm2().root().certificate()));
        Path issuing = dataDir.resolve("sm2-issuing.pem");
        Files.writeString(issuing, Pem.encode(app.seals().pki().sm2().issuing().certificate()));
        // the time-stamp comes from the service's TSA, below the demo (non-SM2) hierarchy
        Path tsaRoot = dataDir.resolve("demo-root.pem");
        Files.writeString(tsaRoot, Pem.encode(app.seals().pki().demo().root().certificate()));
        Path tsaCas = dataDir.resolve("demo-issuing.pem");
        Files.writeString(tsaCas, Pem.encode(app.seals().pki().demo().issuing().certificate()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(List.of("verify", "--trust", root.toString(), "--ca", issuing.toString(), "--trust",
                tsaRoot.toString(), "--ca", tsaCas.toString(), "--json", file.toString()), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String json = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, json);
        JsonNode report = JSON.readTree(json);
        assertEquals("TOTAL_PASSED", report.path("indication").asText(), json);
        assertEquals(2, report.path("signatures").size(), json);
        assertTrue(report.path("signatures").get(1).path("timeStamp").path("valid").asBoolean(), json);

        // without the issuing CA the chain cannot be built: not trusted, but nothing is called forged
        ByteArrayOutputStream rootOnly = new ByteArrayOutputStream();
        assertEquals(2, Main.run(List.of("verify", "--trust", root.toString(), file.toString()), Map.of(),
                new PrintStream(rootOnly, true, StandardCharsets.UTF_8), System.err));

        // the service: SM2 roots among the anchors, its CAs as intermediates, its OCSP responder for revocation
        HttpResponse<byte[]> verified = SealHttp.send(SealHttp.request(app.port(), "/api/verify", CLERK)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(sealed)).build());
        assertEquals(200, verified.statusCode(), new String(verified.body(), StandardCharsets.UTF_8));
        JsonNode service = JSON.readTree(verified.body());
        assertEquals("TOTAL_PASSED", service.path("indication").asText(), service.toString());
        for (JsonNode signature : service.path("signatures")) {
            assertEquals("GOOD", signature.path("revocation").path("status").asText(), signature.toString());
        }
    }

    @Test
    void onlyAuthorizedUsersSealAndEveryUseIsAudited() {
        OfdDocument decision = new OfdTemplateRenderer(new TemplateRenderer(TemplateCatalog.defaults()),
                FontConfig.debianDefaults()).renderSample("acceptance-notice", "https://zwfw.example.gov.cn");
        OfdSealingService sealing = app.ofdSealing();
        assertThrows(SealUseDeniedException.class, () -> sealing.seal(user("clerk", Role.WINDOW_CLERK, null),
                "req-3", "通知书.ofd", "center-approval", decision.ofd(),
                decision.sealField("acceptanceSeal").placement(), false, false));
        assertThrows(SealUseDeniedException.class, () -> sealing.seal(user("approver", Role.DEPARTMENT_APPROVER,
                "消防救援大队"), "req-4", "通知书.ofd", "dept-housing", decision.ofd(),
                decision.sealField("acceptanceSeal").placement(), false, false));
        sealing.seal(user("clerk", Role.WINDOW_CLERK, null), "req-5", "通知书.ofd", "center-acceptance",
                decision.ofd(), decision.sealField("acceptanceSeal").placement(), false, false);
        List<org.onewindow.service.audit.AuditEvent> events = new java.util.ArrayList<>();
        for (long seq = app.audit().head().seq(); seq > 0 && events.size() < 50; seq--) {
            app.audit().read(seq).ifPresent(events::add);
        }
        for (String request : List.of("req-3", "req-4", "req-5")) {
            assertTrue(events.stream().anyMatch(e -> request.equals(e.requestId()) && e.action().equals("seal.use")
                    && e.details().getOrDefault("purpose", "").startsWith(OfdSealingService.SEAL_ACTION)), request);
        }
        assertTrue(events.stream().anyMatch(e -> "req-3".equals(e.requestId())
                && e.outcome() == org.onewindow.service.audit.AuditOutcome.DENIED));
    }
}
