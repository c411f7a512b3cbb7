package org.onewindow.service.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.audit.AuditEvent;
import org.onewindow.service.audit.AuditOutcome;
import org.onewindow.service.audit.AuditQuery;
import org.onewindow.service.audit.AuditSearch;
import org.onewindow.service.config.Config;
import org.onewindow.service.testsupport.TestApp;

/** Login, sessions, CSRF, lockout and API tokens over real HTTP. */
class IdentityHttpTest {
    @TempDir
    Path dir;
    private TestApp http;

    @BeforeEach
    void start() {
        http = new TestApp(dir);
        http.addUser("clerk", "clerk-pass-1", null, Role.WINDOW_CLERK);
        http.addUser("boss", "boss-pass-12", null, Role.SYSTEM_ADMIN, Role.AUDITOR);
    }

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void loginSetsAHardenedSessionCookieAndMeShowsTheUser() {
        TestApp.Browser clerk = http.login("clerk", "clerk-pass-1");
        String setCookie = clerk.loginResponse().headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.startsWith("ow_session="), setCookie);
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("Path=/"), setCookie);
        assertFalse(setCookie.contains("Secure"), "http public URL: no Secure flag: " + setCookie);
        assertEquals(43, clerk.cookie().length() - "ow_session=".length());

        HttpResponse<String> me = http.send("GET", "/api/auth/me", null, clerk.headers(false));
        assertEquals(200, me.statusCode(), me.body());
        JsonNode body = TestApp.tree(me);
        assertEquals("clerk", body.path("userId").asText());
        assertEquals("WINDOW_CLERK", body.path("roles").get(0).path("role").asText());
        assertEquals("综合窗口", body.path("roles").get(0).path("name").asText());
        assertEquals(clerk.csrfToken(), body.path("csrfToken").asText());
        assertEquals("session", body.path("via").asText());
    }

    @Test
    void secureCookieWhenThePublicUrlIsHttps(@TempDir Path other) {
        try (TestApp https = new TestApp(other, Map.of(Config.PUBLIC_URL, "https://onewindow.example.gov.cn"), Map.of())) {
            https.addUser("clerk", "clerk-pass-1", null, Role.WINDOW_CLERK);
            String setCookie = https.login("clerk", "clerk-pass-1").loginResponse().headers()
                    .firstValue("Set-Cookie").orElseThrow();
            assertTrue(setCookie.contains("Secure"), setCookie);
        }
    }

    @Test
    void wrongPasswordAndUnknownUserLookTheSame() {
        HttpResponse<String> wrong = http.send("POST", "/api/auth/login", TestApp.json(Map.of("userId", "clerk",
                "password", "nope-nope")));
        HttpResponse<String> unknown = http.send("POST", "/api/auth/login", TestApp.json(Map.of("userId", "ghost",
                "password", "nope-nope")));
        assertEquals(401, wrong.statusCode());
        assertEquals(401, unknown.statusCode());
        assertEquals(TestApp.tree(wrong).path("detail"), TestApp.tree(unknown).path("detail"));
        assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());
    }

    @Test
    void formLoginWorksAndRedirectsOnlyToLocalPaths() {
        HttpResponse<String> form = http.send("POST", "/api/auth/login", TestApp.form(Map.of("username", "clerk",
                "password", "clerk-pass-1", "next", "/console/")), "Content-Type",
                "application/x-www-form-urlencoded");
        assertEquals(303, form.statusCode(), form.body());
        assertEquals("/console/", form.headers().firstValue("Location").orElseThrow());
        String cookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        assertEquals(200, http.send("GET", "/api/auth/me", null, "Cookie", cookie).statusCode());

        HttpResponse<String> offsite = http.send("POST", "/api/auth/login", TestApp.form(Map.of("userId", "clerk",
                "password", "clerk-pass-1", "next", "//evil.example/")), "Content-Type",
                "application/x-www-form-urlencoded");
        assertEquals(200, offsite.statusCode(), offsite.body());

        HttpResponse<String> crossSite = http.send("POST", "/api/auth/login", TestApp.form(Map.of("userId",
                "clerk", "password", "clerk-pass-1")), "Content-Type", "application/x-www-form-urlencoded",
                "Origin", "https://evil.example");
        assertEquals(403, crossSite.statusCode(), crossSite.body());
        assertTrue(crossSite.headers().firstValue("Set-Cookie").isEmpty());
        HttpResponse<String> sameSite = http.send("POST", "/api/auth/login", TestApp.form(Map.of("userId",
                "clerk", "password", "clerk-pass-1")), "Content-Type", "application/x-www-form-urlencoded",
                "Origin", "http://127.0.0.1:" + http.port);
        assertEquals(200, sameSite.statusCode(), sameSite.body());
    }

    @Test
    void stateChangingCookieRequestsNeedTheCsrfToken() {
        TestApp.Browser clerk = http.login("clerk", "clerk-pass-1");
        String body = TestApp.json(Map.of("name", "scanner"));
        HttpResponse<String> without = http.send("POST", "/api/auth/tokens", body, clerk.headers(false));
        assertEquals(403, without.statusCode(), without.body());
        assertTrue(TestApp.tree(without).path("detail").asText().contains("CSRF"));
        HttpResponse<String> wrong = http.send("POST", "/api/auth/tokens", body, "Cookie", clerk.cookie(),
                "X-CSRF-Token", "A".repeat(43));
        assertEquals(403, wrong.statusCode());
        HttpResponse<String> right = http.send("POST", "/api/auth/tokens", body, clerk.headers(true));
        assertEquals(201, right.statusCode(), right.body());
        // GET needs none.
        assertEquals(200, http.send("GET", "/api/auth/tokens", null, clerk.headers(false)).statusCode());
        // An urlencoded form may carry it as _csrf.
        HttpResponse<String> logout = http.send("POST", "/api/auth/logout", TestApp.form(Map.of("_csrf",
                clerk.csrfToken())), "Cookie", clerk.cookie(), "Content-Type", "application/x-www-form-urlencoded");
        assertEquals(204, logout.statusCode(), logout.body());
        assertTrue(logout.headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));
        assertEquals(401, http.send("GET", "/api/auth/me", null, clerk.headers(false)).statusCode());
    }

    @Test
    void repeatedFailuresAreLockedOutWith429AndAudited() {
        for (int i = 0; i < 5; i++) {
            assertEquals(401, http.send("POST", "/api/auth/login", TestApp.json(Map.of("userId", "clerk",
                    "password", "wrong-" + i))).statusCode());
        }
        HttpResponse<String> locked = http.send("POST", "/api/auth/login", TestApp.json(Map.of("userId", "clerk",
                "password", "clerk-pass-1")));
        assertEquals(429, locked.statusCode(), locked.body());
        assertEquals("application/problem+json", locked.headers().firstValue("Content-Type").orElse("")
                .split(";")[0]);
        long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 800 && retryAfter <= 901, "Retry-After " + retryAfter);

        List<AuditEvent> logins = new AuditSearch(http.app.identityAudit().audit()).search(AuditQuery.all(100))
                .events().stream().filter(e -> e.action().equals("auth.login")).toList();
        assertEquals(5, logins.stream().filter(e -> e.outcome() == AuditOutcome.FAILED).count());
        AuditEvent denied = logins.get(logins.size() - 1);
        assertEquals(AuditOutcome.DENIED, denied.outcome());
        assertEquals("127.0.0.1", denied.details().get("clientIp"));
        assertFalse(denied.requestId() == null || denied.requestId().isBlank());
        // Other users are not affected.
        http.login("boss", "boss-pass-12");
    }

    @Test
    void apiTokensAreShownOnceScopedAndRevocable() {
        TestApp.Browser boss = http.login("boss", "boss-pass-12");
        HttpResponse<String> created = http.send("POST", "/api/auth/tokens", TestApp.json(Map.of("name", "监察脚本",
                "roles", List.of("AUDITOR"))), boss.headers(true));
        assertEquals(201, created.statusCode(), created.body());
        String token = TestApp.tree(created).path("token").asText();
        String tokenId = TestApp.tree(created).path("tokenId").asText();
        assertTrue(token.startsWith("ow_"));

        HttpResponse<String> listed = http.send("GET", "/api/auth/tokens", null, boss.headers(false));
        assertFalse(listed.body().contains(token.substring(3)), "a token listing must never show the secret");
        assertTrue(listed.body().contains(tokenId));

        String[] bearer = {"Authorization", "Bearer " + token};
        HttpResponse<String> me = http.send("GET", "/api/auth/me", null, bearer);
        assertEquals(200, me.statusCode());
        assertEquals(1, TestApp.tree(me).path("roles").size());
        assertEquals("token", TestApp.tree(me).path("via").asText());
        assertEquals(200, http.send("GET", "/api/audit/events", null, bearer).statusCode());
        assertEquals(403, http.send("GET", "/api/admin/users", null, bearer).statusCode(),
                "the token lacks SYSTEM_ADMIN although its user has it");
        // Token requests need no CSRF token.
        assertEquals(201, http.send("POST", "/api/auth/tokens", TestApp.json(Map.of("name", "second")), bearer)
                .statusCode());
        // More roles than the user has: refused.
        HttpResponse<String> tooMuch = http.send("POST", "/api/auth/tokens", TestApp.json(Map.of("name", "x",
                "roles", List.of("SEAL_ADMIN"))), bearer);
        assertEquals(422, tooMuch.statusCode(), tooMuch.body());

        assertEquals(200, http.send("DELETE", "/api/auth/tokens/" + tokenId, null, boss.headers(true))
                .statusCode());
        HttpResponse<String> afterRevoke = http.send("GET", "/api/auth/me", null, bearer);
        assertEquals(401, afterRevoke.statusCode());
        assertEquals(401, http.send("GET", "/api/auth/me", null, "Authorization", "Bearer ow_forged").statusCode());
        assertEquals(401, http.send("GET", "/api/auth/me", null, "Authorization", "Basic Zm9vOmJhcg==")
                .statusCode());
    }

    @Test
    void adminManagesUsersAndChangesTakeEffectImmediately() {
        TestApp.Browser boss = http.login("boss", "boss-pass-12");
        TestApp.Browser clerk = http.login("clerk", "clerk-pass-1");
        HttpResponse<String> added = http.send("POST", "/api/admin/users", TestApp.json(Map.of("userId", "li",
                "displayName", "李审批", "roles", List.of("DEPARTMENT_APPROVER"), "department", "住建局")),
                boss.headers(true));
        assertEquals(201, added.statusCode(), added.body());
        String generated = TestApp.tree(added).path("password").asText();
        assertTrue(generated.length() >= 16);
        assertFalse(added.body().contains("argon2"));
        HttpResponse<String> missingDept = http.send("POST", "/api/admin/users", TestApp.json(Map.of("userId", "x2",
                "displayName", "x", "roles", List.of("DEPARTMENT_APPROVER"))), boss.headers(true));
        assertEquals(422, missingDept.statusCode(), missingDept.body());

        TestApp.Browser li = http.login("li", generated);
        assertEquals("住建局", TestApp.tree(http.send("GET", "/api/auth/me", null, li.headers(false)))
                .path("department").asText());

        HttpResponse<String> reroled = http.send("PUT", "/api/admin/users/clerk/roles", TestApp.json(Map.of(
                "roles", List.of("WINDOW_CLERK", "AUDITOR"))), boss.headers(true));
        assertEquals(200, reroled.statusCode(), reroled.body());
        assertEquals(200, http.send("GET", "/api/audit/events", null, clerk.headers(false)).statusCode());

        assertEquals(200, http.send("POST", "/api/admin/users/clerk/disable", null, boss.headers(true))
                .statusCode());
        assertEquals(401, http.send("GET", "/api/auth/me", null, clerk.headers(false)).statusCode());
        assertEquals(200, http.send("POST", "/api/admin/users/clerk/enable", null, boss.headers(true))
                .statusCode());
        HttpResponse<String> reset = http.send("POST", "/api/admin/users/clerk/password",
                TestApp.json(Map.of("password", "brand-new-pass")), boss.headers(true));
        assertEquals(200, reset.statusCode(), reset.body());
        http.login("clerk", "brand-new-pass");

        JsonNode users = TestApp.tree(http.send("GET", "/api/admin/users", null, boss.headers(false)));
        assertEquals(3, users.path("users").size());
        assertEquals(404, http.send("GET", "/api/admin/users/nobody", null, boss.headers(false)).statusCode());
        assertNotEquals(200, http.send("GET", "/api/admin/users", null, clerk.headers(false)).statusCode());
    }
}
