package org.onewindow.service.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.onewindow.service.errors.PayloadTooLargeException;
import org.onewindow.service.web.Access;
import org.onewindow.service.web.Route;
import org.onewindow.service.web.RouteProvider;

/**
 * The public PKI endpoints over HTTP (no login: relying parties and RFC 3161 / RFC 6960 clients call them):
 * CA certificates, CRLs, OCSP (POST and GET) and the TSA, all answered by {@link PkiEndpoints}.
 *
 * <p>Garbage in an OCSP request is answered inside the protocol (HTTP 200, OCSP {@code malformedRequest}), as
 * RFC 6960 §2.3 asks; garbage sent to the TSA gets a TimeStampResp with status {@code rejection} /
 * {@code badDataFormat} (RFC 3161 §2.4.2). Wrong media types (415) and oversized bodies (413) are HTTP problems.
 */
public final class PkiRoutes implements RouteProvider {
    private final java.util.function.Supplier<PkiEndpoints> endpoints;

    /**
     * @param endpoints supplies the endpoints; may throw {@link org.onewindow.service.errors.ServiceUnavailableException}
     *                  while storage is unreachable (the routes then answer 503)
     */
    public PkiRoutes(java.util.function.Supplier<PkiEndpoints> endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public List<Route> routes() {
        Access open = Access.publicAccess();
        return List.of(
                new Route(HandlerType.GET, "/pki/ca/{file}", "A CA certificate (DER): {caId}.crt or {caId}.cer",
                        open, ctx -> send(ctx, endpoints.get().caCertificate(cerName(ctx.pathParam("file"))))),
                new Route(HandlerType.GET, "/pki/crl/{file}", "The CA's current CRL (DER, application/pkix-crl): "
                        + "{caId}.crl", open, ctx -> send(ctx, endpoints.get().crl(ctx.pathParam("file")))),
                new Route(HandlerType.POST, "/pki/ocsp", "OCSP (RFC 6960): application/ocsp-request in, "
                        + "application/ocsp-response out", open,
                        ctx -> send(ctx, endpoints.get().ocspPost(ctx.contentType(),
                                read(ctx, OcspResponder.MAX_REQUEST_BYTES, "OCSP request")))),
                new Route(HandlerType.GET, "/pki/ocsp/<request>", "OCSP over GET (RFC 6960 A.1): base64 "
                        + "DER request, URL-encoded", open, ctx -> send(ctx, endpoints.get().ocspGet(ctx.pathParam("request")))),
                new Route(HandlerType.POST, "/pki/tsa", "RFC 3161 time-stamping: application/timestamp-query in, "
                        + "application/timestamp-reply out", open,
                        ctx -> send(ctx, endpoints.get().timeStamp(ctx.contentType(),
                                read(ctx, TimeStampAuthority.MAX_REQUEST_BYTES, "time-stamp request")))));
    }

    /** AIA caIssuers URLs end in .cer; .crt is the common alternative: both name the same DER certificate. */
    private static String cerName(String file) {
        return file != null && file.endsWith(".crt") ? file.substring(0, file.length() - 4) + ".cer" : file;
    }

    private static void send(Context ctx, PkiEndpoints.Payload payload) {
        ctx.contentType(payload.contentType());
        if (payload.cacheControl() != null) {
            ctx.header("Cache-Control", payload.cacheControl());
        }
        ctx.result(payload.body());
    }

    /** Reads at most {@code max} bytes; more is a 413 before anything is parsed. */
    private static byte[] read(Context ctx, int max, String what) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            throw new PayloadTooLargeException(what + " larger than " + max + " bytes");
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(max + 1);
            if (body.length > max) {
                throw new PayloadTooLargeException(what + " larger than " + max + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
