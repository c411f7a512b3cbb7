package org.onewindow.service.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.javalin.http.HandlerType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.audit.AuditOutcome;
import org.onewindow.service.audit.AuditQuery;
import org.onewindow.service.audit.AuditSearch;
import org.onewindow.service.testsupport.TestApp;
import org.onewindow.service.web.Access;
import org.onewindow.service.web.Route;

/**
 * Every route of the real application's route table × anonymous and every role, over HTTP with real API tokens:
 * a caller without the declared access gets 401 (anonymous) or 403 (wrong role), and the refusal is audited; a
 * caller with it gets past the access check. New routes are covered automatically, and a route cannot exist without
 * an {@link Access} (the {@link Route} record requires one).
 */
class AuthorizationMatrixTest {
    @TempDir
    static Path dir;
    static TestApp http;
    static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);

    @BeforeAll
    static void start() {
        http = new TestApp(dir);
        for (Role role : Role.values()) {
            String userId = "u-" + role.name().toLowerCase().replace('_', '-');
            http.addUser(userId, "matrix-pass-1", role == Role.DEPARTMENT_APPROVER ? "住建局" : null, role);
            TOKENS.put(role, http.identity().createToken(IdentityService.Actor.cli("test", "setup"), userId,
                    "matrix", Set.of(role), null).token());
        }
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @Test
    void everyRouteAnswersEveryRoleAsItsAccessDeclares() {
        List<Route> routes = http.app.routes().routes();
        assertTrue(routes.size() >= 20, "expected the identity and audit routes in the table, got " + routes.size());
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Route route : routes) {
            String path = route.path().replaceAll("\\{[^/}]+}", "matrix-x").replaceAll("<[^>]+>", "matrix-x");
            String method = route.method().name();
            String body = route.method() == HandlerType.GET || route.method() == HandlerType.DELETE ? null : "{}";

            // Anonymous
            HttpResponse<String> anonymous = http.send(method, path, body);
            if (route.access() instanceof Access.Public) {
                expectPast(failures, route, "anonymous", anonymous);
            } else {
                expect(failures, route, "anonymous", anonymous, 401);
            }
            checked++;
            // Each role, by an API token carrying just that role.
            for (Role role : Role.values()) {
                HttpResponse<String> response = http.send(method, path, body, "Authorization",
                        "Bearer " + TOKENS.get(role));
                if (route.access().allows(EnumSet.of(role))) {
                    expectPast(failures, route, role.name(), response);
                } else {
                    expect(failures, route, role.name(), response, 403);
                }
                checked++;
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(routes.size() * (Role.values().length + 1), checked);
    }

    @Test
    void refusalsByTheAccessCheckAreAuditedWithinALimitPerAddress(@TempDir Path own) {
        try (TestApp app = new TestApp(own)) {
            String[] clerk = app.bearerFor("u-window-clerk", Role.WINDOW_CLERK);
            app.send("GET", "/api/audit/verify", null, clerk);
            for (int i = 0; i < 30; i++) {
                app.send("GET", "/api/admin/users", null);
            }
            var events = new AuditSearch(app.audit()).search(AuditQuery.all(1000)).events();
            var denied = events.stream().filter(e -> e.action().equals("access.denied")).toList();
            checkDenied(denied);
            // 31 refusals from one address within a minute: 20 audited one by one, one suppression marker, the rest
            // only counted. (Should the clock minute roll over mid-test, each minute gets its own allowance.)
            long suppressed = events.stream().filter(e -> e.action().equals("access.denied.suppressed")).count();
            int max = org.onewindow.service.audit.AccessAudit.MAX_EVENTS_PER_MINUTE;
            long minutes = events.stream().filter(e -> e.action().startsWith("access.denied"))
                    .map(e -> e.time().toEpochMilli() / 60_000).distinct().count();
            if (minutes == 1) {
                assertEquals(max, denied.size());
                assertEquals(1, suppressed);
            } else { // the minute rolled over mid-test: each minute had its own allowance
                assertTrue(denied.size() + suppressed <= 31 && denied.size() <= 2 * max, denied.size()
                        + " audited, " + suppressed + " suppression markers");
            }
        }
    }

    private static void checkDenied(java.util.List<org.onewindow.service.audit.AuditEvent> denied) {
        assertTrue(denied.stream().anyMatch(e -> e.actor().equals("u-window-clerk")
                && e.target().id().equals("GET /api/audit/verify") && e.outcome() == AuditOutcome.DENIED
                && e.details().get("status").equals("403") && "WINDOW_CLERK".equals(e.role())));
        assertTrue(denied.stream().anyMatch(e -> e.actor().equals("anonymous")
                && e.target().id().equals("GET /api/admin/users") && e.details().get("status").equals("401")));
    }

    private static void expect(List<String> failures, Route route, String who, HttpResponse<String> response,
                               int status) {
        if (response.statusCode() != status) {
            failures.add(route.method() + " " + route.path() + " as " + who + ": expected " + status + ", got "
                    + response.statusCode() + " " + response.body());
        }
    }

    /** Allowed: the access check let it through (the handler may still refuse the made-up input). */
    private static void expectPast(List<String> failures, Route route, String who, HttpResponse<String> response) {
        int status = response.statusCode();
        boolean accessRefusal = status == 401 || (status == 403 && response.body().contains("requires one of"));
        if (accessRefusal || status >= 500) {
            failures.add(route.method() + " " + route.path() + " as " + who + ": expected to pass the access check,"
                    + " got " + status + " " + response.body());
        }
        assertFalse(status == 405, route + " not registered");
    }
}
