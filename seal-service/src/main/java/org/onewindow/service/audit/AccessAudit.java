package org.onewindow.service.audit;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.javalin.http.Context;
import org.onewindow.service.errors.OnewindowException;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.web.AccessListener;
import org.onewindow.service.web.RequestIds;
import org.onewindow.service.web.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an {@code access.denied} audit event for every request the web layer's access check refuses. A client
 * address gets at most {@link #MAX_EVENTS_PER_MINUTE} such events a minute; past that one
 * {@code access.denied.suppressed} event marks the minute and the rest are only counted in the log, so that a flood
 * of refused requests cannot swamp the audit log (each event is a durable write).
 */
public final class AccessAudit implements AccessListener {
    public static final int MAX_EVENTS_PER_MINUTE = 20;
    private static final Logger LOG = LoggerFactory.getLogger(AccessAudit.class);
    private final AuditLog log;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private record Window(long minute, AtomicInteger count) {
    }

    public AccessAudit(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void denied(Context ctx, Route route, Principal principal, OnewindowException refusal) {
        String ip = ctx.ip();
        int n = countThisMinute(ip);
        if (n > MAX_EVENTS_PER_MINUTE + 1) {
            LOG.info("denied {} {} from {} not audited individually (more than {} this minute)", ctx.method(),
                    ctx.path(), ip, MAX_EVENTS_PER_MINUTE);
            return;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("method", ctx.method().name());
        details.put("path", ctx.path());
        details.put("status", Integer.toString(refusal.status()));
        details.put("reason", String.valueOf(refusal.getMessage()));
        details.put("clientIp", ip);
        String action = "access.denied";
        if (n == MAX_EVENTS_PER_MINUTE + 1) {
            action = "access.denied.suppressed";
            details.put("note", "more than " + MAX_EVENTS_PER_MINUTE + " refusals from this address this minute;"
                    + " further ones this minute are not audited individually");
        }
        try {
            log.append(AuditEntry.of(principal, action, AuditTarget.of("route", route.method() + " "
                    + route.path()), AuditOutcome.DENIED, RequestIds.of(ctx), details));
        } catch (RuntimeException e) {
            // the refusal stands either way; a failing audit log shows in the logs and in audit verify
            LOG.error("could not audit a denied request to {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        }
    }

    private int countThisMinute(String ip) {
        long minute = clock.millis() / 60_000;
        if (windows.size() > 10_000) {
            windows.values().removeIf(w -> w.minute() != minute);
        }
        Window window = windows.compute(ip, (key, current) -> current == null || current.minute() != minute
                ? new Window(minute, new AtomicInteger()) : current);
        return window.count().incrementAndGet();
    }
}
