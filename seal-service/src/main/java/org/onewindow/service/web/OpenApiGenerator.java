package org.onewindow.service.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.onewindow.service.identity.Role;

/**
 * Generates the OpenAPI 3.1 document from the {@link RouteTable}: it describes exactly the routes the server
 * registers. Non-public operations carry a security requirement and the roles that may call them in the
 * {@code x-roles} extension (empty: any logged-in user); every operation lists its problem responses.
 */
public final class OpenApiGenerator {
    private static final Pattern PARAM = Pattern.compile("\\{([^/{}]+)}|<([^<>]+)>");
    private static final String PROBLEM_REF = "#/components/responses/Problem";

    private OpenApiGenerator() {
    }

    /** Javalin's {@code {id}} and {@code <path>} parameters both become OpenAPI's {@code {id}}. */
    public static String openApiPath(String javalinPath) {
        return PARAM.matcher(javalinPath).replaceAll(match ->
                Matcher.quoteReplacement("{" + (match.group(1) != null ? match.group(1) : match.group(2)) + "}"));
    }

    public static Map<String, Object> generate(RouteTable table, String title, String version, String serverUrl) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route route : table.routes()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(openApiPath(route.path()),
                    path -> new LinkedHashMap<String, Object>());
            item.put(route.method().name().toLowerCase(Locale.ROOT), operation(route));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.1.0");
        document.put("info", Map.of("title", title, "version", version));
        document.put("servers", List.of(Map.of("url", serverUrl)));
        document.put("paths", paths);
        document.put("components", components());
        return document;
    }

    private static Map<String, Object> operation(Route route) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("summary", route.summary());
        operation.put("operationId", operationId(route));
        List<Map<String, Object>> parameters = new ArrayList<>();
        Matcher matcher = PARAM.matcher(route.path());
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            parameters.add(Map.of("name", name, "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", Map.of("description", "Success"));
        responses.put("400", Map.of("$ref", PROBLEM_REF));
        if (route.access() instanceof Access.Public) {
            operation.put("security", List.of());
        } else {
            operation.put("security", List.of(Map.of("session", List.of()), Map.of("bearerToken", List.of())));
            operation.put("x-roles", roles(route.access()));
            responses.put("401", Map.of("$ref", PROBLEM_REF));
            responses.put("403", Map.of("$ref", PROBLEM_REF));
        }
        responses.put("500", Map.of("$ref", PROBLEM_REF));
        responses.put("default", Map.of("$ref", PROBLEM_REF));
        operation.put("responses", responses);
        return operation;
    }

    private static List<String> roles(Access access) {
        if (access instanceof Access.AnyRole anyRole) {
            return anyRole.roles().stream().sorted().map(Role::name).toList();
        }
        return List.of();
    }

    /** e.g. {@code GET /api/cases/{caseId}} → {@code getApiCasesCaseId}. */
    static String operationId(Route route) {
        StringBuilder id = new StringBuilder(route.method().name().toLowerCase(Locale.ROOT));
        for (String word : route.path().split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return id.toString();
    }

    private static Map<String, Object> components() {
        Map<String, Object> problemProperties = new LinkedHashMap<>();
        problemProperties.put("type", Map.of("type", "string", "format", "uri",
                "description", "urn:onewindow:problem:<slug>"));
        problemProperties.put("title", Map.of("type", "string"));
        problemProperties.put("status", Map.of("type", "integer"));
        problemProperties.put("detail", Map.of("type", "string"));
        problemProperties.put("instance", Map.of("type", "string", "description", "the request path"));
        problemProperties.put("requestId", Map.of("type", "string", "description", "also in X-Request-Id"));
        Map<String, Object> problemSchema = new LinkedHashMap<>();
        problemSchema.put("type", "object");
        problemSchema.put("required", List.of("type", "title", "status", "requestId"));
        problemSchema.put("properties", problemProperties);

        Map<String, Object> components = new LinkedHashMap<>();
        components.put("schemas", Map.of("Problem", problemSchema));
        components.put("responses", Map.of("Problem", Map.of(
                "description", "An RFC 9457 problem",
                "content", Map.of(Problem.MEDIA_TYPE, Map.of("schema", Map.of("$ref", "#/components/schemas/Problem"))))));
        components.put("securitySchemes", Map.of(
                "session", Map.of("type", "apiKey", "in", "cookie", "name", "onewindow_session"),
                "bearerToken", Map.of("type", "http", "scheme", "bearer")));
        return components;
    }
}
