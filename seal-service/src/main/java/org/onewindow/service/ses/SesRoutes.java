package org.onewindow.service.ses;

import java.util.List;
import java.util.function.Supplier;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.onewindow.service.pki.Pem;
import org.onewindow.service.web.Access;
import org.onewindow.service.web.Route;
import org.onewindow.service.web.RouteProvider;

/** The SM2 side of the seal API: a seal's GB/T 38540 {@code SESeal} and its SM2 certificate chain. */
public final class SesRoutes implements RouteProvider {
    private static final String BASE = "/api/seals";

    private final Supplier<SesSeals> seals;

    /** @param seals supplies the service; may throw ServiceUnavailableException while storage is unreachable */
    public SesRoutes(Supplier<SesSeals> seals) {
        this.seals = seals;
    }

    @Override
    public List<Route> routes() {
        Access user = Access.authenticated();
        return List.of(
                new Route(HandlerType.GET, BASE + "/{sealId}/ses", "The seal as a GB/T 38540 version-4 SESeal (DER), "
                        + "signed by the center's SM2 seal maker; made on first request", user, this::ses),
                new Route(HandlerType.GET, BASE + "/{sealId}/sm2-chain.pem", "The seal's SM2 signer certificate "
                        + "chain as PEM (issued on first request)", user, this::sm2Chain));
    }

    private void ses(Context ctx) {
        String sealId = ctx.pathParam("sealId");
        byte[] der = seals.get().sesSeal(sealId);
        ctx.contentType(SesSeals.SES_CONTENT_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + sealId + ".ses\"")
                .result(der);
    }

    private void sm2Chain(Context ctx) {
        var certificate = seals.get().sm2Certificate(ctx.pathParam("sealId"));
        ctx.contentType("application/x-pem-file").result(String.join("", certificate.chainPem()));
    }
}
