package org.onewindow.service.web.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.onewindow.service.errors.NotFoundException;
import org.onewindow.service.identity.Role;
import org.onewindow.service.intake.MaterialService;
import org.onewindow.service.intake.MaterialStatus;
import org.onewindow.service.web.Access;
import org.onewindow.service.web.Route;
import org.onewindow.service.web.RouteProvider;
import org.onewindow.storage.StoredObject;

/**
 * The web console (Chinese, for window clerks, department approvers, the center and administrators): a small
 * static front end served by the service itself (HTML, CSS and plain JavaScript from the class path, no assets from
 * elsewhere) that works on the REST API with the session cookie and CSRF token.
 *
 * <p>Besides the pages, one read-only helper the API lacks: the OCR text of a material (the documents of a case are
 * listed on the case record itself). The console pages replace the service-wide CSP with one that allows their own script and style files,
 * same-origin fetches and images (previews, seal images) and nothing else.
 */
public final class ConsoleRoutes implements RouteProvider {
    /** The console's policy: its own files only; no inline script, no inline style attribute in markup. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final String RESOURCES = "/org/onewindow/service/web/console/";
    /** The files the console consists of, and their types: nothing else is served from the class path. */
    private static final Map<String, String> ASSETS = Map.of(
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "favicon.svg", "image/svg+xml");

    private final MaterialService materials;

    public ConsoleRoutes(MaterialService materials) {
        this.materials = materials;
    }

    @Override
    public List<Route> routes() {
        Access materialReaders = Access.anyOf(Role.WINDOW_CLERK, Role.DEPARTMENT_APPROVER);
        return List.of(
                new Route(HandlerType.GET, "/", "Redirects to the web console", Access.publicAccess(),
                        ctx -> ctx.redirect("/console", HttpStatus.SEE_OTHER)),
                new Route(HandlerType.GET, "/console", "The web console (HTML; logs in through /api/auth/login)",
                        Access.publicAccess(), ctx -> asset(ctx, "index.html", "text/html; charset=utf-8")),
                new Route(HandlerType.GET, "/console/{asset}", "A file of the web console (script, style sheet)",
                        Access.publicAccess(), this::asset),
                new Route(HandlerType.GET, "/api/console/cases/{caseId}/materials/{materialCode}/text", "The OCR text"
                        + " of a material's latest upload, per page ({ocrDone:false} until OCR has finished)",
                        materialReaders, this::materialText));
    }

    private void asset(Context ctx) {
        String name = ctx.pathParam("asset");
        String type = ASSETS.get(name);
        if (type == null) {
            throw new NotFoundException("no console file " + name);
        }
        asset(ctx, name, type);
    }

    private static void asset(Context ctx, String name, String type) {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new NotFoundException("console file " + name + " is missing from the build");
            }
            byte[] bytes = in.readAllBytes();
            ctx.header("Content-Security-Policy", CSP);
            ctx.header("Cache-Control", "no-cache");
            ctx.contentType(type).result(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void materialText(Context ctx) throws IOException {
        String caseId = ctx.pathParam("caseId");
        String code = ctx.pathParam("materialCode");
        MaterialStatus status = materials.latest(caseId, code)
                .orElseThrow(() -> new NotFoundException("no material " + code + " in case " + caseId));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("caseId", caseId);
        answer.put("materialCode", code);
        answer.put("ocrDone", status.searchableKey() != null);
        answer.put("ocrJob", status.ocrJob());
        List<String> pages = new ArrayList<>();
        if (status.searchableKey() != null) {
            try (StoredObject pdf = materials.document(caseId, code);
                 PDDocument document = Loader.loadPDF(pdf.content().readAllBytes())) {
                PDFTextStripper stripper = new PDFTextStripper();
                for (int page = 1; page <= document.getNumberOfPages(); page++) {
                    stripper.setStartPage(page);
                    stripper.setEndPage(page);
                    pages.add(stripper.getText(document).strip());
                }
            }
        }
        answer.put("pages", pages);
        ctx.json(answer);
    }
}
