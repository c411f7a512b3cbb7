package org.onewindow.service.cases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.onewindow.service.Application;
import org.onewindow.service.audit.AuditEvent;
import org.onewindow.service.audit.AuditLog;
import org.onewindow.service.config.Config;
import org.onewindow.service.identity.IdentityService;
import org.onewindow.service.identity.Role;
import org.onewindow.service.seal.SealSeeder;
import org.onewindow.service.testsupport.MutableClock;
import org.onewindow.service.testsupport.TestApp;
import org.onewindow.storage.fs.FileSystemObjectStore;

/**
 * The real service with a hand-moved clock, real users with API tokens, the PKI and the default seals (ec-p256), and
 * an HTTP client. The clock starts on Wednesday 2026-11-25 at 09:00 in Beijing.
 *
 * <p>Generating the PKI and 28 seals takes many seconds on this machine, so on the filesystem backend it is done once
 * per JVM (a stopped service's data directory) and each harness starts on a copy of it.
 */
final class CaseHarness implements AutoCloseable {
    static final Instant START = Instant.parse("2026-11-25T01:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String BUILDING_PERMIT = "620982-XK-0014"; // 住建局(人防办), 7 working days, M01-M04 主件, S01-S02 副件
    static final String BUILDING_DEPARTMENT = "住建局(人防办)";
    static final String FOOD_LICENCE = "620982-XK-0001"; // 食药监局, 10 working days, M01-M04 主件, S01-S02 副件
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final MutableClock clock = new MutableClock(START);
    final Application app;
    final int port;
    final org.onewindow.storage.ObjectStore store;

    /** On a copy of the seeded filesystem store. */
    CaseHarness(Path dir) {
        this(dir, copyOfSeeded(dir));
    }

    /** On {@code store}; seeds the default seals when it has none yet (S3: done in this harness). */
    CaseHarness(Path dir, org.onewindow.storage.ObjectStore store) {
        this.store = store;
        app = new Application(config(dir), store, null, List.of(), TestApp.settings(dir, Map.of()), clock);
        port = app.start();
        app.sealSeed().join();
    }

    private static Config config(Path dir) {
        Map<String, String> env = new HashMap<>();
        env.put(Config.STORAGE, "fs:" + dir.resolve("data"));
        env.put(Config.HOST, "127.0.0.1");
        env.put(Config.PORT, "0");
        env.put(Config.SEAL_KEY_TYPE, "ec-p256");
        env.put(Config.MAX_UPLOAD_BYTES, "8MiB");
        return Config.fromEnvironment(env);
    }

    /**
     * Copies the seeded directory (store and audit checkpoint key) into {@code dir} unless it holds a store already
     * (a restart on the same directory); returns its store.
     */
    private static org.onewindow.storage.ObjectStore copyOfSeeded(Path dir) {
        try {
            if (!java.nio.file.Files.exists(dir.resolve("data"))) {
                copyTree(Seeded.DIR, dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FileSystemObjectStore(dir.resolve("data"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = java.nio.file.Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (java.nio.file.Files.isDirectory(source)) {
                    java.nio.file.Files.createDirectories(target);
                } else if (!source.getFileName().toString().endsWith(".lock")) {
                    java.nio.file.Files.copy(source, target);
                }
            }
        }
    }

    /** The seeded directory, made by the first harness of the JVM. */
    private static final class Seeded {
        static final Path DIR = make();

        private static Path make() {
            try {
                Path dir = java.nio.file.Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")),
                        "onewindow-case-seed-");
                org.onewindow.storage.ObjectStore store = new FileSystemObjectStore(dir.resolve("data"));
                Application seeding = new Application(config(dir), store, null, List.of(),
                        TestApp.settings(dir, Map.of()), new MutableClock(START));
                try {
                    seeding.start();
                    SealSeeder.Result result = seeding.sealSeed().join();
                    if (result.outcome() != SealSeeder.Outcome.SEEDED) {
                        throw new IllegalStateException("seal seed: " + result.outcome());
                    }
                } finally {
                    seeding.stop();
                }
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A user with these roles (department for approvers) and the headers of an API token carrying them. */
    String[] user(String userId, String department, Role... roles) {
        IdentityService identity = app.identityAudit().identity();
        IdentityService.Actor setup = IdentityService.Actor.cli("test", "setup");
        identity.addUser(setup, userId, userId, Set.of(roles), department, "case-test-pass-1");
        String token = identity.createToken(setup, userId, "test", null, null).token();
        return new String[] {"Authorization", "Bearer " + token};
    }

    HttpResponse<String> send(String method, String path, Object body, String[] headers) {
        String text;
        try {
            text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8))
                .headers(headers);
        if (text != null) {
            builder.header("Content-Type", "application/json");
        }
        try {
            return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends and expects {@code status}; returns the parsed answer. */
    JsonNode expect(int status, String method, String path, Object body, String[] headers) {
        HttpResponse<String> response = send(method, path, body, headers);
        if (response.statusCode() != status) {
            throw new AssertionError(method + " " + path + ": expected " + status + ", got " + response.statusCode()
                    + " " + response.body());
        }
        return tree(response);
    }

    static JsonNode tree(HttpResponse<String> response) {
        try {
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** Opens a case for {@code itemCode} with the given materials present. */
    String open(String[] clerk, String itemCode, String... materials) {
        List<Map<String, String>> list = new ArrayList<>();
        for (String m : materials) {
            list.add(Map.of("code", m, "documentRef", "sha256:" + m));
        }
        JsonNode created = expect(201, "POST", "/api/cases", Map.of("itemCode", itemCode, "applicant",
                Map.of("name", "敦煌飞天建设有限公司", "idNumber", "91620982MA00000001", "phone", "0937-8800000"),
                "materials", list), clerk);
        return created.path("id").asText();
    }

    /** Audit events about {@code caseId}, in order. */
    List<AuditEvent> caseEvents(String caseId) {
        AuditLog audit = app.identityAudit().audit();
        List<AuditEvent> out = new ArrayList<>();
        for (long seq = 1; seq <= audit.head().seq(); seq++) {
            audit.read(seq).filter(e -> e.target() != null && e.target().type().equals("case")
                    && e.target().id().equals(caseId)).ifPresent(out::add);
        }
        return out;
    }

    /** All audit events with this action. */
    List<AuditEvent> events(String action) {
        AuditLog audit = app.identityAudit().audit();
        List<AuditEvent> out = new ArrayList<>();
        for (long seq = 1; seq <= audit.head().seq(); seq++) {
            audit.read(seq).filter(e -> e.action().equals(action)).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public void close() {
        app.stop();
    }
}
