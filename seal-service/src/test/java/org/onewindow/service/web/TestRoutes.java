package org.onewindow.service.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.javalin.http.HandlerType;
import org.onewindow.service.identity.Role;
import org.onewindow.storage.ByteRange;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.StoredObject;
import org.onewindow.storage.WriteCondition;

/**
 * Routes that exist only in tests, registered through the same {@link RouteProvider} mechanism as the real ones:
 * they exercise body parsing, authorization, error mapping and graceful shutdown.
 */
final class TestRoutes implements RouteProvider {
    /** A JSON request body with its own validation (a failing compact constructor becomes a 400). */
    record EchoRequest(String message) {
        EchoRequest {
            if (message == null || message.isBlank()) {
                throw new IllegalArgumentException("message must not be blank");
            }
        }
    }

    static final String INTERNAL_SECRET = "db-password=hunter2 at /srv/internal/path";

    final CountDownLatch slowEntered = new CountDownLatch(1);
    final CountDownLatch slowRelease = new CountDownLatch(1);

    private final RequestBodies bodies;
    private final ObjectStore store;

    TestRoutes(RequestBodies bodies, ObjectStore store) {
        this.bodies = bodies;
        this.store = store;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                new Route(HandlerType.POST, "/test/echo", "Echo a JSON message", Access.publicAccess(),
                        ctx -> ctx.json(bodies.json(ctx, EchoRequest.class))),
                new Route(HandlerType.POST, "/test/upload-size", "Count uploaded bytes", Access.publicAccess(),
                        ctx -> ctx.json(Map.of("bytes", bodies.upload(ctx).transferTo(java.io.OutputStream.nullOutputStream())))),
                new Route(HandlerType.GET, "/test/boom", "Fail unexpectedly", Access.publicAccess(), ctx -> {
                    throw new IllegalStateException(INTERNAL_SECRET);
                }),
                new Route(HandlerType.GET, "/test/items/{itemId}", "Read an item", Access.publicAccess(),
                        ctx -> ctx.json(Map.of("itemId", ctx.pathParam("itemId")))),
                new Route(HandlerType.GET, "/test/seals", "Seal administration only", Access.anyOf(Role.SEAL_ADMIN),
                        ctx -> ctx.json(Map.of("user", Principals.require(ctx).userId()))),
                new Route(HandlerType.GET, "/test/me", "Any logged-in user", Access.authenticated(),
                        ctx -> ctx.json(Map.of("user", Principals.require(ctx).userId()))),
                new Route(HandlerType.GET, "/test/objects/<key>", "Read a stored object", Access.publicAccess(),
                        ctx -> ctx.result(store.readAllBytes(ctx.pathParam("key")))),
                new Route(HandlerType.GET, "/test/objects-range/<key>", "Read a stored object from byte 1000",
                        Access.publicAccess(), ctx -> {
                            try (StoredObject object = store.get(ctx.pathParam("key"), ByteRange.from(1000))) {
                                ctx.result(object.content().readAllBytes());
                            }
                        }),
                new Route(HandlerType.PUT, "/test/objects/<key>", "Create a stored object if absent",
                        Access.publicAccess(), ctx -> ctx.json(store.put(ctx.pathParam("key"), ctx.bodyAsBytes(),
                                PutOptions.defaults().withCondition(WriteCondition.ifAbsent())))),
                new Route(HandlerType.GET, "/test/time", "java.time values as JSON", Access.publicAccess(),
                        ctx -> ctx.json(Map.of("instant", Instant.parse("2026-01-02T03:04:05Z"),
                                "date", LocalDate.of(2026, 11, 25)))),
                new Route(HandlerType.GET, "/test/slow", "Wait until the test releases it", Access.publicAccess(), ctx -> {
                    slowEntered.countDown();
                    if (!slowRelease.await(20, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("test never released /test/slow");
                    }
                    ctx.result("done");
                }));
    }
}
