package org.onewindow.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.onewindow.service.config.Config;
import org.onewindow.service.config.StorageConfig;
import org.onewindow.service.templates.TemplateRoutes;
import org.onewindow.service.templates.TemplateService;
import org.onewindow.service.audit.CheckpointScheduler;
import org.onewindow.service.identity.IdentityAudit;
import org.onewindow.service.web.Authenticator;
import org.onewindow.service.web.OpenApiGenerator;
import org.onewindow.service.web.RequestBodies;
import org.onewindow.service.web.RouteProvider;
import org.onewindow.service.web.RouteTable;
import org.onewindow.service.web.SystemRoutes;
import org.onewindow.service.web.WebServer;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.fs.FileSystemObjectStore;
import org.onewindow.storage.s3.S3ObjectStore;
import org.onewindow.storage.s3.S3StoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the service is wired together, with plain constructors: storage, services, the route
 * table and the web server.
 *
 * <p>To add a feature: construct its services in the constructor (after the store, before the route table),
 * then add its {@link RouteProvider} to {@code providers}. Its routes are then authorized, logged, mapped to
 * problems and documented in {@code /openapi.json} with no further wiring.
 */
public final class Application implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Application.class);

    private final Config config;
    private final ObjectStore store;
    private final ObjectMapper mapper;
    private final RequestBodies bodies;
    private final BuildInfo build;
    private final RouteTable routes;
    private final Map<String, Object> openApi;
    private final WebServer web;
    private final IdentityAudit identityAudit;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();
    private CheckpointScheduler checkpoints;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CountDownLatch stoppedLatch = new CountDownLatch(1);

    /**
     * The production wiring: storage from the configuration; users, sessions, tokens and the audit log with
     * settings from the process environment.
     */
    public Application(Config config) {
        this(config, IdentityAudit.Settings.fromEnvironment(System.getenv()));
    }

    /** The production wiring with given identity and audit settings. */
    public Application(Config config, IdentityAudit.Settings identitySettings) {
        this(config, openStore(config.storage()), null, List.of(), identitySettings);
    }

    /**
     * Wiring with a given store, authenticator and extra routes (tests, embedding); no demo users.
     *
     * @param store         owned from now on: closed by {@link #stop()}
     * @param extraRoutes   providers added after the service's own (e.g. test-only routes)
     */
    public Application(Config config, ObjectStore store, Authenticator authenticator, List<RouteProvider> extraRoutes) {
        this(config, store, authenticator, extraRoutes,
                IdentityAudit.Settings.fromEnvironment(Map.of(IdentityAudit.Settings.DEMO_USERS, "false")));
    }

    /**
     * The full wiring.
     *
     * @param store            owned from now on: closed by {@link #stop()}
     * @param authenticator    who authenticates requests; {@code null} for the real one (session cookie, API token)
     * @param extraRoutes      providers added after the service's own (e.g. test-only routes)
     * @param identitySettings settings of users, sessions, login lockout and the audit log
     */
    public Application(Config config, ObjectStore store, Authenticator authenticator, List<RouteProvider> extraRoutes,
                       IdentityAudit.Settings identitySettings) {
        this.config = config;
        this.store = store;
        try {
            this.mapper = org.onewindow.service.web.Json.newMapper();
            this.bodies = new RequestBodies(mapper, config.maxJsonBytes(), config.maxUploadBytes());
            this.build = BuildInfo.load();

            // --- services: each feature constructs its own here, from the store and the config ---
            TemplateService templates = new TemplateService(store, config.fonts(), config.publicUrl());
            this.identityAudit = IdentityAudit.create(store, identitySettings, clock, random);

            // --- routes: each feature contributes one provider ---
            List<RouteProvider> providers = new ArrayList<>();
            providers.add(new SystemRoutes(store, build, this::openApi));
            providers.add(new TemplateRoutes(templates, bodies, mapper));
            providers.addAll(identityAudit.routes(bodies, config.publicUrl(), random));
            providers.addAll(extraRoutes);

            this.routes = RouteTable.of(providers);
            this.openApi = OpenApiGenerator.generate(routes, "onewindow", build.version(), config.publicUrl().toString());
            this.web = new WebServer(routes, authenticator != null ? authenticator : identityAudit.authenticator(),
                    identityAudit.accessAudit(), mapper, config.maxJsonBytes(), config.shutdownGrace().toMillis());
        } catch (RuntimeException e) {
            store.close(); // owned from the first line: do not leak its lock and handles
            throw e;
        }
    }

    /** Opens the configured object store. */
    public static ObjectStore openStore(StorageConfig storage) {
        if (storage instanceof StorageConfig.FileSystem fs) {
            return new FileSystemObjectStore(fs.root());
        }
        StorageConfig.S3 s3 = (StorageConfig.S3) storage;
        return new S3ObjectStore(new S3StoreConfig(s3.endpoint().toString(), s3.region(), s3.bucket(), s3.accessKey(),
                s3.secretKey().reveal(), s3.partSizeBytes()));
    }

    /** Seeds demo users into an empty store, starts the checkpoint timer and the web server; returns the port. */
    public int start() {
        try {
            String demo = identityAudit.seedDemoUsers(store, random, clock, config.publicUrl().toString());
            if (demo != null) {
                log.warn("demo users were created in the empty store; their passwords are on the console");
                System.out.print(demo);
                System.out.flush();
            }
            identityAudit.identity().sessions().purgeExpired();
        } catch (RuntimeException e) { // storage down: start anyway, /healthz tells
            log.warn("demo users / session cleanup skipped: {}", e.getMessage());
        }
        checkpoints = new CheckpointScheduler(identityAudit.audit(), identityAudit.settings().checkpointPeriod());
        int port = web.start(config.host(), config.port());
        String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "localhost" : config.host();
        String listening = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        String publicUrl = config.publicUrl().toString();
        log.info("onewindow listening on {} (storage: {}{})", listening, store.describe(),
                publicUrl.equals(listening) ? "" : ", public URL: " + publicUrl);
        return port;
    }

    /**
     * Stops gracefully: the server stops accepting connections, in-flight requests finish (up to
     * {@code ONEWINDOW_SHUTDOWN_GRACE_SECONDS}), then the store is closed. Safe to call more than once.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        log.info("onewindow stopping");
        try {
            if (checkpoints != null) {
                checkpoints.close();
            }
            web.stop();
        } finally {
            try {
                store.close();
            } finally {
                stoppedLatch.countDown();
                log.info("onewindow stopped");
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Registers a JVM shutdown hook that calls {@link #stop()} (SIGTERM, Ctrl-C). */
    public void stopOnShutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "onewindow-shutdown"));
    }

    /** Blocks until {@link #stop()} has finished. */
    public void awaitStop() throws InterruptedException {
        stoppedLatch.await();
    }

    public int port() {
        return web.port();
    }

    public Config config() {
        return config;
    }

    public RouteTable routes() {
        return routes;
    }

    public Map<String, Object> openApi() {
        return openApi;
    }

    /** The HTTP endpoints Javalin registered, as {@code "GET /path"}. */
    public List<String> registeredEndpoints() {
        return web.registeredEndpoints();
    }

    /** Users, sessions, tokens and the audit log. */
    public IdentityAudit identityAudit() {
        return identityAudit;
    }

    public RequestBodies requestBodies() {
        return bodies;
    }
}
