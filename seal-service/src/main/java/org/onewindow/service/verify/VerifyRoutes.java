package org.onewindow.service.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import org.onewindow.service.errors.BadRequestException;
import org.onewindow.service.web.Access;
import org.onewindow.service.web.RequestBodies;
import org.onewindow.service.web.Route;
import org.onewindow.service.web.RouteProvider;

/**
 * {@code POST /api/verify}: the request body is the PDF (any content type; it is sniffed), the answer is the
 * {@link VerificationReport} as JSON — also when the verdict is negative — or, with {@code ?format=html|pdf} (or an
 * {@code Accept} of {@code text/html} / {@code application/pdf} and no {@code format}), the report for people as a
 * download. Unusable input is a problem: 413 over the upload limit, 415 not a PDF, 422 malformed or over the
 * verifier's time/memory bounds; an unknown format is 400. The upload is held in memory for the verification and
 * never stored. Authenticated; the public page has its own route.
 */
public final class VerifyRoutes implements RouteProvider {
    /** Lets a downloaded HTML report show its inline style when opened from the response. */
    static final String REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'none';"
            + " frame-ancestors 'none'; base-uri 'none'";

    private final Supplier<PdfVerifier> verifier;
    private final RequestBodies bodies;
    private final VerificationReportRenderer renderer;
    private final VerificationReportRenderer.SealLookup seals;

    public VerifyRoutes(PdfVerifier verifier, RequestBodies bodies) {
        this(() -> verifier, bodies);
    }

    /**
     * @param verifier asked per request, so that trust anchors can follow the PKI (a CA imported later counts)
     */
    public VerifyRoutes(Supplier<PdfVerifier> verifier, RequestBodies bodies) {
        this(verifier, bodies, new VerificationReportRenderer(org.onewindow.templates.FontConfig.debianDefaults(),
                java.time.Clock.systemUTC()), VerificationReportRenderer.NO_REGISTRY);
    }

    /**
     * @param renderer writes the HTML and PDF reports
     * @param seals    names the registry seal of a signing certificate in those reports
     */
    public VerifyRoutes(Supplier<PdfVerifier> verifier, RequestBodies bodies, VerificationReportRenderer renderer,
                        VerificationReportRenderer.SealLookup seals) {
        this.verifier = verifier;
        this.bodies = bodies;
        this.renderer = renderer;
        this.seals = seals;
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(HandlerType.POST, "/api/verify",
                "Verify the signatures of an uploaded PDF (body: the PDF); returns the verification report as JSON,"
                        + " or with ?format=html|pdf (or Accept) the report for people as a download",
                Access.authenticated(), this::verify));
    }

    private void verify(Context ctx) {
        VerificationReportRenderer.Format format = format(ctx);
        byte[] pdf;
        try (InputStream in = bodies.upload(ctx)) {
            pdf = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the upload failed", e);
        }
        VerificationReport report = verifier.get().verify(pdf);
        switch (format) {
            case JSON -> ctx.json(report);
            case HTML -> {
                ctx.header("Content-Security-Policy", REPORT_CSP);
                attachment(ctx, report, format);
                ctx.contentType(VerificationReportRenderer.HTML_TYPE).result(renderer.html(report, seals, null));
            }
            case PDF -> {
                attachment(ctx, report, format);
                ctx.contentType(VerificationReportRenderer.PDF_TYPE).result(renderer.pdf(report, seals, null));
            }
        }
    }

    /** {@code ?format=} wins; otherwise the Accept header; JSON by default. */
    static VerificationReportRenderer.Format format(Context ctx) {
        String requested = ctx.queryParam("format");
        if (requested != null) {
            return VerificationReportRenderer.Format.parse(requested).orElseThrow(() -> new BadRequestException(
                    "format must be json, html or pdf; got '" + requested + "'"));
        }
        String accept = ctx.header("Accept");
        if (accept != null) {
            String a = accept.toLowerCase(java.util.Locale.ROOT);
            if (a.contains("application/pdf")) {
                return VerificationReportRenderer.Format.PDF;
            }
            if (a.contains("text/html") && !a.contains("application/json")) {
                return VerificationReportRenderer.Format.HTML;
            }
        }
        return VerificationReportRenderer.Format.JSON;
    }

    /** Content-Disposition for a report download: an ASCII name and the Chinese one (RFC 6266 / RFC 5987). */
    public static void attachment(Context ctx, VerificationReport report, VerificationReportRenderer.Format format) {
        String name = VerificationReportRenderer.fileName(report, format);
        String ascii = "verification-report-" + report.sha256().substring(0, 8)
                + (format == VerificationReportRenderer.Format.PDF ? ".pdf" : ".html");
        ctx.header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        ctx.header("Cache-Control", "no-store");
    }
}
