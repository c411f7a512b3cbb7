package org.onewindow.service.issuance;

import java.util.List;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.onewindow.service.identity.Role;
import org.onewindow.service.web.Access;
import org.onewindow.service.web.Principals;
import org.onewindow.service.web.RequestBodies;
import org.onewindow.service.web.RequestIds;
import org.onewindow.service.web.Route;
import org.onewindow.service.web.RouteProvider;

/** {@code POST /api/documents/{documentId}/issue}: the issuance gate (window clerks). */
public final class IssuanceRoutes implements RouteProvider {
    private final IssuanceService issuance;
    private final RequestBodies bodies;

    public IssuanceRoutes(IssuanceService issuance, RequestBodies bodies) {
        this.issuance = issuance;
        this.bodies = bodies;
    }

    /** Optional body: {@code {requiredSeals: [kind or seal id, ...]}}. */
    public record IssueBody(List<String> requiredSeals) {
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(HandlerType.POST, "/api/documents/{documentId}/issue", "Issue the latest version"
                + " (统一出件) when it verifies and carries every required seal ({requiredSeals:[kind|sealId]}, default:"
                + " the case item's); records the verification id and SHA-256; 422 with the reasons otherwise",
                Access.anyOf(Role.WINDOW_CLERK), this::issue));
    }

    private void issue(Context ctx) {
        boolean empty = ctx.contentLength() == 0 || (ctx.contentLength() < 0 && ctx.contentType() == null);
        IssueBody body = empty ? new IssueBody(List.of()) : bodies.json(ctx, IssueBody.class);
        ctx.json(issuance.issue(Principals.require(ctx), RequestIds.of(ctx), ctx.pathParam("documentId"),
                body.requiredSeals()));
    }
}
