package org.onewindow.service.web;

import java.util.Objects;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One API route: the single place that says what it does and who may call it. The app registers routes
 * only through this record, so the OpenAPI document and the authorization matrix are generated from the same table.
 *
 * @param method  HTTP method
 * @param path    Javalin path, e.g. {@code /api/cases/{caseId}}
 * @param summary one line for the OpenAPI document
 * @param access  who may call it
 * @param handler what it does
 */
public record Route(HandlerType method, String path, String summary, Access access, Handler handler) {
    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(handler, "handler");
    }
}
