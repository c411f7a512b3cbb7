package org.onewindow.service.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.Application;
import org.onewindow.service.Main;
import org.onewindow.service.archive.ArchiveVerifier;
import org.onewindow.service.config.Config;
import org.onewindow.service.identity.IdentityAudit;
import org.onewindow.service.identity.IdentityService;
import org.onewindow.service.identity.Role;
import org.onewindow.service.pki.Pem;
import org.onewindow.service.testsupport.HttpCalls;
import org.onewindow.service.testsupport.MutableClock;
import org.onewindow.service.testsupport.TestApp;
import org.onewindow.storage.fs.FileSystemObjectStore;

/**
 * Supervision figures and archive packages over the real HTTP API (roles, department scope, CSV, 409 for open
 * cases), then the {@code supervision} and {@code archive} CLI commands on the same storage.
 */
class ReportsHttpAndCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUILDING = "620982-XK-0014";
    private static final String FOOD = "620982-XK-0001";

    @TempDir
    Path dir;
    private int port;

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put(Config.STORAGE, "fs:" + dir.resolve("data"));
        env.put(Config.HOST, "127.0.0.1");
        env.put(Config.PORT, "0");
        env.put(Config.DEMO_SEALS, "false");
        env.put(Config.SEAL_KEY_TYPE, "ec-p256");
        env.put(IdentityAudit.Settings.CHECKPOINT_KEY_FILE, dir.resolve("secrets/audit.key").toString());
        return env;
    }

    private HttpResponse<byte[]> call(String method, String path, Object body, String[] auth) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).headers(auth)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            return HttpCalls.send(b.build());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode expect(int status, String method, String path, Object body, String[] auth) {
        HttpResponse<byte[]> r = call(method, path, body, auth);
        assertEquals(status, r.statusCode(), method + " " + path + ": " + HttpCalls.text(r));
        return r.body().length == 0 || !r.headers().firstValue("Content-Type").orElse("").contains("json")
                ? JSON.nullNode() : HttpCalls.json(r);
    }

    private String open(String[] clerk, String item) {
        List<Map<String, String>> materials = new ArrayList<>();
        for (String code : List.of("M01", "M02", "M03", "M04", "S01", "S02")) {
            materials.add(Map.of("code", code, "documentRef", "sha256:" + code));
        }
        return expect(201, "POST", "/api/cases", Map.of("itemCode", item, "applicant", Map.of("name", "敦煌市某某公司"),
                "materials", materials), clerk).path("id").asText();
    }

    private record Run(int code, String out) {
    }

    private Run cli(String... args) {
        return cli(env(), args);
    }

    private Run cli(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void figuresAndArchivesOverHttpAndCli() throws Exception {
        // Yesterday 02:00 UTC (10:00 in Beijing, a working-hours time on the same date), and in the past, so the
        // certificates it issues are valid for the CLI run at the real time.
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS)
                .plus(2, ChronoUnit.HOURS));
        // The transitions seal their documents, so this app seeds the demo seals (the CLI runs below do not need them).
        Map<String, String> appEnv = env();
        appEnv.remove(Config.DEMO_SEALS);
        Application app = new Application(Config.fromEnvironment(appEnv), new FileSystemObjectStore(dir.resolve("data")),
                null, List.of(), TestApp.settings(dir, Map.of()), clock);
        String completed;
        String refused;
        Path packageFile = dir.resolve("http.zip");
        List<java.security.cert.X509Certificate> roots;
        try {
            port = app.start();
            app.sealSeed().join();
            IdentityService identity = app.identityAudit().identity();
            IdentityService.Actor setup = IdentityService.Actor.cli("test", "setup");
            Map<String, String[]> users = new HashMap<>();
            Object[][] table = {{"clerk", null, Role.WINDOW_CLERK}, {"b1", "住建局(人防办)", Role.DEPARTMENT_APPROVER},
                    {"f1", "食药监局", Role.DEPARTMENT_APPROVER}, {"center", null, Role.CENTER_APPROVER},
                    {"auditor", null, Role.AUDITOR}, {"admin", null, Role.SYSTEM_ADMIN}};
            for (Object[] u : table) {
                identity.addUser(setup, (String) u[0], (String) u[0], Set.of((Role) u[2]), (String) u[1], "reports-pass-1");
                users.put((String) u[0], new String[] {"Authorization", "Bearer "
                        + identity.createToken(setup, (String) u[0], "t", null, null).token()});
            }
            String[] clerk = users.get("clerk");
            completed = open(clerk, BUILDING);
            refused = open(clerk, FOOD);
            String pending = open(clerk, BUILDING);
            expect(200, "POST", "/api/cases/" + completed + "/accept", null, clerk);
            expect(200, "POST", "/api/cases/" + refused + "/refuse", Map.of("reason", "不属于受理范围"), clerk);
            expect(200, "POST", "/api/cases/" + completed + "/handover", null, clerk);
            expect(200, "POST", "/api/cases/" + completed + "/review", null, users.get("b1"));
            expect(200, "POST", "/api/cases/" + completed + "/decide", Map.of("outcome", "APPROVED", "reason", "符合"),
                    users.get("b1"));
            expect(200, "POST", "/api/cases/" + completed + "/complete", null, users.get("center"));

            // --- supervision: one completed the same day (0 working days), one refused
            JsonNode figures = expect(200, "GET", "/api/supervision/figures?by=department", null, users.get("center"));
            assertEquals("DEPARTMENT", figures.path("by").asText());
            assertEquals(2, figures.path("rows").size(), figures.toString());
            JsonNode building = figures.path("rows").get(0);
            assertEquals("住建局(人防办)", building.path("key").asText());
            assertEquals(List.of(1, 1, 0, 1, 0), List.of(building.path("cases").asInt(), building.path("accepted").asInt(),
                    building.path("refused").asInt(), building.path("completed").asInt(), building.path("overdue").asInt()));
            assertEquals(0, building.path("p90WorkingDays").asInt());
            assertEquals(1, figures.path("rows").get(1).path("refused").asInt());
            assertEquals(2, figures.path("total").path("cases").asInt());

            JsonNode scoped = expect(200, "GET", "/api/supervision/figures?by=person", null, users.get("b1"));
            assertEquals("住建局(人防办)", scoped.path("filter").path("department").asText());
            assertEquals(List.of("b1", "clerk"), List.of(scoped.path("rows").get(0).path("key").asText(),
                    scoped.path("rows").get(1).path("key").asText()));
            assertEquals(1, scoped.path("total").path("cases").asInt());
            expect(403, "GET", "/api/supervision/figures?department=食药监局".replace("食药监局", "%E9%A3%9F%E8%8D%AF%E7%9B%91%E5%B1%80"),
                    null, users.get("b1"));
            expect(403, "GET", "/api/supervision/figures", null, clerk);
            expect(400, "GET", "/api/supervision/figures?by=month", null, users.get("admin"));
            expect(400, "GET", "/api/supervision/figures?from=yesterday", null, users.get("admin"));

            HttpResponse<byte[]> csv = call("GET", "/api/supervision/figures.csv?by=window", null, users.get("auditor"));
            assertEquals(200, csv.statusCode(), HttpCalls.text(csv));
            assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
            assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(csv.body()[0], csv.body()[1], csv.body()[2]));
            assertTrue(HttpCalls.text(csv).contains("\r\n窗口,投资项目审批服务,1,1,0,0,0,0,1,0.00,0\r\n"), HttpCalls.text(csv));

            // --- archive packages
            JsonNode conflict = expect(409, "POST", "/api/cases/" + pending + "/archive-package", null, clerk);
            assertTrue(conflict.path("detail").asText().contains("SUBMITTED"), conflict.toString());
            expect(404, "GET", "/api/cases/" + completed + "/archive-package", null, users.get("auditor"));
            expect(403, "POST", "/api/cases/" + completed + "/archive-package", null, users.get("auditor"));
            JsonNode built = expect(201, "POST", "/api/cases/" + completed + "/archive-package", null, users.get("center"));
            assertTrue(built.path("key").asText().startsWith("archives/" + completed + "/"), built.toString());
            expect(201, "POST", "/api/cases/" + refused + "/archive-package", null, clerk);
            HttpResponse<byte[]> download = call("GET", "/api/cases/" + completed + "/archive-package", null,
                    users.get("auditor"));
            assertEquals(200, download.statusCode());
            assertEquals("application/zip", download.headers().firstValue("Content-Type").orElse(""));
            Files.write(packageFile, download.body());
            roots = app.seals().pki().cas().trustedRoots();
            ArchiveVerifier.Report report = new ArchiveVerifier(roots).verify(packageFile);
            assertTrue(report.valid(), report.problems().toString());
            assertEquals(completed, report.caseId());
            assertEquals(1, countArchiveEvents(app, completed));
        } finally {
            app.stop();
        }

        // --- CLI on the same storage (the service is stopped: the directory store is one process's)
        Path root = Files.writeString(dir.resolve("root.pem"), Pem.encode(roots));
        assertEquals(0, cli("archive", "verify", packageFile.toString(), "--ca", root.toString()).code());
        Run stored = cli("archive", "verify", packageFile.toString());
        assertEquals(0, stored.code(), stored.out());
        assertTrue(stored.out().contains("档案有效"), stored.out());
        Map<String, byte[]> entries = org.onewindow.service.archive.ArchiveTestZips.entries(packageFile);
        entries.put("case.json", "{}".getBytes(StandardCharsets.UTF_8));
        Path altered = org.onewindow.service.archive.ArchiveTestZips.write(dir.resolve("altered.zip"), entries);
        Run bad = cli("archive", "verify", altered.toString(), "--ca", root.toString());
        assertEquals(1, bad.code(), bad.out());
        assertTrue(bad.out().contains("SIZE_MISMATCH case.json"), bad.out());
        assertEquals(2, cli("archive", "verify").code());
        Map<String, String> empty = new HashMap<>(env());
        empty.put(Config.STORAGE, "fs:" + dir.resolve("empty"));
        Run noRoots = cli(empty, "archive", "verify", packageFile.toString());
        assertEquals(2, noRoots.code(), noRoots.out());
        assertTrue(noRoots.out().contains("--ca"), noRoots.out());
        assertEquals(2, cli("archive", "verify", dir.resolve("nope.zip").toString()).code());

        Path exported = dir.resolve("cli.zip");
        Run export = cli("archive", "export", completed, "-o", exported.toString());
        assertEquals(0, export.code(), export.out());
        assertEquals(0, cli("archive", "verify", exported.toString(), "--ca", root.toString()).code());
        assertEquals(1, cli("archive", "export", "DH20990101000001", "-o", dir.resolve("x.zip").toString()).code());
        assertEquals(2, cli("archive", "export", completed).code());

        Run figures = cli("supervision", "figures", "--by", "department");
        assertEquals(0, figures.code(), figures.out());
        assertTrue(figures.out().contains("住建局(人防办)\t1\t1\t0\t0\t0\t0\t1\t0.00\t0"), figures.out());
        Run csvRun = cli("supervision", "figures", "--by", "person", "--csv");
        assertTrue(csvRun.out().startsWith("\uFEFF维度,名称"), csvRun.out());
        assertTrue(csvRun.out().contains("人员,clerk,2,1,1,"), csvRun.out());
        assertEquals(2, cli("supervision", "figures", "--by", "month").code());
    }

    private static long countArchiveEvents(Application app, String caseId) {
        long count = 0;
        for (long seq = 1; seq <= app.audit().head().seq(); seq++) {
            var event = app.audit().read(seq).orElseThrow();
            if (event.action().equals("archive.create") && event.outcome().wireName().equals("granted")
                    && event.target() != null && event.target().id().equals(caseId)) {
                count++;
            }
        }
        return count;
    }
}
