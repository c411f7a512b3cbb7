package org.onewindow.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.onewindow.service.audit.AuditLog;
import org.onewindow.service.config.Config;
import org.onewindow.service.config.StorageConfig;
import org.onewindow.service.templates.TemplateRoutes;
import org.onewindow.service.templates.TemplateService;
import org.onewindow.service.audit.CheckpointScheduler;
import org.onewindow.service.calendar.WorkingCalendar;
import org.onewindow.service.cases.CaseDocuments;
import org.onewindow.service.cases.CaseMaterialGate;
import org.onewindow.service.cases.CaseRoutes;
import org.onewindow.service.cases.CaseService;
import org.onewindow.service.catalog.CatalogRoutes;
import org.onewindow.service.catalog.ItemCatalog;
import org.onewindow.service.documents.DocumentRoutes;
import org.onewindow.service.documents.DocumentService;
import org.onewindow.service.errors.ServiceUnavailableException;
import org.onewindow.service.identity.IdentityAudit;
import org.onewindow.service.issuance.IssuanceRoutes;
import org.onewindow.service.issuance.IssuanceService;
import org.onewindow.service.issuance.PublicRateLimiter;
import org.onewindow.service.issuance.PublicVerifyRoutes;
import org.onewindow.service.pki.PkiRoutes;
import org.onewindow.service.seal.DepartmentDirectory;
import org.onewindow.service.seal.SealRoutes;
import org.onewindow.service.seal.SealSeeder;
import org.onewindow.service.seal.SealServices;
import org.onewindow.storage.StorageException;
import org.onewindow.service.verify.PdfVerifier;
import org.onewindow.service.verify.VerificationPolicy;
import org.onewindow.service.verify.VerifyRoutes;
import org.onewindow.service.web.Authenticator;
import org.onewindow.service.web.OpenApiGenerator;
import org.onewindow.service.web.RequestBodies;
import org.onewindow.service.intake.IntakeModule;
import org.onewindow.service.web.RouteProvider;
import org.onewindow.service.web.RouteTable;
import org.onewindow.service.web.SystemRoutes;
import org.onewindow.service.web.WebServer;
import org.onewindow.service.web.console.ConsoleRoutes;
import org.onewindow.service.supervision.SupervisionService;
import org.onewindow.service.supervision.SupervisionRoutes;
import org.onewindow.service.archive.ArchiveSigner;
import org.onewindow.service.archive.ArchiveService;
import org.onewindow.service.archive.ArchiveRoutes;
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
    private volatile SealServices seals;
    private volatile CompletableFuture<SealSeeder.Result> sealSeed = new CompletableFuture<>();
    private final RouteTable routes;
    private final Map<String, Object> openApi;
    private final WebServer web;
    private final IntakeModule intake;
    private final DocumentService documents;
    private final IdentityAudit identityAudit;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final ItemCatalog catalog;
    private CheckpointScheduler checkpoints;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicBoolean seedStarted = new AtomicBoolean();
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
        this(config, store, authenticator, extraRoutes, identitySettings, Clock.systemUTC());
    }

    /** The full wiring with a given clock (tests move it to see deadlines pass). */
    public Application(Config config, ObjectStore store, Authenticator authenticator, List<RouteProvider> extraRoutes,
                       IdentityAudit.Settings identitySettings, Clock clock) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        IntakeModule createdIntake = null;
        try {
            this.mapper = org.onewindow.service.web.Json.newMapper();
            this.bodies = new RequestBodies(mapper, config.maxJsonBytes(), config.maxUploadBytes());
            this.build = BuildInfo.load();

            // --- services: each feature constructs its own here, from the store and the config ---
            TemplateService templates = new TemplateService(store, config.fonts(), config.publicUrl(), clock);
            this.identityAudit = IdentityAudit.create(store, identitySettings, clock, random);
            this.catalog = new ItemCatalog(store);
            // Key custody, PKI (demo hierarchy on first start) and the seal registry. When storage is unreachable
            // the service still starts (health says why) and the PKI/seal routes answer 503 until it is back.
            try {
                sealServices();
            } catch (ServiceUnavailableException e) {
                log.warn("PKI and seal registry not started yet: {}", e.getMessage());
            }
            this.documents = new DocumentService(store, this::sealServices, identityAudit.audit(), clock,
                    DocumentService.defaultTempDir());
            // The case flow makes its documents in-process (render, store, seal) and issues through the gate, which
            // itself reads cases: the gate is looked up when a case is issued, after both exist.
            WorkingCalendar calendar = WorkingCalendar.fromEnvironment(System.getenv());
            AtomicReference<IssuanceService> gate = new AtomicReference<>();
            CaseService cases = new CaseService(store, catalog, calendar, identityAudit.audit(), clock,
                    new CaseDocuments(templates::render, documents, DepartmentDirectory.builtIn(), calendar, clock,
                            (principal, requestId, documentId) -> gate.get().issue(principal, requestId, documentId,
                                    null).verificationId()));
            createdIntake = IntakeModule.create(store, bodies, config.maxUploadBytes(), new CaseMaterialGate(cases));
            this.intake = createdIntake;

            // --- routes: each feature contributes one provider ---
            List<RouteProvider> providers = new ArrayList<>();
            providers.add(new SystemRoutes(store, build, this::openApi));
            providers.add(new TemplateRoutes(templates, bodies, mapper));
            providers.addAll(identityAudit.routes(bodies, config.publicUrl(), random));
            providers.add(new CatalogRoutes(catalog, bodies, mapper, identityAudit.audit()));
            providers.add(new CaseRoutes(cases, bodies, mapper, intake.materials()::uploadedMaterialCodes));
            providers.add(new SupervisionRoutes(
                    new SupervisionService(cases, clock)));
            providers.add(new PkiRoutes(() -> sealServices().pki().endpoints()));
            providers.add(new SealRoutes(() -> sealServices().registry(), DepartmentDirectory.builtIn(), bodies));
            providers.add(new org.onewindow.service.ses.SesRoutes(
                    () -> new org.onewindow.service.ses.SesSeals(sealServices(), store, clock)));
            // Trust anchors: the roots of every CA the PKI knows (the demo root on the embedded default, imported
            // roots in production), read per request so that an import takes effect at once.
            // Online OCSP/CRL lookups (ONEWINDOW_VERIFY_ONLINE_REVOCATION): one checker, so its cache is shared.
            java.util.Optional<org.onewindow.service.verify.OnlineRevocationChecker> online =
                    config.verifyOnlineRevocation()
                            ? java.util.Optional.of(org.onewindow.service.verify.OnlineRevocationChecker.withDefaults(clock))
                            : java.util.Optional.empty();
            java.util.function.Supplier<PdfVerifier> verifier = () -> {
                org.onewindow.service.pki.PkiServices pki = sealServices().pki();
                // One listing of the CA records per verification: the roots are the anchors; OFD seals carry no
                // chain and no revocation data, so this service's CA certificates and OCSP/CRLs stand in.
                java.util.List<org.onewindow.service.pki.CaRecord> records = pki.cas().records();
                VerificationPolicy policy = VerificationPolicy.trusting(
                        org.onewindow.service.pki.CaRecord.roots(records)).withMaxBytes(config.maxUploadBytes());
                java.util.List<java.security.cert.X509Certificate> cas = new java.util.ArrayList<>();
                records.forEach(record -> cas.addAll(record.chain()));
                return new PdfVerifier(online.map(policy::withOnlineRevocation).orElse(policy), cas,
                        org.onewindow.service.ses.SesRevocationSource.inProcess(pki));
            };
            IssuanceService issuance = new IssuanceService(store, documents, () -> sealServices().registry().list(),
                    cases, catalog, verifier, identityAudit.audit(), clock, random, mapper);
            gate.set(issuance);
            // One renderer for the reports of the API, the public page (and the CLI builds its own).
            org.onewindow.service.verify.VerificationReportRenderer reports =
                    new org.onewindow.service.verify.VerificationReportRenderer(config.fonts(), clock);
            providers.add(new VerifyRoutes(verifier, bodies, reports, issuance::registeredSealName));
            providers.add(new IssuanceRoutes(issuance, bodies));
            providers.add(new PublicVerifyRoutes(issuance, verifier, config.maxUploadBytes(),
                    new PublicRateLimiter(config.verifyRequestsPerMinute(), clock), reports));
            providers.add(intake.routes());
            providers.add(new DocumentRoutes(documents, bodies, templates::render));
            providers.add(new ConsoleRoutes(intake.materials()));
            providers.add(new ArchiveRoutes(new ArchiveService(
                    store, cases, documents, identityAudit.audit(),
                    new ArchiveSigner(this::sealServices, clock), clock,
                    DocumentService.defaultTempDir())));
            providers.addAll(extraRoutes);

            this.routes = RouteTable.of(providers);
            this.openApi = OpenApiGenerator.generate(routes, "onewindow", build.version(), config.publicUrl().toString());
            this.web = new WebServer(routes, authenticator != null ? authenticator : identityAudit.authenticator(),
                    identityAudit.accessAudit(), mapper, config.maxJsonBytes(), config.maxUploadBytes(),
                    config.shutdownGrace().toMillis());
        } catch (RuntimeException e) {
            if (createdIntake != null) {
                createdIntake.close();
            }
            store.close(); // owned from the first line: do not leak its lock and handles
            throw e;
        }
    }

    /**
     * Key custody, PKI and seal registry, started on first use (normally in the constructor).
     *
     * @throws ServiceUnavailableException while the storage cannot be reached
     */
    public SealServices sealServices() {
        SealServices current = seals;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (seals == null) {
                long started = System.nanoTime();
                try {
                    seals = SealServices.start(config, store, identityAudit.audit(), clock);
                } catch (StorageException e) {
                    throw new ServiceUnavailableException("PKI and seals are unavailable: storage " + store.describe()
                            + " cannot be used: " + e.getMessage(), e);
                }
                log.info("PKI ready in {} ms", (System.nanoTime() - started) / 1_000_000);
            }
            return seals;
        }
    }

    /**
     * Seeds the default seals in the background (first start only; resumable), so the port opens at once.
     * {@link #stop()} lets a running seed finish the seals it started and skips the rest.
     */
    private void startSealSeed() {
        if (!seedStarted.compareAndSet(false, true)) {
            return;
        }
        if (!config.keys().seedSeals()) {
            sealSeed.complete(new SealSeeder.Result(SealSeeder.Outcome.DISABLED, List.of()));
            return;
        }
        Thread seeder = new Thread(() -> {
            long started = System.nanoTime();
            try {
                SealSeeder.Result result = sealServices().seeder().seedIfNeeded(stopped::get);
                log.info("seal seed: {} ({} created) in {} ms", result.outcome(), result.created().size(),
                        (System.nanoTime() - started) / 1_000_000);
                sealSeed.complete(result);
            } catch (RuntimeException e) {
                log.error("seeding the default seals failed: {}", e.toString());
                sealSeed.completeExceptionally(e);
            }
        }, "seal-seed");
        seeder.setDaemon(true);
        seeder.start();
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
        try {
            int seeded = catalog.seedIfFirstStart(clock.instant());
            if (seeded > 0) {
                log.info("item catalog seeded with {} items at first start", seeded);
            }
        } catch (RuntimeException e) { // storage down: start anyway, the next start seeds
            log.warn("item catalog seeding skipped: {}", e.getMessage());
        }
        checkpoints = new CheckpointScheduler(identityAudit.audit(), identityAudit.settings().checkpointPeriod());
        int port = web.start(config.host(), config.port());
        startSealSeed();
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
            awaitSeedQuietly();
        } finally {
            try {
                intake.close(); // running OCR jobs record their interruption before the store closes
                documents.close(); // likewise running seal batches
                store.close();
            } finally {
                stoppedLatch.countDown();
                log.info("onewindow stopped");
            }
        }
    }

    private void awaitSeedQuietly() {
        if (seedStarted.get() && !sealSeed.isDone()) {
            try {
                sealSeed.get(2, TimeUnit.MINUTES);
            } catch (Exception e) {
                // logged by the seed thread; the store closes anyway
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

    public AuditLog audit() {
        return identityAudit.audit();
    }

    /** Key custody, PKI and the seal registry (started on first use). */
    public SealServices seals() {
        return sealServices();
    }

    /**
     * OFD sealing with registry seals (SM2 key in custody, the seal's stored {@code SESeal}, the PKI's TSA), authorized
     * and audited like PDF sealing. No HTTP route: the document store holds PDFs only.
     */
    public org.onewindow.service.ofd.OfdSealingService ofdSealing() {
        SealServices services = sealServices();
        return new org.onewindow.service.ofd.OfdSealingService(services.registry(),
                new org.onewindow.service.ses.SesSeals(services, store, clock),
                new org.onewindow.service.ofd.OfdSealer(clock, java.util.Optional.of(
                        org.onewindow.service.pki.TimeStamper.local(services.pki().tsa()))));
    }

    /** What the default-seal seeding does at this start (completes after {@link #start()}; never before it). */
    public CompletableFuture<SealSeeder.Result> sealSeed() {
        return sealSeed;
    }
}
