package org.onewindow.service.supervision;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.onewindow.service.errors.BadRequestException;
import org.onewindow.service.errors.ForbiddenException;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.identity.Role;
import org.onewindow.service.supervision.SupervisionFigures.Dimension;
import org.onewindow.service.supervision.SupervisionFigures.Filter;
import org.onewindow.service.web.Access;
import org.onewindow.service.web.Principals;
import org.onewindow.service.web.QueryParams;
import org.onewindow.service.web.Route;
import org.onewindow.service.web.RouteProvider;

/**
 * {@code GET /api/supervision/figures[.csv]?by=window|department|person&from&to&window&department}: the supervision
 * figures for the center (CENTER_APPROVER, AUDITOR, SYSTEM_ADMIN); a department approver without a center-wide role
 * gets the figures of its own department only.
 */
public final class SupervisionRoutes implements RouteProvider {
    private final SupervisionService supervision;

    public SupervisionRoutes(SupervisionService supervision) {
        this.supervision = supervision;
    }

    @Override
    public List<Route> routes() {
        Access readers = Access.anyOf(Role.CENTER_APPROVER, Role.AUDITOR, Role.SYSTEM_ADMIN, Role.DEPARTMENT_APPROVER);
        return List.of(
                new Route(HandlerType.GET, "/api/supervision/figures", "Supervision figures (电子监察) by window,"
                        + " department or person: ?by=window|department|person&from&to (dates of 受理/不予受理)"
                        + "&window&department", readers, ctx -> ctx.json(compute(ctx))),
                new Route(HandlerType.GET, "/api/supervision/figures.csv", "The same figures as CSV (UTF-8 with BOM"
                        + " for Excel)", readers, this::csv));
    }

    private SupervisionFigures compute(Context ctx) {
        Filter filter = new Filter(date(ctx, "from"), date(ctx, "to"), text(ctx, "window"), text(ctx, "department"));
        String only = departmentScope(Principals.require(ctx));
        if (only != null) {
            if (filter.department() != null && !filter.department().equals(only)) {
                throw new ForbiddenException("a department approver sees the figures of " + only + " only");
            }
            filter = filter.withDepartment(only);
        }
        return supervision.figures(Dimension.parse(ctx.queryParam("by")), filter);
    }

    private void csv(Context ctx) throws Exception {
        SupervisionFigures figures = compute(ctx);
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"supervision-" + figures.by().name()
                .toLowerCase(java.util.Locale.ROOT) + ".csv\"");
        Writer writer = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8);
        SupervisionService.writeCsv(figures, writer);
    }

    /** The department a caller is limited to; null when the caller has a center-wide role. */
    static String departmentScope(Principal p) {
        boolean centerWide = p.has(Role.CENTER_APPROVER) || p.has(Role.AUDITOR) || p.has(Role.SYSTEM_ADMIN);
        return centerWide ? null : String.valueOf(p.department());
    }

    private static String text(Context ctx, String name) {
        return QueryParams.text(ctx, name);
    }

    private static LocalDate date(Context ctx, String name) {
        return QueryParams.date(ctx, name);
    }
}
