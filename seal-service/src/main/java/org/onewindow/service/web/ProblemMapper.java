package org.onewindow.service.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.router.EndpointNotFound;
import io.javalin.validation.ValidationException;
import org.onewindow.service.errors.OnewindowException;
import org.onewindow.service.errors.UnauthorizedException;
import org.onewindow.storage.InvalidKeyException;
import org.onewindow.storage.InvalidMetadataException;
import org.onewindow.storage.InvalidRangeException;
import org.onewindow.storage.ObjectNotFoundException;
import org.onewindow.storage.PreconditionFailedException;
import org.onewindow.storage.StorageUnavailableException;
import org.onewindow.templates.FontConfigurationException;
import org.onewindow.templates.TemplateDataException;
import org.onewindow.templates.TemplateDefinitionException;
import org.onewindow.templates.TemplateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become RFC 9457 problem responses. Caller errors are logged at debug/info
 * without stack traces; anything unexpected is logged with its stack trace and answered with a 500 problem that
 * carries only the request id.
 */
public final class ProblemMapper {
    private static final Logger log = LoggerFactory.getLogger(ProblemMapper.class);

    private final ObjectMapper mapper;
    private final RouteTable routes;

    public ProblemMapper(ObjectMapper mapper, RouteTable routes) {
        this.mapper = mapper;
        this.routes = routes;
    }

    /**
     * What the response will be: status, problem type slug, title, detail, extra headers and RFC 9457 extension
     * members (e.g. the {@code path} of the bad input of a 422).
     */
    record Mapped(int status, String slug, String title, String detail, Map<String, String> headers,
                  Map<String, Object> extensions) {
        Mapped(int status, String slug, String title, String detail, Map<String, String> headers) {
            this(status, slug, title, detail, headers, Map.of());
        }

        Mapped(int status, String slug, String title, String detail) {
            this(status, slug, title, detail, Map.of(), Map.of());
        }
    }

    /** Maps {@code failure} and writes the problem response to {@code ctx}. */
    public void handle(Exception failure, Context ctx) {
        Mapped mapped = map(failure, ctx);
        if (mapped.status() >= 500 && !(failure instanceof OnewindowException)
                && !(failure instanceof StorageUnavailableException) && !(failure instanceof FontConfigurationException)) {
            log.error("unexpected failure in {} {}", ctx.method(), ctx.path(), failure);
        } else if (mapped.status() >= 500) {
            log.warn("{} {} failed: {}", ctx.method(), ctx.path(), describe(failure));
        } else {
            log.debug("{} {} answered {}: {}", ctx.method(), ctx.path(), mapped.status(), mapped.detail());
        }
        write(ctx, mapped);
    }

    /** Writes a problem response without an exception (used for responses decided by the web layer itself). */
    void write(Context ctx, Mapped mapped) {
        Problem problem = new Problem(Problem.typeUri(mapped.slug()), mapped.title(), mapped.status(), mapped.detail(),
                ctx.path(), RequestIds.of(ctx));
        mapped.headers().forEach(ctx::header);
        String body;
        try {
            if (mapped.extensions().isEmpty()) {
                body = mapper.writeValueAsString(problem);
            } else {
                ObjectNode document = mapper.valueToTree(problem);
                mapped.extensions().forEach((name, value) -> {
                    if (!document.has(name)) { // extensions never replace the standard members
                        document.set(name, mapper.valueToTree(value));
                    }
                });
                body = mapper.writeValueAsString(document);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a problem document", e);
        }
        // Bytes, not a String: Jetty assumes ISO-8859-1 for application/problem+json and would turn Chinese into '?'.
        ctx.status(mapped.status()).contentType(Problem.MEDIA_TYPE).result(body.getBytes(StandardCharsets.UTF_8));
    }

    Mapped map(Exception failure, Context ctx) {
        if (failure instanceof UnauthorizedException e) {
            return new Mapped(e.status(), e.type(), e.title(), e.getMessage(),
                    Map.of("WWW-Authenticate", "Bearer realm=\"onewindow\""));
        }
        if (failure instanceof OnewindowException e) {
            return new Mapped(e.status(), e.type(), e.title(), e.getMessage());
        }
        if (failure instanceof TemplateNotFoundException e) {
            return new Mapped(404, "not-found", "Not found", e.getMessage(), Map.of(), templateExtensions(e.templateId(), null));
        }
        if (failure instanceof TemplateDataException e) {
            return new Mapped(422, "unprocessable", "Unprocessable content", e.getMessage(), Map.of(),
                    templateExtensions(e.templateId(), e.path()));
        }
        if (failure instanceof TemplateDefinitionException e) {
            return new Mapped(422, "unprocessable", "Unprocessable content", e.getMessage(), Map.of(),
                    templateExtensions(e.templateId(), null));
        }
        if (failure instanceof FontConfigurationException) {
            // The message names server paths: keep it in the log only.
            return new Mapped(503, "service-unavailable", "Service unavailable",
                    "document rendering is unavailable: a configured font is missing (the server log names it)");
        }
        if (failure instanceof InvalidKeyException || failure instanceof InvalidMetadataException) {
            return new Mapped(400, "validation", "Bad request", failure.getMessage());
        }
        if (failure instanceof ObjectNotFoundException) {
            return new Mapped(404, "not-found", "Not found", failure.getMessage());
        }
        if (failure instanceof PreconditionFailedException) {
            return new Mapped(409, "conflict", "Conflict", failure.getMessage()
                    + "; reload and try again");
        }
        if (failure instanceof StorageUnavailableException) {
            // The storage message may name internal hosts or paths: keep it in the log only.
            return new Mapped(503, "service-unavailable", "Service unavailable",
                    "storage is unavailable; try again later");
        }
        if (failure instanceof InvalidRangeException) {
            return new Mapped(416, "range-not-satisfiable", "Range not satisfiable", failure.getMessage());
        }
        if (failure instanceof EndpointNotFound || failure instanceof MethodNotAllowedResponse) {
            return notFoundOrMethodNotAllowed(ctx);
        }
        if (failure instanceof ValidationException e) {
            return new Mapped(400, "validation", "Bad request", describeValidation(e));
        }
        if (failure instanceof HttpResponseException e) {
            return fromJavalin(e);
        }
        if (failure instanceof StreamReadException e) {
            return new Mapped(400, "validation", "Bad request", "malformed JSON: " + e.getOriginalMessage());
        }
        if (failure instanceof MismatchedInputException e) {
            return new Mapped(400, "validation", "Bad request",
                    "the JSON document does not have the expected form: " + e.getOriginalMessage());
        }
        return new Mapped(500, "internal", "Internal server error",
                "an unexpected error occurred; quote request id " + RequestIds.of(ctx) + " when reporting it");
    }

    private static Map<String, Object> templateExtensions(String templateId, String path) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (templateId != null) {
            extensions.put("templateId", templateId);
        }
        if (path != null) {
            extensions.put("path", path);
        }
        return extensions;
    }

    private Mapped notFoundOrMethodNotAllowed(Context ctx) {
        Set<HandlerType> allowed = routes.methodsAt(ctx.path());
        if (allowed.isEmpty()) {
            return new Mapped(404, "not-found", "Not found", "no route for " + ctx.method() + " " + ctx.path());
        }
        String allow = allowed.stream().map(HandlerType::name).sorted().collect(Collectors.joining(", "));
        return new Mapped(405, "method-not-allowed", "Method not allowed",
                ctx.method() + " is not allowed on " + ctx.path() + "; allowed: " + allow, Map.of("Allow", allow));
    }

    private static Mapped fromJavalin(HttpResponseException e) {
        int status = e.getStatus();
        String detail = status == 413 ? "the request body is larger than the limit" : e.getMessage();
        return new Mapped(status, slugFor(status), titleFor(status), detail);
    }

    /** Problem type slug for a bare HTTP status (statuses without an exception type of ours). */
    static String slugFor(int status) {
        return switch (status) {
            case 400 -> "validation";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 416 -> "range-not-satisfiable";
            case 429 -> "too-many-requests";
            case 431 -> "request-header-fields-too-large";
            case 503 -> "service-unavailable";
            default -> status >= 500 ? "internal" : "http-" + status;
        };
    }

    /** The standard reason phrase of {@code status}. */
    static String titleFor(int status) {
        HttpStatus known = HttpStatus.forStatus(status);
        return known == HttpStatus.UNKNOWN ? "HTTP " + status : known.getMessage();
    }

    private static String describeValidation(ValidationException e) {
        Map<String, String> firstErrors = new TreeMap<>();
        e.getErrors().forEach((field, errors) -> firstErrors.put(field,
                errors.isEmpty() ? "invalid" : errors.get(0).getMessage()));
        return "invalid parameters: " + firstErrors.entrySet().stream()
                .map(entry -> entry.getKey() + " (" + entry.getValue() + ")")
                .collect(Collectors.joining(", "));
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(failure.toString());
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.toString();
    }
}
