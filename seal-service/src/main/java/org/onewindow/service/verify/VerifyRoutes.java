package org.onewindow.service.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import org.onewindow.service.web.Access;
import org.onewindow.service.web.RequestBodies;
import org.onewindow.service.web.Route;
import org.onewindow.service.web.RouteProvider;

/**
 * {@code POST /api/verify}: the request body is the PDF (any content type; it is sniffed), the answer is the
 * {@link VerificationReport} as JSON — also when the verdict is negative. Unusable input is a problem: 413 over the
 * upload limit, 415 not a PDF, 422 malformed or over the verifier's time/memory bounds. The upload is held in
 * memory for the verification and never stored. Authenticated; the public page has its own route.
 */
public final class VerifyRoutes implements RouteProvider {
    private final Supplier<PdfVerifier> verifier;
    private final RequestBodies bodies;

    public VerifyRoutes(PdfVerifier verifier, RequestBodies bodies) {
        this(() -> verifier, bodies);
    }

    /**
     * @param verifier asked per request, so that trust anchors can follow the PKI (a CA imported later counts)
     */
    public VerifyRoutes(Supplier<PdfVerifier> verifier, RequestBodies bodies) {
        this.verifier = verifier;
        this.bodies = bodies;
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(HandlerType.POST, "/api/verify",
                "Verify the signatures of an uploaded PDF (body: the PDF); returns the verification report",
                Access.authenticated(), this::verify));
    }

    private void verify(Context ctx) {
        byte[] pdf;
        try (InputStream in = bodies.upload(ctx)) {
            pdf = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the upload failed", e);
        }
        ctx.json(verifier.get().verify(pdf));
    }
}
