package org.onewindow.service.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.identity.Role;

/** Plain HTTP against a started application, with java.net.http. */
final class HttpTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Test authenticator: {@code X-Test-User: alice:SEAL_ADMIN,AUDITOR}; no header means anonymous. */
    static final Authenticator HEADER_AUTHENTICATOR = ctx -> {
        String header = ctx.header("X-Test-User");
        if (header == null) {
            return Optional.empty();
        }
        String[] parts = header.split(":", 2);
        Set<Role> roles = parts.length < 2 || parts[1].isBlank() ? Set.of()
                : Arrays.stream(parts[1].split(",")).map(Role::valueOf).collect(Collectors.toSet());
        return Optional.of(new Principal(parts[0], parts[0], roles, null, "test"));
    };

    private HttpTestSupport() {
    }

    static HttpResponse<String> send(int port, HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
    }

    static HttpResponse<String> get(int port, String path, String... headers) {
        HttpRequest.Builder builder = request(port, path).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(port, builder);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** Asserts the RFC 9457 shape and returns the document. */
    static JsonNode assertProblem(HttpResponse<String> response, int status, String slug) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(Problem.MEDIA_TYPE, response.headers().firstValue("Content-Type").orElse("").split(";")[0],
                "content type of " + response.body());
        JsonNode problem = json(response);
        assertEquals(Problem.typeUri(slug), problem.path("type").asText(), response.body());
        assertEquals(status, problem.path("status").asInt());
        assertTrue(problem.path("title").isTextual() && !problem.path("title").asText().isBlank(), response.body());
        assertTrue(problem.path("detail").isTextual() && !problem.path("detail").asText().isBlank(), response.body());
        assertEquals(response.uri().getRawPath(), problem.path("instance").asText());
        String requestId = response.headers().firstValue(RequestIds.HEADER).orElseThrow();
        assertEquals(requestId, problem.path("requestId").asText());
        return problem;
    }

    static void assertSecurityHeaders(HttpResponse<String> response) {
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("DENY", response.headers().firstValue("X-Frame-Options").orElse(null));
        assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElse(null));
        String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), csp);
    }
}
