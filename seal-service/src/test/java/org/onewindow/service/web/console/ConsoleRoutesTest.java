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

/** The console's files and its two helper routes over real HTTP (no browser). */
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
    void theHelperRoutesNeedACaseRoleAndAnswerJson() {
        assertEquals(401, http.send("GET", "/api/console/cases/DH20261125000001/documents", (String[]) null)
                .statusCode());
        TestApp.Browser admin = http.login("admin", "console-pass-1");
        assertEquals(403, http.send("GET", "/api/console/cases/DH20261125000001/documents", admin.headers(false))
                .statusCode(), "administrators do not read case documents");

        TestApp.Browser clerk = http.login("clerk", "console-pass-1");
        String caseId = TestApp.tree(http.send("POST", "/api/cases", TestApp.json(Map.of("itemCode", "620982-XK-0014",
                "applicant", Map.of("name", "测试申请人"))), clerk.headers(true))).path("id").asText();
        JsonNode none = http.json("GET", "/api/console/cases/" + caseId + "/documents", clerk.headers(false));
        assertEquals(0, none.path("documents").size());

        HttpResponse<String> pdf = http.send("POST", "/api/documents?title=test&caseId=" + caseId,
                "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", headers(clerk, "Content-Type", "application/pdf"));
        assertEquals(201, pdf.statusCode(), pdf.body());
        http.send("POST", "/api/documents?title=other", "%PDF-1.4\n%%EOF\n", headers(clerk, "Content-Type",
                "application/pdf"));
        JsonNode one = http.json("GET", "/api/console/cases/" + caseId + "/documents", clerk.headers(false));
        assertEquals(1, one.path("documents").size(), one.toString());
        assertEquals("test", one.path("documents").path(0).path("title").asText());

        HttpResponse<String> text = http.send("GET", "/api/console/cases/" + caseId + "/materials/M01/text",
                clerk.headers(false));
        assertEquals(404, text.statusCode(), "no upload yet");
    }

    private static String[] headers(TestApp.Browser browser, String... more) {
        String[] base = browser.headers(true);
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
