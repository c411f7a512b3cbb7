package org.onewindow.service.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import io.javalin.http.Context;
import org.onewindow.service.errors.OnewindowException;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.web.AccessListener;
import org.onewindow.service.web.RequestIds;
import org.onewindow.service.web.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes an {@code access.denied} audit event for every request the web layer's access check refuses. */
public final class AccessAudit implements AccessListener {
    private static final Logger LOG = LoggerFactory.getLogger(AccessAudit.class);
    private final AuditLog log;

    public AccessAudit(AuditLog log) {
        this.log = log;
    }

    @Override
    public void denied(Context ctx, Route route, Principal principal, OnewindowException refusal) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("method", ctx.method().name());
        details.put("path", ctx.path());
        details.put("status", Integer.toString(refusal.status()));
        details.put("reason", String.valueOf(refusal.getMessage()));
        details.put("clientIp", ctx.ip());
        try {
            log.append(AuditEntry.of(principal, "access.denied", AuditTarget.of("route", route.method() + " "
                    + route.path()), AuditOutcome.DENIED, RequestIds.of(ctx), details));
        } catch (RuntimeException e) {
            // the refusal stands either way; a failing audit log shows in the logs and in audit verify
            LOG.error("could not audit a denied request to {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        }
    }
}
