package org.onewindow.service.documents;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.onewindow.service.errors.BadRequestException;
import org.onewindow.service.errors.NotFoundException;
import org.onewindow.service.errors.UnsupportedMediaTypeException;
import org.onewindow.service.identity.Role;
import org.onewindow.service.jobs.JobRecord;
import org.onewindow.service.sign.CertificationLevel;
import org.onewindow.service.sign.CrossPageSeal;
import org.onewindow.service.sign.PadesLevel;
import org.onewindow.service.sign.SealPlacement;
import org.onewindow.service.templates.RenderInput;
import org.onewindow.templates.RenderedDocument;
import org.onewindow.service.web.Access;
import org.onewindow.service.web.Principals;
import org.onewindow.service.web.RequestBodies;
import org.onewindow.service.web.RequestIds;
import org.onewindow.service.web.Route;
import org.onewindow.service.web.RouteProvider;
import org.onewindow.storage.StoredObject;

/**
 * {@code /api/documents}: upload a PDF, read the record and any version, seal the latest version, seal a batch.
 *
 * <p>Seal body: {@code {sealId, level: B-B|B-T|B-LT|B-LTA (default B-T), placement: {field} | {page, xMm, yMm,
 * widthMm, heightMm} | {anchor, page?} | {invisible: true}, reason, location, certify: 1|2|3, crossPage: {edge:
 * right|left, yMm?}}}. The
 * {@code Idempotency-Key} header is optional; with it a retried request returns the version the first one made.
 */
public final class DocumentRoutes implements RouteProvider {
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_IDEMPOTENCY_KEY = 200;

    private final DocumentService documents;
    private final RequestBodies bodies;
    private final BiFunction<String, RenderInput, RenderedDocument> renderer;

    /**
     * @param renderer renders a template (e.g. {@code TemplateService::render}) for
     *                 {@code POST /api/documents/from-template/{templateId}}
     */
    public DocumentRoutes(DocumentService documents, RequestBodies bodies,
                          BiFunction<String, RenderInput, RenderedDocument> renderer) {
        this.documents = documents;
        this.bodies = bodies;
        this.renderer = renderer;
    }

    /** JSON of a seal request; {@code placement} is read by hand (four shapes). */
    public record SealBody(String sealId, String level, JsonNode placement, String reason, String location,
                           Integer certify, JsonNode crossPage) {
    }

    /** JSON of a batch: a seal request for every listed document (no certification in batches). */
    public record BatchBody(String sealId, String level, JsonNode placement, String reason, String location,
                            List<String> documentIds, JsonNode crossPage) {
    }

    @Override
    public List<Route> routes() {
        Access writers = Access.anyOf(Role.WINDOW_CLERK, Role.DEPARTMENT_APPROVER, Role.CENTER_APPROVER);
        Access readers = Access.anyOf(Role.WINDOW_CLERK, Role.DEPARTMENT_APPROVER, Role.CENTER_APPROVER,
                Role.AUDITOR);
        return List.of(
                new Route(HandlerType.POST, "/api/documents", "Store a PDF (raw application/pdf body, ?title&caseId)"
                        + " as version 1 of a new document", writers, this::upload),
                new Route(HandlerType.POST, "/api/documents/from-template/{templateId}", "Render a template"
                        + " ({fields, tables, issuedAt}, ?title&caseId) and store the PDF as version 1 of a new document",
                        writers, this::fromTemplate),
                new Route(HandlerType.POST, "/api/documents/seal-batch", "Seal the latest version of up to "
                        + DocumentService.MAX_BATCH + " documents with one seal after one authorization: {sealId,"
                        + " level, placement, reason, location, crossPage, documentIds:[...]}; a result per document;"
                        + " ?async=true: 202 with a job to poll", writers,
                        this::sealBatch),
                new Route(HandlerType.GET, "/api/documents/seal-batch/{jobId}", "A background seal batch: progress"
                        + " (documents done of total) and, when finished, the result per document", readers,
                        ctx -> ctx.json(documents.batch(ctx.pathParam("jobId")))),
                new Route(HandlerType.GET, "/api/documents/{documentId}", "A document's record: its versions, with"
                        + " seal, level and SHA-256 of each", readers, ctx -> ctx.json(documents.get(id(ctx)).record())),
                new Route(HandlerType.GET, "/api/documents/{documentId}/versions/{n}", "The PDF of version n"
                        + " (or 'latest')", readers, this::pdf),
                new Route(HandlerType.POST, "/api/documents/{documentId}/seal", "Seal the latest version and store"
                        + " the result as a new version: {sealId, level, placement, reason, location, certify, crossPage};"
                        + " optional Idempotency-Key header", writers, this::seal));
    }

    private void upload(Context ctx) {
        String type = ctx.contentType();
        if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/pdf")
                && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/octet-stream")) {
            throw new UnsupportedMediaTypeException("send the PDF as the raw body with Content-Type application/pdf,"
                    + " not " + type);
        }
        DocumentRecord record;
        try (InputStream body = bodies.upload(ctx)) {
            record = documents.create(Principals.require(ctx), body, ctx.queryParam("title"),
                    ctx.queryParam("caseId"), RequestIds.of(ctx));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ctx.status(201).header("Location", "/api/documents/" + record.id()).json(record);
    }

    private void fromTemplate(Context ctx) {
        String templateId = ctx.pathParam("templateId");
        RenderedDocument rendered = renderer.apply(templateId, bodies.json(ctx, RenderInput.class));
        String title = ctx.queryParam("title");
        DocumentRecord record = documents.create(Principals.require(ctx), new ByteArrayInputStream(rendered.pdf()),
                title == null || title.isBlank() ? templateId : title, ctx.queryParam("caseId"), RequestIds.of(ctx));
        ctx.status(201).header("Location", "/api/documents/" + record.id()).json(record);
    }

    private void pdf(Context ctx) {
        DocumentRecord record = documents.get(id(ctx)).record();
        String n = ctx.pathParam("n");
        DocumentRecord.Version version;
        if (n.equals("latest")) {
            version = record.latest();
        } else {
            try {
                version = DocumentService.version(record, Integer.parseInt(n));
            } catch (NumberFormatException e) {
                throw new NotFoundException("version must be a number or 'latest', not '" + n + "'");
            }
        }
        StoredObject object = documents.open(record, version);
        ctx.contentType("application/pdf")
                .header("Content-Disposition", "attachment; filename=\"" + record.id() + "-v" + version.n() + ".pdf\"")
                .header("ETag", "\"" + version.sha256() + "\"")
                .header("X-Document-Version", Integer.toString(version.n()));
        ctx.result(object.content()); // Javalin streams and closes it
    }

    private void seal(Context ctx) {
        SealBody body = bodies.json(ctx, SealBody.class);
        Optional<CertificationLevel> certification;
        try {
            certification = body.certify() == null ? Optional.empty()
                    : Optional.of(CertificationLevel.ofP(body.certify()));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        DocumentService.SealOrder order = order(body.sealId(), body.level(), body.placement(), body.reason(),
                body.location(), certification, body.crossPage());
        String key = ctx.header(IDEMPOTENCY_KEY);
        if (key != null && (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY)) {
            throw new BadRequestException(IDEMPOTENCY_KEY + " must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters");
        }
        DocumentService.SealOutcome outcome = documents.seal(Principals.require(ctx), RequestIds.of(ctx), id(ctx),
                order, key);
        if (outcome.replayed()) {
            ctx.header("Idempotent-Replayed", "true");
        }
        ctx.json(Map.of("documentId", outcome.record().id(), "version", outcome.version(),
                "versions", outcome.record().versions().size()));
    }

    private void sealBatch(Context ctx) {
        BatchBody body = bodies.json(ctx, BatchBody.class);
        DocumentService.SealOrder order = order(body.sealId(), body.level(), body.placement(), body.reason(),
                body.location(), Optional.empty(), body.crossPage());
        if ("true".equals(ctx.queryParam("async"))) {
            JobRecord job = documents.startBatch(Principals.require(ctx), RequestIds.of(ctx), order,
                    body.documentIds());
            ctx.status(202).header("Location", "/api/documents/seal-batch/" + job.id()).json(job);
            return;
        }
        List<DocumentService.BatchItem> items = documents.sealBatch(Principals.require(ctx), RequestIds.of(ctx),
                order, body.documentIds());
        long sealed = items.stream().filter(item -> item.outcome().equals("SEALED")).count();
        ctx.json(Map.of("total", items.size(), "sealed", sealed, "failed", items.size() - sealed, "results", items));
    }

    private static DocumentService.SealOrder order(String sealId, String level, JsonNode placement, String reason,
                                                   String location, Optional<CertificationLevel> certification,
                                                   JsonNode crossPage) {
        if (sealId == null || sealId.isBlank()) {
            throw new BadRequestException("sealId is missing");
        }
        try {
            PadesLevel padesLevel = level == null || level.isBlank() ? PadesLevel.DEFAULT : PadesLevel.parse(level);
            return new DocumentService.SealOrder(sealId, padesLevel, placement(placement), reason, location,
                    certification, crossPage(crossPage));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    /** {field} | {page, xMm, yMm, widthMm, heightMm} | {anchor, page?} | {invisible: true} (or absent: invisible). */
    static SealPlacement placement(JsonNode node) {
        if (node == null || node.isNull() || node.path("invisible").asBoolean(false)) {
            return new SealPlacement.Invisible();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("placement must be an object: {field} | {page, xMm, yMm, widthMm,"
                    + " heightMm} | {anchor, page?} | {invisible: true}");
        }
        if (node.hasNonNull("field")) {
            return new SealPlacement.Field(node.get("field").asText());
        }
        if (node.hasNonNull("anchor")) {
            return new SealPlacement.Anchor(node.get("anchor").asText(), node.path("page").asInt(0));
        }
        if (node.has("page") && node.has("xMm") && node.has("yMm") && node.has("widthMm") && node.has("heightMm")) {
            return new SealPlacement.PageArea(node.get("page").asInt(), node.get("xMm").asDouble(),
                    node.get("yMm").asDouble(), node.get("widthMm").asDouble(), node.get("heightMm").asDouble());
        }
        throw new IllegalArgumentException("placement needs field, anchor, page with xMm, yMm, widthMm, heightMm,"
                + " or invisible: true");
    }

    /** {edge: right|left, yMm?} (absent or null: none). */
    static Optional<CrossPageSeal> crossPage(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject() || !node.path("edge").isTextual()) {
            throw new IllegalArgumentException("crossPage must be an object {edge: right|left, yMm?}");
        }
        JsonNode y = node.get("yMm");
        if (y != null && !y.isNull() && !y.isNumber()) {
            throw new IllegalArgumentException("crossPage.yMm must be a number of millimetres");
        }
        return Optional.of(new CrossPageSeal(CrossPageSeal.Edge.parse(node.get("edge").asText()),
                y == null || y.isNull() ? OptionalDouble.empty() : OptionalDouble.of(y.asDouble())));
    }

    private static String id(Context ctx) {
        return ctx.pathParam("documentId");
    }
}
