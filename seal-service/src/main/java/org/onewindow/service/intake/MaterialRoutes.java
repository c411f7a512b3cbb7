package org.onewindow.service.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.UploadedFile;
import org.onewindow.service.errors.BadRequestException;
import org.onewindow.service.errors.NotFoundException;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.identity.Role;
import org.onewindow.service.jobs.JobRecord;
import org.onewindow.service.jobs.JobRunner;
import org.onewindow.service.errors.PayloadTooLargeException;
import org.onewindow.service.web.Access;
import org.onewindow.service.web.Principals;
import org.onewindow.service.web.RequestIds;
import org.onewindow.service.web.RequestBodies;
import org.onewindow.service.web.Route;
import org.onewindow.service.web.RouteProvider;
import org.onewindow.storage.StoredObject;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The intake routes. Register {@link #routes()} in the application's route table; errors are the service's
 * exception types (415, 413, 422, 400, 404, 429), mapped to problem JSON by the web layer.
 *
 * <ul>
 *   <li>{@code POST /api/cases/{caseId}/materials/{materialCode}}: multipart/form-data with one or more file
 *       parts (in order), or a raw body with its Content-Type and an {@code X-Filename} header (percent-encoded
 *       UTF-8). Answers 201 with the submission.</li>
 *   <li>{@code GET /api/cases/{caseId}/materials/{materialCode}}: the latest submission and its OCR state.</li>
 *   <li>{@code GET /api/cases/{caseId}/materials/{materialCode}/document}: the searchable PDF when OCR has
 *       finished, else the normalized PDF.</li>
 *   <li>{@code GET /api/cases/{caseId}/materials/{materialCode}/pages/{page}/{size}.png}: a page preview,
 *       size {@code thumb} (200 px wide) or {@code large} (1200 px).</li>
 *   <li>{@code GET /api/jobs/{id}}: a background job's state and page progress.</li>
 * </ul>
 */
public final class MaterialRoutes implements RouteProvider {
    private static final String MATERIAL = "/api/cases/{caseId}/materials/{materialCode}";

    private final MaterialGate gate;
    private static final Access CLERK = Access.anyOf(Role.WINDOW_CLERK);
    private static final Access READERS = Access.anyOf(Role.WINDOW_CLERK, Role.DEPARTMENT_APPROVER);

    private final MaterialService materials;
    private final JobRunner jobs;
    private final RequestBodies bodies;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** @param bodies the service's request-body reader (upload size limit); {@code null} for no limit (tests) */
    public MaterialRoutes(MaterialService materials, JobRunner jobs, RequestBodies bodies) {
        this(materials, jobs, bodies, MaterialGate.none());
    }

    /**
     * @param gate asked before an upload is stored and told after it is (the case flow)
     */
    public MaterialRoutes(MaterialService materials, JobRunner jobs, RequestBodies bodies, MaterialGate gate) {
        this.gate = gate;
        this.materials = materials;
        this.jobs = jobs;
        this.bodies = bodies;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                new Route(HandlerType.POST, MATERIAL, "Upload a material (scans or PDFs) for a case", CLERK, this::upload),
                new Route(HandlerType.GET, MATERIAL, "The latest upload of a material and its OCR state", READERS,
                        this::status),
                new Route(HandlerType.GET, MATERIAL + "/document", "The material's PDF (searchable once OCR is done)",
                        READERS, this::document),
                new Route(HandlerType.GET, MATERIAL + "/pages/{page}/{size}.png", "A page preview (thumb or large)",
                        READERS, this::preview),
                new Route(HandlerType.GET, "/api/jobs/{id}", "A background job's state and page progress", READERS,
                        this::job));
    }

    private void upload(Context ctx) throws IOException {
        String caseId = ctx.pathParam("caseId");
        String materialCode = ctx.pathParam("materialCode");
        Principal principal = Principals.current(ctx).orElse(null); // the route's access rule demands one
        gate.beforeUpload(principal, caseId, materialCode);
        MaterialSubmission submission;
        if (ctx.isMultipartFormData()) {
            long declared = ctx.req().getContentLengthLong();
            if (bodies != null && declared > bodies.maxUploadBytes()) {
                throw new PayloadTooLargeException("the upload is larger than the limit of " + bodies.maxUploadBytes()
                        + " bytes");
            }
            List<UploadedFile> files = ctx.uploadedFiles();
            List<InputStream> opened = new ArrayList<>();
            try {
                List<Upload> uploads = new ArrayList<>();
                for (UploadedFile file : files) {
                    InputStream content = file.content();
                    opened.add(content);
                    uploads.add(new Upload(file.filename(), file.contentType(), content));
                }
                submission = materials.submit(caseId, materialCode, uploads);
            } finally {
                for (InputStream in : opened) {
                    in.close();
                }
            }
        } else {
            String name = ctx.header("X-Filename");
            if (name != null) {
                try {
                    name = URLDecoder.decode(name, StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new BadRequestException("X-Filename is not valid percent-encoded UTF-8");
                }
            }
            try (InputStream body = bodies != null ? bodies.upload(ctx) : ctx.bodyInputStream()) {
                submission = materials.submit(caseId, materialCode, List.of(new Upload(name, ctx.contentType(), body)));
            }
        }
        gate.afterUpload(principal, RequestIds.of(ctx), caseId, materialCode,
                "cases/" + caseId + "/materials/" + materialCode);
        ctx.status(201).header("Location", "/api/cases/" + caseId + "/materials/" + materialCode);
        writeJson(ctx, submission);
    }

    private void status(Context ctx) throws IOException {
        MaterialStatus status = materials.latest(ctx.pathParam("caseId"), ctx.pathParam("materialCode"))
                .orElseThrow(() -> new NotFoundException("no material " + ctx.pathParam("materialCode")
                        + " in case " + ctx.pathParam("caseId")));
        writeJson(ctx, status);
    }

    private void document(Context ctx) {
        StoredObject document = materials.document(ctx.pathParam("caseId"), ctx.pathParam("materialCode"));
        ctx.contentType("application/pdf").header("Content-Length", Long.toString(document.info().size()))
                .header("ETag", "\"" + document.info().sha256() + "\"");
        ctx.result(document.content());
    }

    private void preview(Context ctx) {
        int page;
        try {
            page = Integer.parseInt(ctx.pathParam("page"));
        } catch (NumberFormatException e) {
            throw new BadRequestException("page must be a number");
        }
        PreviewSize size = PreviewSize.ofSlug(ctx.pathParam("size"))
                .orElseThrow(() -> new NotFoundException("preview size must be 'thumb' or 'large'"));
        StoredObject preview = materials.preview(ctx.pathParam("caseId"), ctx.pathParam("materialCode"), page, size);
        ctx.contentType("image/png").header("Cache-Control", "private, max-age=3600");
        ctx.result(preview.content());
    }

    private void job(Context ctx) throws IOException {
        JobRecord record = jobs.find(ctx.pathParam("id"))
                .orElseThrow(() -> new NotFoundException("no job " + ctx.pathParam("id")));
        writeJson(ctx, record);
    }

    private void writeJson(Context ctx, Object value) throws IOException {
        ctx.contentType("application/json").result(json.writeValueAsBytes(value));
    }
}
