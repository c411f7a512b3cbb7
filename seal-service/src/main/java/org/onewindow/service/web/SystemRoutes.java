package org.onewindow.service.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.onewindow.service.BuildInfo;
import org.onewindow.service.errors.ServiceUnavailableException;
import org.onewindow.storage.ObjectStore;

/** Health, version and the API description: public routes every deployment has. */
public final class SystemRoutes implements RouteProvider {
    private final ObjectStore store;
    private final BuildInfo build;
    private final Supplier<Map<String, Object>> openApi;

    /**
     * @param openApi supplies the generated OpenAPI document (it describes the whole table, this provider included)
     */
    public SystemRoutes(ObjectStore store, BuildInfo build, Supplier<Map<String, Object>> openApi) {
        this.store = store;
        this.build = build;
        this.openApi = openApi;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                new Route(HandlerType.GET, "/healthz", "Liveness and storage health", Access.publicAccess(), this::health),
                new Route(HandlerType.GET, "/api/version", "Name, version, git commit and Java version of the running build",
                        Access.publicAccess(), this::version),
                new Route(HandlerType.GET, "/openapi.json", "This API description (OpenAPI 3.1), generated from the route table",
                        Access.publicAccess(), this::openApi));
    }

    private void health(Context ctx) {
        try {
            store.checkHealth();
        } catch (RuntimeException e) { // StorageException normally; anything else is unhealthy too
            throw new ServiceUnavailableException("storage " + store.describe() + " is unhealthy: " + e.getMessage(), e);
        }
        ctx.json(Map.of("status", "ok", "storage", store.describe()));
    }

    private void version(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", build.name());
        body.put("version", build.version());
        body.put("gitCommit", build.gitCommit());
        body.put("java", build.javaVersion());
        ctx.json(body);
    }

    private void openApi(Context ctx) {
        ctx.json(openApi.get());
    }
}
