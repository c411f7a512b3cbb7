package org.onewindow.service.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.onewindow.service.errors.BadRequestException;
import org.onewindow.service.identity.Role;
import org.onewindow.service.web.Access;
import org.onewindow.service.web.Principals;
import org.onewindow.service.web.RequestIds;
import org.onewindow.service.web.Route;
import org.onewindow.service.web.RouteProvider;

/**
 * The audit API for auditors (电子监察) and administrators: query, CSV export, chain verification. The center
 * (中心审批) supervises the windows and departments, so it may search and export the log too (read only).
 */
public final class AuditRoutes implements RouteProvider {
    /** Dates without a time are days in the center's time zone. */
    public static final ZoneId CENTER_ZONE = ZoneId.of("Asia/Shanghai");
    private final AuditLog log;
    private final AuditSearch search;
    private final AuditVerifier verifier;

    public AuditRoutes(AuditLog log) {
        this.log = log;
        this.search = new AuditSearch(log);
        this.verifier = new AuditVerifier(log.store(), log.signer());
    }

    @Override
    public List<Route> routes() {
        Access auditors = Access.anyOf(Role.AUDITOR, Role.SYSTEM_ADMIN);
        Access searchers = Access.anyOf(Role.AUDITOR, Role.SYSTEM_ADMIN, Role.CENTER_APPROVER);
        return List.of(
                new Route(HandlerType.GET, "/api/audit/events", "Audit events by case, document, seal, actor and time"
                        + " (caseId, documentId, sealId, actor, from, to, cursor, limit), oldest first, paginated",
                        searchers, this::events),
                new Route(HandlerType.GET, "/api/audit/events.csv", "The same events as CSV (UTF-8 with BOM)",
                        searchers, this::csv),
                new Route(HandlerType.GET, "/api/audit/verify", "Walk the hash chain and checkpoints; report the"
                        + " first missing, altered, reordered or truncated event", auditors, this::verify),
                new Route(HandlerType.POST, "/api/audit/checkpoints", "Sign a checkpoint of the chain head now",
                        Access.anyOf(Role.SYSTEM_ADMIN), this::checkpoint));
    }

    private void events(Context ctx) {
        AuditSearch.Page page = search.search(query(ctx, true));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", page.events().stream().map(AuditEvent::toView).toList());
        body.put("nextCursor", page.nextCursor() == null ? null : page.nextCursor().toString());
        ctx.json(body);
    }

    private void csv(Context ctx) {
        AuditQuery query = query(ctx, false);
        log.append(AuditEntry.of(Principals.require(ctx), "audit.export", null, AuditOutcome.GRANTED,
                RequestIds.of(ctx), filterDetails(ctx)));
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"audit-events.csv\"");
        try {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(),
                    StandardCharsets.UTF_8));
            AuditCsv csv = new AuditCsv(writer);
            search.forEach(query, csv::write);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void verify(Context ctx) {
        VerificationReport report = verifier.verify();
        log.append(AuditEntry.of(Principals.require(ctx), "audit.verify", null, AuditOutcome.GRANTED,
                RequestIds.of(ctx), report.intact() ? Map.of("result", "intact", "lastSeq",
                        Long.toString(report.lastSeq())) : Map.of("result", "broken", "problem",
                        report.problem().kind() + " at " + report.problem().seq())));
        ctx.json(report.toView());
    }

    private void checkpoint(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        log.checkpoint().ifPresentOrElse(c -> {
            body.put("seq", c.seq());
            body.put("hash", c.hash());
            body.put("keyId", c.keyId());
            body.put("algorithm", c.algorithm());
        }, () -> body.put("seq", 0));
        ctx.json(body);
    }

    private static AuditQuery query(Context ctx, boolean paged) {
        long cursor = 0;
        String cursorParam = ctx.queryParam("cursor");
        if (cursorParam != null && !cursorParam.isBlank()) {
            try {
                cursor = Long.parseLong(cursorParam);
            } catch (NumberFormatException e) {
                throw new BadRequestException("cursor must be the nextCursor of an earlier page");
            }
        }
        int limit = 100;
        String limitParam = ctx.queryParam("limit");
        if (paged && limitParam != null && !limitParam.isBlank()) {
            try {
                limit = Integer.parseInt(limitParam);
            } catch (NumberFormatException e) {
                throw new BadRequestException("limit must be a number between 1 and " + AuditQuery.MAX_LIMIT);
            }
        }
        try {
            return new AuditQuery(blankToNull(ctx.queryParam("caseId")), blankToNull(ctx.queryParam("documentId")),
                    blankToNull(ctx.queryParam("sealId")), blankToNull(ctx.queryParam("actor")),
                    time(ctx.queryParam("from"), false, "from"), time(ctx.queryParam("to"), true, "to"), cursor,
                    limit);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    /** An ISO-8601 instant, or a date (a whole day in the center's zone: its start, or for "to" its end). */
    static Instant time(String value, boolean endOfDay, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(CENTER_ZONE).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeException e) {
            throw new BadRequestException(name + " must be a date (2026-11-25) or an instant (2026-11-25T08:00:00Z),"
                    + " got '" + value + "'");
        }
    }

    private static Map<String, String> filterDetails(Context ctx) {
        Map<String, String> details = new LinkedHashMap<>();
        for (String name : List.of("caseId", "documentId", "sealId", "actor", "from", "to", "cursor")) {
            String value = ctx.queryParam(name);
            if (value != null && !value.isBlank()) {
                details.put(name, value);
            }
        }
        return details;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
