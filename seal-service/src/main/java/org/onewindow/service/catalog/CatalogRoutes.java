package org.onewindow.service.catalog;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.onewindow.service.audit.AuditEntry;
import org.onewindow.service.audit.AuditLog;
import org.onewindow.service.audit.AuditOutcome;
import org.onewindow.service.audit.AuditTarget;
import org.onewindow.service.errors.BadRequestException;
import org.onewindow.service.identity.Role;
import org.onewindow.service.identity.Versioned;
import org.onewindow.service.web.Access;
import org.onewindow.service.web.Principals;
import org.onewindow.service.web.RequestBodies;
import org.onewindow.service.web.RequestIds;
import org.onewindow.service.web.Route;
import org.onewindow.service.web.RouteProvider;

/**
 * {@code /api/catalog}: everyone logged in reads the item catalog; a system administrator changes it (create,
 * replace with {@code If-Match}, delete, JSON import) and exports it as JSON or CSV. Changes are audit events.
 */
public final class CatalogRoutes implements RouteProvider {
    private final ItemCatalog catalog;
    private final RequestBodies bodies;
    private final ObjectMapper mapper;
    private final AuditLog audit;

    public CatalogRoutes(ItemCatalog catalog, RequestBodies bodies, ObjectMapper mapper, AuditLog audit) {
        this.catalog = catalog;
        this.bodies = bodies;
        this.mapper = mapper;
        this.audit = audit;
    }

    @Override
    public List<Route> routes() {
        Access admin = Access.anyOf(Role.SYSTEM_ADMIN);
        return List.of(
                new Route(HandlerType.GET, "/api/catalog/items", "The item catalog (事项目录)", Access.authenticated(),
                        ctx -> ctx.json(Map.of("items", catalog.list()))),
                new Route(HandlerType.GET, "/api/catalog/items/{code}", "One catalogued item", Access.authenticated(),
                        this::get),
                new Route(HandlerType.POST, "/api/catalog/items", "Add an item (it needs a code)", admin, this::create),
                new Route(HandlerType.PUT, "/api/catalog/items/{code}", "Replace an item (If-Match: its ETag)", admin,
                        this::update),
                new Route(HandlerType.DELETE, "/api/catalog/items/{code}", "Remove an item", admin, this::delete),
                new Route(HandlerType.POST, "/api/catalog/import", "Import items ({items:[...]}; ?replace=true replaces"
                        + " existing ones); all are checked before any is stored", admin, this::importItems),
                new Route(HandlerType.GET, "/api/catalog/export.json", "The catalog as JSON (the import form)", admin,
                        ctx -> ctx.contentType("application/json").result(catalog.exportJson())),
                new Route(HandlerType.GET, "/api/catalog/export.csv", "The catalog as CSV, one line per material",
                        admin, ctx -> ctx.contentType("text/csv; charset=utf-8")
                        .header("Content-Disposition", "attachment; filename=\"catalog.csv\"")
                        .result(catalog.exportCsv().getBytes(StandardCharsets.UTF_8))));
    }

    private void get(Context ctx) {
        Versioned<Item> item = catalog.get(ctx.pathParam("code"));
        ctx.header("ETag", "\"" + item.version() + "\"").json(item.value());
    }

    private void create(Context ctx) {
        Item item = bodies.json(ctx, Item.class);
        Versioned<Item> created = catalog.create(item);
        audited(ctx, "catalog.create", item.code(), Map.of("name", item.name()));
        ctx.status(201).header("ETag", "\"" + created.version() + "\"")
                .header("Location", "/api/catalog/items/" + item.code()).json(created.value());
    }

    private void update(Context ctx) {
        String code = ctx.pathParam("code");
        Item item = bodies.json(ctx, Item.class);
        String ifMatch = ctx.header("If-Match");
        String expected = ifMatch == null || ifMatch.isBlank() ? null : ifMatch.strip().replace("\"", "");
        Versioned<Item> updated = catalog.update(code, item, expected);
        audited(ctx, "catalog.update", code, Map.of("name", item.name()));
        ctx.header("ETag", "\"" + updated.version() + "\"").json(updated.value());
    }

    private void delete(Context ctx) {
        String code = ctx.pathParam("code");
        catalog.delete(code);
        audited(ctx, "catalog.delete", code, Map.of());
        ctx.status(204);
    }

    private void importItems(Context ctx) {
        JsonNode body = bodies.json(ctx, JsonNode.class);
        String replace = ctx.queryParam("replace");
        if (replace != null && !replace.equals("true") && !replace.equals("false")) {
            throw new BadRequestException("replace must be true or false");
        }
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ItemCatalog.ImportResult result = catalog.importAll(catalog.parseImport(json), "true".equals(replace));
        audited(ctx, "catalog.import", "*", Map.of("created", String.join(",", result.created()),
                "updated", String.join(",", result.updated())));
        ctx.json(result);
    }

    private void audited(Context ctx, String action, String code, Map<String, String> details) {
        audit.append(AuditEntry.of(Principals.require(ctx), action, AuditTarget.of("item", code), AuditOutcome.GRANTED,
                RequestIds.of(ctx), details));
    }
}
