package org.onewindow.service.web.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.identity.Role;
import org.onewindow.service.testsupport.TestApp;

/** The console's files, its OCR-text helper and the routes its menus rely on, over real HTTP (no browser). */
class ConsoleRoutesTest {
    @TempDir
    static Path dir;
    static TestApp http;

    @BeforeAll
    static void start() {
        http = new TestApp(dir);
        http.addUser("clerk", "console-pass-1", null, Role.WINDOW_CLERK);
        http.addUser("admin", "console-pass-1", null, Role.SYSTEM_ADMIN);
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @Test
    void thePageAndItsFilesAreServedWithTheConsolePolicy() {
        HttpResponse<String> page = http.send("GET", "/console", (String[]) null);
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<html lang=\"zh-CN\">"), page.body());
        assertTrue(page.body().contains("src=\"/console/console.js\""));
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertEquals(ConsoleRoutes.CSP, csp);
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);

        HttpResponse<String> script = http.send("GET", "/console/console.js", (String[]) null);
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertTrue(script.body().contains("X-CSRF-Token"), "the console sends the CSRF token");
        assertEquals(200, http.send("GET", "/console/console.css", (String[]) null).statusCode());

        HttpResponse<String> root = http.send("GET", "/", (String[]) null);
        assertEquals(303, root.statusCode());
        assertEquals("/console", root.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void onlyTheConsoleFilesAreServed() {
        for (String path : new String[] {"/console/index.html", "/console/logback.xml", "/console/..%2Flogback.xml",
                "/console/ConsoleRoutes.class"}) {
            HttpResponse<String> response = http.send("GET", path, (String[]) null);
            assertTrue(response.statusCode() == 404 || response.statusCode() == 400, path + " " + response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                    path);
        }
    }

    @Test
    void theOcrTextHelperNeedsAMaterialRole() {
        String path = "/api/console/cases/DH20261125000001/materials/M01/text";
        assertEquals(401, http.send("GET", path, (String[]) null).statusCode());
        TestApp.Browser admin = http.login("admin", "console-pass-1");
        assertEquals(403, http.send("GET", path, admin.headers(false)).statusCode(),
                "administrators do not read materials");

        TestApp.Browser clerk = http.login("clerk", "console-pass-1");
        String caseId = TestApp.tree(http.send("POST", "/api/cases", TestApp.json(Map.of("itemCode", "620982-XK-0014",
                "applicant", Map.of("name", "测试申请人"))), clerk.headers(true))).path("id").asText();
        HttpResponse<String> text = http.send("GET", "/api/console/cases/" + caseId + "/materials/M01/text",
                clerk.headers(false));
        assertEquals(404, text.statusCode(), "no upload yet");
        assertTrue(text.body().contains("no material M01"), text.body());
    }

    /** The case record lists its documents; the console's own listing (every document record scanned) is gone. */
    @Test
    void caseDocumentsAreReadFromTheCaseRecord() {
        TestApp.Browser clerk = http.login("clerk", "console-pass-1");
        String caseId = TestApp.tree(http.send("POST", "/api/cases", TestApp.json(Map.of("itemCode", "620982-XK-0014",
                "applicant", Map.of("name", "测试申请人"))), clerk.headers(true))).path("id").asText();
        assertEquals(404, http.send("GET", "/api/console/cases/" + caseId + "/documents", clerk.headers(false))
                .statusCode());
        JsonNode record = http.json("GET", "/api/cases/" + caseId, clerk.headers(false));
        assertTrue(record.path("documents").isArray() && record.path("documents").isEmpty(), record.toString());
    }

    /** The 中心 menu offers 审计日志: the center approver may search and export the log, not verify or sign it. */
    @Test
    void theCenterMaySearchTheAuditLogItsMenuOffers() {
        http.addUser("center", "console-pass-1", null, Role.CENTER_APPROVER);
        TestApp.Browser center = http.login("center", "console-pass-1");
        JsonNode events = http.json("GET", "/api/audit/events?actor=center&limit=50", center.headers(false));
        assertTrue(events.path("events").isArray() && events.path("events").size() > 0, events.toString());
        assertTrue(events.path("events").findValuesAsText("action").contains("auth.login"), events.toString());
        HttpResponse<String> csv = http.send("GET", "/api/audit/events.csv?actor=center", center.headers(false));
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertEquals(403, http.send("GET", "/api/audit/verify", center.headers(false)).statusCode());
        assertEquals(403, http.send("POST", "/api/audit/checkpoints", "{}", center.headers(true)).statusCode());

        TestApp.Browser clerk = http.login("clerk", "console-pass-1");
        assertEquals(403, http.send("GET", "/api/audit/events", clerk.headers(false)).statusCode(),
                "the window has no audit menu and no access");
    }
}
