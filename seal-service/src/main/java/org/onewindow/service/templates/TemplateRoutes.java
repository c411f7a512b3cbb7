package org.onewindow.service.templates;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.onewindow.service.identity.Role;
import org.onewindow.service.web.Access;
import org.onewindow.service.web.Principals;
import org.onewindow.service.web.RequestBodies;
import org.onewindow.service.web.Route;
import org.onewindow.service.web.RouteProvider;
import org.onewindow.templates.RenderedDocument;

/**
 * {@code /api/templates}: list, definitions, previews with sample data, rendering for a case, and the center's
 * overrides. Errors are exceptions mapped in {@code ProblemMapper} (unknown template 404, data that does not fit
 * 422 with the {@code path} of the bad input, invalid override 422).
 */
public final class TemplateRoutes implements RouteProvider {
    /** Response header: the verification id printed on every page and encoded in the QR code. */
    public static final String VERIFICATION_ID_HEADER = "X-Verification-Id";
    /** Response header: the empty seal fields as JSON ({@code [{name,label,page,rect:{x,y,width,height}}]}, mm). */
    public static final String SEAL_FIELDS_HEADER = "X-Seal-Fields";
    /** Response header: the number of pages. */
    public static final String PAGE_COUNT_HEADER = "X-Page-Count";
    /** Response header of {@code GET /api/templates/{id}}: {@code default} or {@code override}. */
    public static final String TEMPLATE_SOURCE_HEADER = "X-Template-Source";
    static final int MIN_DPI = 36;
    static final int MAX_DPI = 200;
    private static final String PDF = "application/pdf";

    private final TemplateService templates;
    private final RequestBodies bodies;
    private final ObjectMapper prettyJson;
    /** Header values must be ASCII: Chinese seal labels travel as JSON {@code \\u} escapes. */
    private final ObjectMapper asciiJson = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    public TemplateRoutes(TemplateService templates, RequestBodies bodies, ObjectMapper mapper) {
        this.templates = templates;
        this.bodies = bodies;
        this.prettyJson = mapper;
    }

    @Override
    public List<Route> routes() {
        Access issuers = Access.anyOf(Role.WINDOW_CLERK, Role.DEPARTMENT_APPROVER, Role.CENTER_APPROVER);
        Access admin = Access.anyOf(Role.SYSTEM_ADMIN);
        return List.of(
                new Route(HandlerType.GET, "/api/templates", "List the document templates with their fields, tables and seals",
                        Access.authenticated(), this::list),
                new Route(HandlerType.GET, "/api/templates/{templateId}", "The template definition (JSON) in effect",
                        Access.authenticated(), this::definition),
                new Route(HandlerType.GET, "/api/templates/{templateId}/preview.pdf",
                        "The template rendered with its sample data (PDF/A-2u)", Access.authenticated(), this::previewPdf),
                new Route(HandlerType.GET, "/api/templates/{templateId}/preview.png",
                        "A page of the sample document as PNG (?page=1&dpi=100), seal fields outlined",
                        Access.authenticated(), this::previewPng),
                new Route(HandlerType.POST, "/api/templates/{templateId}/render",
                        "Render a document ({fields, tables, issuedAt}) as PDF/A-2u with a new verification id",
                        issuers, this::render),
                new Route(HandlerType.PUT, "/api/templates/{templateId}/override",
                        "Store the center's own definition of a template (checked first)", admin, this::putOverride),
                new Route(HandlerType.DELETE, "/api/templates/{templateId}/override",
                        "Remove the center's definition: the default applies again", admin, this::deleteOverride));
    }

    private void list(Context ctx) {
        ctx.json(Map.of("templates", templates.list()));
    }

    private void definition(Context ctx) {
        String id = ctx.pathParam("templateId");
        byte[] json = templates.definitionJson(id);
        ctx.header(TEMPLATE_SOURCE_HEADER, templates.isOverridden(id) ? "override" : "default");
        ctx.contentType("application/json").result(json);
    }

    private void previewPdf(Context ctx) {
        RenderedDocument document = templates.preview(ctx.pathParam("templateId"));
        sendPdf(ctx, document, "preview");
    }

    private void previewPng(Context ctx) {
        int page = ctx.queryParamAsClass("page", Integer.class).getOrDefault(1);
        int dpi = ctx.queryParamAsClass("dpi", Integer.class)
                .check(d -> d >= MIN_DPI && d <= MAX_DPI, "must be from " + MIN_DPI + " to " + MAX_DPI)
                .getOrDefault(100);
        byte[] png = templates.previewPng(ctx.pathParam("templateId"), page, dpi);
        ctx.contentType("image/png").result(png);
    }

    private void render(Context ctx) {
        String id = ctx.pathParam("templateId");
        RenderInput input = bodies.json(ctx, RenderInput.class);
        RenderedDocument document = templates.render(id, input);
        ctx.header("Cache-Control", "no-store"); // a case document: personal data
        sendPdf(ctx, document, document.verificationId());
    }

    private void putOverride(Context ctx) {
        String id = ctx.pathParam("templateId");
        JsonNode body = bodies.json(ctx, JsonNode.class); // 415, 413 and malformed JSON (400) as everywhere
        byte[] json;
        try {
            json = prettyJson.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a parsed JSON tree", e);
        }
        TemplateService.SavedOverride saved = templates.saveOverride(id, json, Principals.require(ctx).userId());
        ctx.status(saved.replaced() ? 200 : 201).json(saved.template());
    }

    private void deleteOverride(Context ctx) {
        templates.deleteOverride(ctx.pathParam("templateId"));
        ctx.status(204);
    }

    private void sendPdf(Context ctx, RenderedDocument document, String suffix) {
        ctx.header(VERIFICATION_ID_HEADER, document.verificationId());
        ctx.header(PAGE_COUNT_HEADER, Integer.toString(document.pageCount()));
        try {
            ctx.header(SEAL_FIELDS_HEADER, asciiJson.writeValueAsString(document.sealFields()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the seal fields", e);
        }
        ctx.header("Content-Disposition", "inline; filename=\"" + document.templateId() + "-" + suffix + ".pdf\"");
        ctx.contentType(PDF).result(document.pdf());
    }
}
