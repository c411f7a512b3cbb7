package org.onewindow.service.web;

import java.util.List;

/**
 * A feature's contribution to the route table: e.g. {@code SystemRoutes}, later identity, audit, seals.
 * {@link org.onewindow.service.Application} collects the providers and registers every route through
 * {@link WebServer}, so each one is authorized and documented the same way.
 */
@FunctionalInterface
public interface RouteProvider {
    /** The routes of this feature, in the order they should appear in the OpenAPI document. */
    List<Route> routes();
}
