package org.onewindow.service.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.onewindow.service.web.HttpTestSupport.assertProblem;
import static org.onewindow.service.web.HttpTestSupport.get;
import static org.onewindow.service.web.HttpTestSupport.request;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.Application;
import org.onewindow.service.config.Config;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.StorageUnavailableException;
import org.onewindow.storage.fs.FileSystemObjectStore;
import org.onewindow.storage.s3.S3ObjectStore;
import org.onewindow.storage.s3.S3StoreConfig;

/** Application instances with a particular store or authenticator: unhealthy storage, nobody, shutdown. */
class ApplicationLifecycleTest {
    @TempDir
    Path dataDir;

    private Config config() {
        return Config.fromEnvironment(Map.of(Config.STORAGE, "fs:" + dataDir, Config.HOST, "127.0.0.1",
                Config.PORT, "0", Config.SHUTDOWN_GRACE_SECONDS, "15"));
    }

    @Test
    void healthzIs503WhenTheStorageCannotBeReached() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort(); // free once closed: nobody listens there
        }
        ObjectStore unreachable = new S3ObjectStore(new S3StoreConfig("http://127.0.0.1:" + closedPort, "us-east-1",
                "onewindow", "test-access", "test-secret-value", S3StoreConfig.DEFAULT_PART_SIZE));
        try (Application app = new Application(config(), unreachable, Authenticator.nobody(), List.of())) {
            int port = app.start();
            HttpResponse<String> response = get(port, "/healthz");
            JsonNode problem = assertProblem(response, 503, "service-unavailable");
            assertTrue(problem.path("detail").asText().contains("storage"), problem.toString());
            assertTrue(problem.path("detail").asText().contains(unreachable.describe()), problem.toString());
            assertTrue(!response.body().contains("test-secret-value"), response.body());
        }
    }

    @Test
    void healthzIs503WhenTheStorageDirectoryIsBroken() throws IOException {
        ObjectStore store = new FileSystemObjectStore(dataDir);
        try (Application app = new Application(config(), store, Authenticator.nobody(), List.of())) {
            int port = app.start();
            assertEquals(200, get(port, "/healthz").statusCode());

            // Root ignores permission bits, so "unwritable" is simulated by taking a store directory away.
            Files.delete(dataDir.resolve("tmp"));
            JsonNode problem = assertProblem(get(port, "/healthz"), 503, "service-unavailable");
            assertTrue(problem.path("detail").asText().contains("missing"), problem.toString());
            assertTrue(problem.path("detail").asText().contains(store.describe()), problem.toString());
        }
    }

    @Test
    void nobodyAuthenticatorAnswers401OnEveryProtectedRoute() {
        ObjectStore store = new FileSystemObjectStore(dataDir);
        TestRoutes routes = new TestRoutes(new RequestBodies(Json.newMapper(), 1024, 1024), store);
        try (Application app = new Application(config(), store, Authenticator.nobody(), List.of(routes))) {
            int port = app.start();
            assertProblem(get(port, "/test/seals"), 401, "unauthorized");
            assertProblem(get(port, "/test/me"), 401, "unauthorized");
            assertEquals(200, get(port, "/test/items/1").statusCode(), "public routes stay open");
        }
    }

    @Test
    void productionWiringOpensTheConfiguredStore() {
        try (Application app = new Application(config())) {
            int port = app.start();
            HttpResponse<String> health = get(port, "/healthz");
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(HttpTestSupport.json(health).path("storage").asText().contains(dataDir.toString()), health.body());
            assertProblem(get(port, "/no-such-route"), 404, "not-found");
        }
        assertTrue(Files.isDirectory(dataDir.resolve("objects")), "the filesystem store was created in ONEWINDOW_STORAGE");
    }

    @Test
    void aRouteRegisteredTwiceFailsTheWiringAndReleasesTheStore() {
        ObjectStore store = new FileSystemObjectStore(dataDir);
        RouteProvider duplicate = () -> List.of(new Route(io.javalin.http.HandlerType.GET, "/healthz", "again",
                Access.publicAccess(), ctx -> ctx.result("again")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Application(config(), store, Authenticator.nobody(), List.of(duplicate)));
        assertTrue(e.getMessage().contains("GET /healthz"), e.getMessage());
        assertThrows(StorageUnavailableException.class, store::checkHealth, "closed by the failed wiring");
    }

    @Test
    void startupLineNamesTheUrlAndTheStorage() {
        ListAppender<ILoggingEvent> logged = ApplicationHttpTest.capture(Application.class.getName());
        ObjectStore store = new FileSystemObjectStore(dataDir);
        try (Application app = new Application(config(), store, Authenticator.nobody(), List.of())) {
            int port = app.start();
            String line = logged.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(message -> message.startsWith("onewindow listening on")).findFirst().orElseThrow();
            assertTrue(line.contains("http://127.0.0.1:" + port), line);
            assertTrue(line.contains("storage: " + store.describe()), line);
        } finally {
            ApplicationHttpTest.release(Application.class.getName(), logged);
        }
    }

    @Test
    void stopLetsInFlightRequestsFinishAndRefusesNewConnections() throws Exception {
        ObjectStore store = new FileSystemObjectStore(dataDir);
        TestRoutes routes = new TestRoutes(new RequestBodies(Json.newMapper(), 1024, 1024), store);
        Application app = new Application(config(), store, Authenticator.nobody(), List.of(routes));
        int port = app.start();
        try {
            CompletableFuture<HttpResponse<String>> inFlight = HttpTestSupport.CLIENT.sendAsync(
                    request(port, "/test/slow").GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertTrue(routes.slowEntered.await(10, TimeUnit.SECONDS), "the slow request reached its handler");

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::stop);
            awaitConnectionRefused(port);
            assertTrue(!stopping.isDone(), "stop waits for the in-flight request");

            routes.slowRelease.countDown();
            HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertEquals("done", response.body());
            stopping.get(15, TimeUnit.SECONDS);
            assertThrows(ConnectException.class, () -> connect(port));
            StorageUnavailableException closed = assertThrows(StorageUnavailableException.class, store::checkHealth,
                    "the store is closed after the server stopped");
            assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
        } finally {
            routes.slowRelease.countDown();
            app.stop();
        }
    }

    /** Polls (bounded) until the server no longer accepts connections. */
    private static void awaitConnectionRefused(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                connect(port);
            } catch (IOException refused) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the server still accepts connections while stopping");
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        }
    }
}
