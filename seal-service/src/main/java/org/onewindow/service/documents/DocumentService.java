package org.onewindow.service.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.onewindow.service.audit.AuditEntry;
import org.onewindow.service.audit.AuditLog;
import org.onewindow.service.audit.AuditOutcome;
import org.onewindow.service.audit.AuditTarget;
import org.onewindow.service.errors.ConflictException;
import org.onewindow.service.errors.NotFoundException;
import org.onewindow.service.errors.OnewindowException;
import org.onewindow.service.errors.UnprocessableException;
import org.onewindow.service.errors.UnsupportedMediaTypeException;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.jobs.JobRecord;
import org.onewindow.service.jobs.JobRunner;
import org.onewindow.service.jobs.JobTask;
import org.onewindow.service.pki.PkiServices;
import org.onewindow.service.pki.TimeStamper;
import org.onewindow.service.seal.SealAuthorizer;
import org.onewindow.service.seal.SealServices;
import org.onewindow.service.seal.SigningIdentity;
import org.onewindow.service.seal.image.RasterSeal;
import org.onewindow.service.sign.BatchSealer;
import org.onewindow.service.sign.CertificationLevel;
import org.onewindow.service.sign.CrossPageSeal;
import org.onewindow.service.sign.PadesLevel;
import org.onewindow.service.sign.PdfSealer;
import org.onewindow.service.sign.RevocationSource;
import org.onewindow.service.sign.SealIdentity;
import org.onewindow.service.sign.SealPlacement;
import org.onewindow.service.sign.SealRequest;
import org.onewindow.service.sign.SealResult;
import org.onewindow.service.sign.SealStatusCheck;
import org.onewindow.service.sign.SealingContext;
import org.onewindow.storage.ObjectInfo;
import org.onewindow.storage.ObjectNotFoundException;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PreconditionFailedException;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.StoredObject;
import org.onewindow.storage.WriteCondition;

/**
 * Stores documents as immutable PDF versions and seals them with registry seals.
 *
 * <p>PDFs stream through temporary files in both directions (upload, sealing); only records are held in memory.
 * The record is the one thing that changes, always with a conditional write: the PDF of a new version is stored
 * first (content-addressed, create-if-absent), then the record; a writer that loses the race removes the PDF it
 * stored and gets 409.
 */
public final class DocumentService implements AutoCloseable {
    /** Most documents one synchronous batch seals. */
    public static final int MAX_BATCH = 200;
    static final String PREFIX = "documents/";
    static final String BATCH_KIND = "document.seal-batch";
    /** Background batches that may wait while one runs. */
    private static final int BATCH_QUEUE = 20;
    static final String SEAL_ACTION = "document.seal";
    private static final Pattern ID = Pattern.compile("doc-[0-9a-f]{20}");
    private static final int PDF_HEADER_WINDOW = 1024;

    private final ObjectStore store;
    private final Supplier<SealServices> seals;
    private final AuditLog audit;
    private final Clock clock;
    private final Path tempDir;
    private final SecureRandom random = new SecureRandom();
    private final JobRunner jobs;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A record with the store version it was read at. */
    public record Stored(DocumentRecord record, String storeVersion) {
    }

    /**
     * One sealing order, as the API takes it.
     *
     * @param certification a DocMDP certification instead of an approval signature, or empty
     * @param crossPage     a 骑缝章 across the page edges in the same revision, or empty
     */
    public record SealOrder(String sealId, PadesLevel level, SealPlacement placement, String reason, String location,
                            Optional<CertificationLevel> certification, Optional<CrossPageSeal> crossPage) {
        public SealOrder {
            certification = certification == null ? Optional.empty() : certification;
            crossPage = crossPage == null ? Optional.empty() : crossPage;
        }

        /** An order without a cross-page seal. */
        public SealOrder(String sealId, PadesLevel level, SealPlacement placement, String reason, String location,
                         Optional<CertificationLevel> certification) {
            this(sealId, level, placement, reason, location, certification, Optional.empty());
        }

        /** A stable text of the order, hashed to tell a retry from a different request under the same key. */
        String canonical() {
            String text = String.join("\u0000", sealId, level.name(), placement.toString(),
                    reason == null ? "" : reason, location == null ? "" : location,
                    certification.map(Enum::name).orElse(""));
            // appended only when present, so the hashes of orders made before the option existed do not change
            return crossPage.map(c -> text + "\u0000crossPage=" + c).orElse(text);
        }

        SealRequest request() {
            SealRequest request = SealRequest.of(level, placement, reason, location);
            request = crossPage.map(request::withCrossPage).orElse(request);
            return certification.map(request::withCertification).orElse(request);
        }
    }

    /** The result of one sealing: the new version, or the earlier one when the request was a retry. */
    public record SealOutcome(DocumentRecord record, DocumentRecord.Version version, boolean replayed) {
    }

    /** One document's result in a batch: the new version, or the reason it was not sealed. */
    public record BatchItem(String documentId, String outcome, Integer version, String sha256, Integer status,
                            String type, String message) {
        static BatchItem sealed(String id, DocumentRecord.Version version) {
            return new BatchItem(id, "SEALED", version.n(), version.sha256(), null, null, null);
        }

        static BatchItem failed(String id, int status, String type, String message) {
            return new BatchItem(id, "FAILED", null, null, status, type, message);
        }
    }

    public DocumentService(ObjectStore store, Supplier<SealServices> seals, AuditLog audit, Clock clock, Path tempDir) {
        this.store = store;
        this.seals = seals;
        this.audit = audit;
        this.clock = clock;
        this.tempDir = tempDir;
        this.jobs = new JobRunner(store, 1, BATCH_QUEUE, clock);
    }

    /** A private temporary directory under java.io.tmpdir. */
    public static Path defaultTempDir() {
        try {
            return Files.createTempDirectory("onewindow-documents-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for documents: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------- store / read

    /**
     * Stores an uploaded PDF as version 1 of a new document.
     *
     * @throws UnsupportedMediaTypeException when the content is not a PDF
     */
    public DocumentRecord create(Principal principal, InputStream content, String title, String caseId,
                                 String requestId) {
        return create(principal, content, title, caseId, requestId, "document.upload", Map.of());
    }

    /**
     * Stores a PDF the service generated itself (e.g. a case notice rendered from a template) as version 1 of a new
     * document, audited as {@code document.generate} with {@code details} (template id, case action …).
     */
    public DocumentRecord createGenerated(Principal principal, byte[] pdf, String title, String caseId,
                                          String requestId, Map<String, String> details) {
        return create(principal, new java.io.ByteArrayInputStream(pdf), title, caseId, requestId,
                "document.generate", details);
    }

    private DocumentRecord create(Principal principal, InputStream content, String title, String caseId,
                                  String requestId, String auditAction, Map<String, String> extraDetails) {
        Path spool = null;
        try {
            Files.createDirectories(tempDir);
            spool = Files.createTempFile(tempDir, "upload-", ".pdf");
            String sha256 = spool(content, spool);
            long size = Files.size(spool);
            checkPdf(spool, size);
            String id = "doc-" + HexFormat.of().formatHex(randomBytes(10));
            storePdf(id, spool, sha256);
            DocumentRecord.Version first = new DocumentRecord.Version(1, sha256, size, clock.instant(),
                    principal.userId(), DocumentRecord.Kind.ORIGINAL, null, null, null);
            DocumentRecord record = new DocumentRecord(id, title, caseId == null || caseId.isBlank() ? null : caseId,
                    List.of(first));
            store.put(recordKey(id), write(record), PutOptions.of("application/json")
                    .withCondition(WriteCondition.ifAbsent()));
            Map<String, String> details = new LinkedHashMap<>();
            details.put("sha256", sha256);
            details.put("size", Long.toString(size));
            if (record.caseId() != null) {
                details.put("caseId", record.caseId());
            }
            details.putAll(extraDetails);
            audit.append(AuditEntry.of(principal, auditAction, AuditTarget.of("document", id),
                    AuditOutcome.GRANTED, requestId, details));
            return record;
        } catch (IOException e) {
            throw new UncheckedIOException("storing the upload failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(spool);
        }
    }

    /**
     * Removes a document the service generated for a change that then did not happen (e.g. a case transition that
     * lost a race or whose sealing failed): its record first, then its PDFs. Audited as {@code document.discard}.
     * Only for documents nobody else has seen yet; uploads and issued documents are never discarded.
     */
    public void discard(Principal principal, String requestId, String id, String reason) {
        Stored stored = get(id);
        store.delete(recordKey(id));
        for (DocumentRecord.Version version : stored.record().versions()) {
            deleteObjectQuietly(pdfKey(id, version.sha256()));
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("versions", Integer.toString(stored.record().versions().size()));
        details.put("reason", reason);
        if (stored.record().caseId() != null) {
            details.put("caseId", stored.record().caseId());
        }
        audit.append(AuditEntry.of(principal, "document.discard", AuditTarget.of("document", id),
                AuditOutcome.GRANTED, requestId, details));
    }

    /**
     * Takes back the versions after {@code keep} that a change which then did not happen added (conditional write:
     * refused with 409 when the record changed since {@code expectedVersions} versions were read). Audited as
     * {@code document.revert}.
     */
    public void revertTo(Principal principal, String requestId, String id, int keep, int expectedVersions,
                         String reason) {
        Stored stored = get(id);
        DocumentRecord record = stored.record();
        if (record.versions().size() != expectedVersions || keep < 1 || keep >= expectedVersions) {
            throw new ConflictException("document " + id + " has " + record.versions().size() + " versions, not "
                    + expectedVersions + "; not reverted");
        }
        DocumentRecord kept = new DocumentRecord(id, record.title(), record.caseId(),
                record.versions().subList(0, keep));
        try {
            store.put(recordKey(id), write(kept), PutOptions.of("application/json")
                    .withCondition(WriteCondition.ifVersionMatches(stored.storeVersion())));
        } catch (PreconditionFailedException e) {
            throw new ConflictException("document " + id + " changed while being reverted", e);
        }
        java.util.Set<String> stillUsed = new java.util.HashSet<>();
        kept.versions().forEach(v -> stillUsed.add(v.sha256()));
        for (DocumentRecord.Version dropped : record.versions().subList(keep, record.versions().size())) {
            if (!stillUsed.contains(dropped.sha256())) {
                deleteObjectQuietly(pdfKey(id, dropped.sha256()));
            }
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("keptVersions", Integer.toString(keep));
        details.put("droppedVersions", Integer.toString(record.versions().size() - keep));
        details.put("reason", reason);
        if (record.caseId() != null) {
            details.put("caseId", record.caseId());
        }
        audit.append(AuditEntry.of(principal, "document.revert", AuditTarget.of("document", id),
                AuditOutcome.GRANTED, requestId, details));
    }

    private void deleteObjectQuietly(String key) {
        try {
            store.delete(key);
        } catch (ObjectNotFoundException ignored) {
            // already gone
        }
    }

    /** @throws NotFoundException when there is no such document */
    public Stored get(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new NotFoundException("no document " + id);
        }
        try (StoredObject object = store.get(recordKey(id))) {
            return new Stored(json.readValue(object.content(), DocumentRecord.class), object.info().version());
        } catch (ObjectNotFoundException e) {
            throw new NotFoundException("no document " + id);
        } catch (IOException e) {
            throw new IllegalStateException("document record " + id + " is unreadable: " + e.getMessage(), e);
        }
    }

    /** The version {@code n} (or the latest for 0) and its PDF stream (the caller closes it). */
    public StoredObject open(DocumentRecord record, DocumentRecord.Version version) {
        return store.get(pdfKey(record.id(), version.sha256()));
    }

    /** @throws NotFoundException when there is no such version */
    public static DocumentRecord.Version version(DocumentRecord record, int n) {
        if (n < 1 || n > record.versions().size()) {
            throw new NotFoundException("document " + record.id() + " has versions 1 to " + record.versions().size()
                    + ", not " + n);
        }
        return record.versions().get(n - 1);
    }

    // ---------------------------------------------------------------------------------------------- sealing

    /**
     * Seals the latest version of a document and stores the result as a new version.
     *
     * @param idempotencyKey the client's key, or {@code null}: a retry with the same key and order returns the
     *                       version it made; the same key with another order is refused (422)
     * @throws org.onewindow.service.seal.SealUseDeniedException when the user may not apply the seal (403, audited)
     * @throws ConflictException                                 when another sealing of the document won the race
     */
    public SealOutcome seal(Principal principal, String requestId, String id, SealOrder order, String idempotencyKey) {
        String keyHash = idempotencyKey == null ? null : sha256Hex(idempotencyKey);
        String orderHash = sha256Hex(order.canonical());
        Stored stored = get(id);
        Optional<SealOutcome> replay = replay(stored.record(), keyHash, orderHash);
        if (replay.isPresent()) {
            return replay.get();
        }
        SigningIdentity signing = seals.get().registry().signingIdentity(principal, order.sealId(),
                new SealAuthorizer.UseContext(requestId, SEAL_ACTION + " " + id));
        PdfSealer sealer = new PdfSealer(context());
        Path input = null;
        Path output = null;
        try {
            input = download(stored.record(), stored.record().latest());
            output = Files.createTempFile(tempDir, "sealed-", ".pdf");
            SealResult result;
            try {
                result = sealer.seal(input, output, identity(signing), order.request());
            } catch (OnewindowException e) {
                auditFailure(principal, requestId, id, order, e);
                throw e;
            }
            try {
                DocumentRecord.Version version = commit(principal, requestId, stored, order, result, output,
                        keyHash, orderHash);
                return new SealOutcome(get(id).record(), version, false);
            } catch (ConflictException e) {
                // a retry that raced with its own first attempt: answer as the winner did
                Optional<SealOutcome> winner = replay(get(id).record(), keyHash, orderHash);
                if (winner.isPresent()) {
                    return winner.get();
                }
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("sealing document " + id + " failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(input);
            deleteQuietly(output);
        }
    }

    /**
     * Seals the latest version of each document with one seal after one authorization; a document that cannot be
     * sealed (missing, broken, locked, changed meanwhile) does not stop the others.
     *
     * @throws UnprocessableException when the list is empty, longer than {@link #MAX_BATCH} or has duplicates
     */
    public List<BatchItem> sealBatch(Principal principal, String requestId, SealOrder order, List<String> documentIds) {
        SealIdentity identity = authorizeBatch(principal, requestId, order, documentIds);
        return runBatch(principal, requestId, order, identity, documentIds, (done, total) -> {
        });
    }

    /**
     * Checks a batch and authorizes the seal once (audited); the identity is then used by {@link #runBatch}.
     *
     * @throws UnprocessableException when the list is empty, longer than {@link #MAX_BATCH} or has duplicates
     */
    public SealIdentity authorizeBatch(Principal principal, String requestId, SealOrder order,
                                       List<String> documentIds) {
        if (documentIds == null || documentIds.isEmpty()) {
            throw new UnprocessableException("documentIds is empty");
        }
        if (documentIds.size() > MAX_BATCH) {
            throw new UnprocessableException("a batch seals at most " + MAX_BATCH + " documents, got "
                    + documentIds.size() + "; split it");
        }
        if (new LinkedHashSet<>(documentIds).size() != documentIds.size()) {
            throw new UnprocessableException("documentIds has duplicates");
        }
        SigningIdentity signing = seals.get().registry().signingIdentity(principal, order.sealId(),
                new SealAuthorizer.UseContext(requestId, SEAL_ACTION + " batch of " + documentIds.size()));
        return identity(signing);
    }

    /**
     * Seals the batch with an identity from {@link #authorizeBatch}, telling {@code progress} after each document.
     */
    public List<BatchItem> runBatch(Principal principal, String requestId, SealOrder order, SealIdentity identity,
                                    List<String> documentIds, JobTask.JobProgress progress) {
        Map<String, BatchItem> results = new LinkedHashMap<>();
        Map<String, Stored> records = new LinkedHashMap<>();
        List<BatchSealer.Job> jobs = new ArrayList<>();
        List<Path> temps = new ArrayList<>();
        try {
            for (String id : documentIds) {
                results.put(id, null);
                try {
                    Stored stored = get(id);
                    Path input;
                    try {
                        input = download(stored.record(), stored.record().latest());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    temps.add(input);
                    Path output = tempDir.resolve("batch-" + HexFormat.of().formatHex(randomBytes(8)) + ".pdf");
                    temps.add(output);
                    records.put(id, stored);
                    jobs.add(new BatchSealer.Job(id, input, output, order.request()));
                } catch (OnewindowException e) {
                    results.put(id, BatchItem.failed(id, e.status(), e.type(), e.getMessage()));
                } catch (RuntimeException e) {
                    results.put(id, BatchItem.failed(id, 500, "internal", "reading the document failed: "
                            + e.getMessage()));
                }
            }
            String orderHash = sha256Hex(order.canonical());
            Map<String, Path> outputs = new LinkedHashMap<>();
            jobs.forEach(job -> outputs.put(job.id(), job.output()));
            new BatchSealer(new PdfSealer(context())).sealAll(identity, jobs, (done, total, outcome) -> {
                String id = outcome.id();
                if (outcome instanceof BatchSealer.Outcome.Sealed sealed) {
                    try {
                        DocumentRecord.Version version = commit(principal, requestId, records.get(id), order,
                                sealed.result(), outputs.get(id), null, orderHash);
                        results.put(id, BatchItem.sealed(id, version));
                    } catch (OnewindowException e) {
                        results.put(id, BatchItem.failed(id, e.status(), e.type(), e.getMessage()));
                    } catch (RuntimeException e) {
                        results.put(id, BatchItem.failed(id, 500, "internal", "storing failed: " + e.getMessage()));
                    }
                } else if (outcome instanceof BatchSealer.Outcome.Failed failed) {
                    results.put(id, BatchItem.failed(id, failed.status(), failed.type(), failed.message()));
                    auditFailure(principal, requestId, id, order, failed.message());
                }
                deleteQuietly(outputs.get(id));
                progress.pages(documentIds.size() - jobs.size() + done, documentIds.size());
            });
        } finally {
            temps.forEach(DocumentService::deleteQuietly);
        }
        return List.copyOf(results.values());
    }

    /** A background batch: the job (progress in documents) and, once it finished, the result per document. */
    public record BatchView(JobRecord job, String startedBy, List<BatchItem> results) {
    }

    private record StoredBatch(String startedBy, List<BatchItem> results) {
    }

    /**
     * Authorizes now (a refusal is answered at once), then seals in the background; progress and results through
     * {@link #batch(String)}.
     *
     * @throws org.onewindow.service.errors.TooManyRequestsException when too many batches wait already
     */
    public JobRecord startBatch(Principal principal, String requestId, SealOrder order, List<String> documentIds) {
        SealIdentity identity = authorizeBatch(principal, requestId, order, documentIds);
        List<String> ids = List.copyOf(documentIds);
        java.util.concurrent.CompletableFuture<String> jobId = new java.util.concurrent.CompletableFuture<>();
        JobRecord job = jobs.submit(BATCH_KIND, ids.size(), progress -> {
            String id = jobId.get(); // the runner may start the task before submit returned its id
            List<BatchItem> items = runBatch(principal, requestId, order, identity, ids, progress);
            store.put(batchKey(id), json.writeValueAsBytes(new StoredBatch(principal.userId(), items)),
                    PutOptions.of("application/json"));
            long sealed = items.stream().filter(item -> item.outcome().equals("SEALED")).count();
            return Map.of("sealed", Long.toString(sealed), "failed", Long.toString(items.size() - sealed));
        });
        jobId.complete(job.id());
        return job;
    }

    /** @throws NotFoundException when there is no such batch */
    public BatchView batch(String jobId) {
        JobRecord job = jobs.find(jobId).filter(j -> BATCH_KIND.equals(j.kind()))
                .orElseThrow(() -> new NotFoundException("no seal batch " + jobId));
        if (store.head(batchKey(job.id())).isEmpty()) {
            return new BatchView(job, null, List.of());
        }
        try {
            StoredBatch stored = json.readValue(store.readAllBytes(batchKey(job.id())), StoredBatch.class);
            return new BatchView(job, stored.startedBy(), stored.results());
        } catch (IOException e) {
            throw new IllegalStateException("batch result " + job.id() + " is unreadable: " + e.getMessage(), e);
        }
    }

    /** Waits for a background batch (tests, CLI). */
    public JobRecord awaitBatch(String jobId, java.time.Duration timeout) throws Exception {
        return jobs.await(jobId, timeout);
    }

    /** Interrupts running batches (their documents sealed so far stay stored and recorded). */
    @Override
    public void close() {
        jobs.close();
        try {
            Files.deleteIfExists(tempDir); // only when empty: never pull files from under a running sealing
        } catch (IOException ignored) {
            // not empty or already gone
        }
    }

    static String batchKey(String jobId) {
        return PREFIX + "batches/" + jobId + ".json";
    }

    /** Stores the sealed PDF, then the record (conditional), then audits; the PDF is removed if the record loses. */
    private DocumentRecord.Version commit(Principal principal, String requestId, Stored stored, SealOrder order,
                                         SealResult result, Path output, String keyHash, String orderHash) {
        DocumentRecord record = stored.record();
        if (!result.inputSha256().equals(record.latest().sha256())) {
            throw new ConflictException("version " + record.latest().n() + " of document " + record.id()
                    + " does not have the recorded SHA-256");
        }
        boolean created = storePdf(record.id(), output, result.outputSha256());
        DocumentRecord.SealInfo info = new DocumentRecord.SealInfo(order.sealId(), order.level().toString(),
                result.fieldName(), order.reason(), order.location(),
                order.certification().map(c -> Integer.toString(c.p())).orElse(null), result.inputSha256(),
                result.outputSha256());
        DocumentRecord.Version version = new DocumentRecord.Version(record.versions().size() + 1,
                result.outputSha256(), result.outputBytes(), clock.instant(), principal.userId(),
                DocumentRecord.Kind.SEALED, info, keyHash, orderHash);
        try {
            store.put(recordKey(record.id()), write(record.withVersion(version)), PutOptions.of("application/json")
                    .withCondition(WriteCondition.ifVersionMatches(stored.storeVersion())));
        } catch (PreconditionFailedException e) {
            if (created) {
                store.delete(pdfKey(record.id(), result.outputSha256()));
            }
            throw new ConflictException("document " + record.id() + " was changed while version "
                    + record.latest().n() + " was being sealed; read it again and retry", e);
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("sealId", order.sealId());
        details.put("level", order.level().toString());
        details.put("version", Integer.toString(version.n()));
        details.put("fieldName", result.fieldName());
        details.put("inputSha256", result.inputSha256());
        details.put("outputSha256", result.outputSha256());
        if (record.caseId() != null) {
            details.put("caseId", record.caseId());
        }
        audit.append(AuditEntry.of(principal, SEAL_ACTION, AuditTarget.of("document", record.id()),
                AuditOutcome.GRANTED, requestId, details));
        return version;
    }

    private void auditFailure(Principal principal, String requestId, String id, SealOrder order, Exception e) {
        auditFailure(principal, requestId, id, order, e.getMessage());
    }

    private void auditFailure(Principal principal, String requestId, String id, SealOrder order, String reason) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("sealId", order.sealId());
        details.put("level", order.level().toString());
        details.put("reason", reason == null ? "" : reason);
        audit.append(AuditEntry.of(principal, SEAL_ACTION, AuditTarget.of("document", id), AuditOutcome.FAILED,
                requestId, details));
    }

    private Optional<SealOutcome> replay(DocumentRecord record, String keyHash, String orderHash) {
        if (keyHash == null) {
            return Optional.empty();
        }
        for (DocumentRecord.Version version : record.versions()) {
            if (keyHash.equals(version.idempotencyKey())) {
                if (!orderHash.equals(version.requestSha256())) {
                    throw new UnprocessableException("this Idempotency-Key was used for a different seal request"
                            + " (version " + version.n() + " of document " + record.id() + "); use a new key");
                }
                return Optional.of(new SealOutcome(record, version, true));
            }
        }
        return Optional.empty();
    }

    private SealingContext context() {
        PkiServices pki = seals.get().pki();
        return SealingContext.of(TimeStamper.local(pki.tsa()), RevocationSource.inProcess(pki.cas(), pki.crls(),
                pki.ocsp()), SealStatusCheck.registry(pki.cas()), tempDir);
    }

    /** The vector seal when the seal has one, else its imported image (a transparent PNG at its printed size). */
    private static SealIdentity identity(SigningIdentity signing) {
        SealIdentity identity = new SealIdentity(signing.custody(), signing.key(), signing.chain(), signing.layout());
        if (signing.layout().isEmpty() && signing.png() != null && signing.png().length > 0) {
            double[] mm = signing.sizeMm();
            identity = identity.withImage(new RasterSeal(signing.png(), mm[0], mm[1]));
        }
        return identity;
    }

    // ---------------------------------------------------------------------------------------------- storage

    private Path download(DocumentRecord record, DocumentRecord.Version version) throws IOException {
        Files.createDirectories(tempDir);
        Path file = Files.createTempFile(tempDir, "in-", ".pdf");
        try (StoredObject object = open(record, version); InputStream in = object.content()) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (ObjectNotFoundException e) {
            deleteQuietly(file);
            throw new IllegalStateException("the PDF of version " + version.n() + " of document " + record.id()
                    + " is missing from storage", e);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    /** Stores a PDF under its hash; returns whether this call created it (false: the same bytes were there). */
    private boolean storePdf(String id, Path file, String sha256) {
        try (InputStream in = Files.newInputStream(file)) {
            ObjectInfo info = store.put(pdfKey(id, sha256), in, PutOptions.of("application/pdf")
                    .withCondition(WriteCondition.ifAbsent()));
            if (!sha256.equals(info.sha256())) {
                throw new IllegalStateException("stored PDF of " + id + " has SHA-256 " + info.sha256()
                        + ", expected " + sha256);
            }
            return true;
        } catch (PreconditionFailedException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String recordKey(String id) {
        return PREFIX + id + ".json";
    }

    static String pdfKey(String id, String sha256) {
        return PREFIX + id + "/" + sha256 + ".pdf";
    }

    private byte[] write(DocumentRecord record) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Copies the stream to the file and returns its SHA-256 (hex). */
    private static String spool(InputStream content, Path file) throws IOException {
        MessageDigest digest = sha256();
        try (var out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
            content.transferTo(out);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A PDF starts with {@code %PDF-} within its first 1024 bytes (ISO 32000 readers tolerate leading junk). */
    private static void checkPdf(Path file, long size) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(PDF_HEADER_WINDOW);
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (size == 0 || !text.contains("%PDF-")) {
            throw new UnsupportedMediaTypeException("the upload is not a PDF (no %PDF- header); only PDF documents"
                    + " are stored");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the directory is private to this service
            }
        }
    }
}
