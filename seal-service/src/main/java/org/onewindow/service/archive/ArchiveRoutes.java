package org.onewindow.service.archive;

import java.util.List;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.onewindow.service.identity.Role;
import org.onewindow.service.web.Access;
import org.onewindow.service.web.Principals;
import org.onewindow.service.web.RequestIds;
import org.onewindow.service.web.Route;
import org.onewindow.service.web.RouteProvider;
import org.onewindow.storage.StoredObject;

/**
 * {@code POST /api/cases/{caseId}/archive-package} builds and stores the archive package of a closed case (409 for
 * an open one); {@code GET} the same path downloads the newest. ({@code POST /api/cases/{caseId}/archive} is the
 * 归档 transition of the case state machine.)
 */
public final class ArchiveRoutes implements RouteProvider {
    private final ArchiveService archives;

    public ArchiveRoutes(ArchiveService archives) {
        this.archives = archives;
    }

    @Override
    public List<Route> routes() {
        Access builders = Access.anyOf(Role.WINDOW_CLERK, Role.CENTER_APPROVER, Role.SYSTEM_ADMIN);
        Access readers = Access.anyOf(Role.WINDOW_CLERK, Role.CENTER_APPROVER, Role.SYSTEM_ADMIN, Role.AUDITOR);
        return List.of(
                new Route(HandlerType.POST, "/api/cases/{caseId}/archive-package", "Build and store the signed archive"
                        + " package (ZIP) of a closed case (办结/出件/归档/不予受理); 409 for an open case", builders,
                        this::create),
                new Route(HandlerType.GET, "/api/cases/{caseId}/archive-package", "Download the newest archive"
                        + " package of the case (application/zip)", readers, this::download));
    }

    private void create(Context ctx) {
        ArchivePackage created = archives.create(Principals.require(ctx), RequestIds.of(ctx), ctx.pathParam("caseId"));
        ctx.status(201).header("Location", "/api/cases/" + created.caseId() + "/archive-package").json(created);
    }

    private void download(Context ctx) throws Exception {
        ArchivePackage latest = archives.latest(ctx.pathParam("caseId"));
        ctx.contentType("application/zip");
        ctx.header("Content-Disposition", "attachment; filename=\"" + latest.caseId() + "-archive.zip\"");
        ctx.header("ETag", "\"" + latest.sha256() + "\"");
        ctx.header("X-Archive-Key", latest.key());
        try (StoredObject object = archives.open(latest)) {
            ctx.header("Content-Length", Long.toString(object.info().size()));
            object.content().transferTo(ctx.outputStream());
        }
    }
}
