package org.onewindow.service.seal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.onewindow.service.Application;
import org.onewindow.service.config.Config;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.identity.Role;
import org.onewindow.service.web.Authenticator;
import org.onewindow.storage.fs.FileSystemObjectStore;

/** A started application over a temp store, plain java.net.http requests and the openssl checker. */
final class SealHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Test authenticator: {@code X-Test-User: userId:ROLE,ROLE[:department]}; no header means anonymous. */
    static final Authenticator HEADER_AUTHENTICATOR = ctx -> {
        String header = ctx.header("X-Test-User");
        if (header == null) {
            return Optional.empty();
        }
        String[] parts = header.split(":", 3);
        Set<Role> roles = parts.length < 2 || parts[1].isBlank() ? Set.of()
                : Arrays.stream(parts[1].split(",")).map(Role::valueOf).collect(Collectors.toSet());
        String department = parts.length == 3 ? java.net.URLDecoder.decode(parts[2], StandardCharsets.UTF_8) : null;
        return Optional.of(new Principal(parts[0], parts[0], roles, department, "test"));
    };

    static final String ADMIN = "sealadmin:SEAL_ADMIN";
    static final String CLERK = "clerk:WINDOW_CLERK";
    static final String CENTER = "center:CENTER_APPROVER";
    static final String AUDITOR = "auditor:AUDITOR";

    static String approverOf(String department) {
        return "approver:DEPARTMENT_APPROVER:" + java.net.URLEncoder.encode(department, StandardCharsets.UTF_8);
    }

    private SealHttp() {
    }

    static Map<String, String> env(Path dataDir, String keyType) {
        return Map.of(Config.STORAGE, "fs:" + dataDir, Config.HOST, "127.0.0.1", Config.PORT, "0",
                Config.SEAL_KEY_TYPE, keyType);
    }

    static Application start(Map<String, String> env) {
        Config config = Config.fromEnvironment(env);
        Path root = ((org.onewindow.service.config.StorageConfig.FileSystem) config.storage()).root();
        Application app = new Application(config, new FileSystemObjectStore(root), HEADER_AUTHENTICATOR, List.of());
        app.start();
        app.sealSeed().join();
        return app;
    }

    static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpRequest.Builder request(int port, String path, String user) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (user != null) {
            builder.header("X-Test-User", user);
        }
        return builder;
    }

    static HttpResponse<byte[]> get(int port, String path, String user) {
        return send(request(port, path, user).GET().build());
    }

    static HttpResponse<byte[]> postJson(int port, String path, String user, Object body) {
        try {
            return send(request(port, path, user).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpResponse<byte[]> post(int port, String path, String contentType, byte[] body) {
        HttpRequest.Builder builder = request(port, path, null).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.build());
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text(response), e);
        }
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** Runs /usr/bin/openssl in {@code dir}; output and exit code. */
    static Result openssl(Path dir, String... args) {
        Path openssl = Path.of("/usr/bin/openssl");
        if (!Files.isExecutable(openssl)) {
            throw new IllegalStateException("openssl is missing: install the Debian package openssl");
        }
        List<String> command = new ArrayList<>();
        command.add(openssl.toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + ": " + output;
        }
    }
}
