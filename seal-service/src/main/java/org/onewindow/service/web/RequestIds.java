package org.onewindow.service.web;

import java.util.UUID;
import java.util.regex.Pattern;

import io.javalin.http.Context;

/** The per-request id: taken from {@code X-Request-Id} when well-formed, otherwise generated. */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    /** The SLF4J MDC key every log line of a request carries. */
    public static final String MDC_KEY = "requestId";
    static final String ATTRIBUTE = "onewindow.requestId";

    // Letters, digits and . _ - : covers UUIDs and the ids of common proxies, and cannot smuggle log or header syntax.
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{8,128}");

    private RequestIds() {
    }

    /** Whether a client-supplied id can be used as it is. */
    public static boolean isWellFormed(String id) {
        return id != null && WELL_FORMED.matcher(id).matches();
    }

    static String chooseFor(String presented) {
        return isWellFormed(presented) ? presented : UUID.randomUUID().toString();
    }

    /** The id of the request {@code ctx} belongs to. */
    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "unknown" : id;
    }
}
