package org.onewindow.service.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.onewindow.service.Application;
import org.onewindow.service.config.Config;
import org.onewindow.service.audit.AuditLog;
import org.onewindow.service.identity.IdentityAudit;
import org.onewindow.service.identity.IdentityService;
import org.onewindow.service.identity.Role;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.fs.FileSystemObjectStore;

/** A started application with the real identity feature, and a small HTTP client for it. */
public final class TestApp implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    public final Application app;
    public final int port;
    private final ObjectStore store;

    /** Test settings: fast Argon2, no demo users, the checkpoint key in {@code dir}. */
    public static IdentityAudit.Settings settings(Path dir, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put(IdentityAudit.Settings.CHECKPOINT_KEY_FILE, dir.resolve("secrets/audit.key").toString());
        env.put(IdentityAudit.Settings.ARGON2_MEMORY_KIB, "1024");
        env.put(IdentityAudit.Settings.ARGON2_ITERATIONS, "1");
        env.put(IdentityAudit.Settings.DEMO_USERS, "false");
        env.putAll(extra);
        return IdentityAudit.Settings.fromEnvironment(env);
    }

    public TestApp(Path dir, Map<String, String> configEnv, Map<String, String> settingsEnv) {
        Map<String, String> env = new HashMap<>();
        env.put(Config.STORAGE, "fs:" + dir.resolve("data"));
        env.put(Config.HOST, "127.0.0.1");
        env.put(Config.PORT, "0");
        env.putAll(configEnv);
        Config config = Config.fromEnvironment(env);
        store = new FileSystemObjectStore(dir.resolve("data"));
        app = new Application(config, store, null, List.of(),
                settings(dir, settingsEnv));
        port = app.start();
    }

    public TestApp(Path dir) {
        this(dir, Map.of(), Map.of());
    }

    public IdentityService identity() {
        return app.identityAudit().identity();
    }

    /** Adds a user through the service (as the CLI would). */
    public void addUser(String userId, String password, String department, Role... roles) {
        identity().addUser(IdentityService.Actor.cli("test", "setup"), userId, userId, java.util.Set.of(roles),
                department, password);
    }

    public HttpResponse<String> send(String method, String path, String body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null && !containsHeader(headers, "Content-Type")) {
            builder.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            builder.headers(headers);
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

    private static boolean containsHeader(String[] headers, String name) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** A logged-in browser: its session cookie and CSRF token. */
    public record Browser(String cookie, String csrfToken, HttpResponse<String> loginResponse) {
        public String[] headers(boolean withCsrf) {
            List<String> h = new ArrayList<>(List.of("Cookie", cookie));
            if (withCsrf) {
                h.add("X-CSRF-Token");
                h.add(csrfToken);
            }
            return h.toArray(String[]::new);
        }
    }

    public Browser login(String userId, String password) {
        HttpResponse<String> response = send("POST", "/api/auth/login", json(Map.of("userId", userId,
                "password", password)));
        if (response.statusCode() != 200) {
            throw new AssertionError("login failed: " + response.statusCode() + " " + response.body());
        }
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return new Browser(setCookie.split(";", 2)[0], tree(response).path("csrfToken").asText(), response);
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String form(Map<String, String> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((k, v) -> out.append(out.length() == 0 ? "" : "&").append(URLEncoder.encode(k,
                StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    public static JsonNode tree(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    public static SecureRandom random() {
        return new SecureRandom();
    }

    public AuditLog audit() {
        return app.identityAudit().audit();
    }

    public ObjectStore store() {
        return store;
    }

    /** Adds a user holding {@code roles} and returns the headers of a bearer token carrying them. */
    public String[] bearerFor(String userId, Role... roles) {
        addUser(userId, "bearer-pass-1", java.util.Arrays.asList(roles).contains(Role.DEPARTMENT_APPROVER) ? "住建局"
                : null, roles);
        String token = identity().createToken(IdentityService.Actor.cli("test", "setup"), userId, "test", null, null)
                .token();
        return new String[] {"Authorization", "Bearer " + token};
    }

    /** Sends and parses a JSON answer, failing on a non-2xx status. */
    public JsonNode json(String method, String path, String... headers) {
        HttpResponse<String> response = send(method, path, null, headers);
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + " "
                    + response.body());
        }
        return tree(response);
    }

    /** GET/DELETE style request without a body. */
    public HttpResponse<String> send(String method, String path, String[] headers) {
        return send(method, path, null, headers == null ? new String[0] : headers);
    }

    @Override
    public void close() {
        app.stop();
    }
}
