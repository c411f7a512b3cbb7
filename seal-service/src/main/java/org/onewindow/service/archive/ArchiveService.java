package org.onewindow.service.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.onewindow.service.audit.AuditEntry;
import org.onewindow.service.audit.AuditEvent;
import org.onewindow.service.audit.AuditLog;
import org.onewindow.service.audit.AuditOutcome;
import org.onewindow.service.audit.AuditQuery;
import org.onewindow.service.audit.AuditSearch;
import org.onewindow.service.audit.AuditTarget;
import org.onewindow.service.cases.CaseRecord;
import org.onewindow.service.cases.CaseService;
import org.onewindow.service.cases.CaseState;
import org.onewindow.service.documents.DocumentRecord;
import org.onewindow.service.documents.DocumentService;
import org.onewindow.service.errors.ConflictException;
import org.onewindow.service.errors.NotFoundException;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.intake.MaterialSubmission;
import org.onewindow.service.intake.StoredOriginal;
import org.onewindow.storage.ListPage;
import org.onewindow.storage.ObjectInfo;
import org.onewindow.storage.ObjectNotFoundException;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PreconditionFailedException;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.StoredObject;
import org.onewindow.storage.WriteCondition;

/**
 * Builds the archive package of a closed case (one ZIP, see docs/archive.md) and keeps it in object storage at
 * {@code archives/{caseId}/{time}-{random}.zip} (create-if-absent, never overwritten; the newest is the one served).
 *
 * <p>The ZIP is built in a temporary file, streaming every stored object through SHA-256 into it, so the heap holds
 * only records; the manifest listing every file's path, size and SHA-256 is signed last ({@link ArchiveSigner}).
 */
public final class ArchiveService {
    public static final String PREFIX = "archives/";
    public static final String FORMAT = "onewindow-archive/1";
    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.json.p7s";
    /** 办结, 出件, 归档 — and 不予受理, which also ends a case. */
    public static final Set<CaseState> CLOSED = EnumSet.of(CaseState.COMPLETED, CaseState.ISSUED, CaseState.ARCHIVED,
            CaseState.REFUSED);
    private static final Pattern DOCUMENT_RECORD = Pattern.compile("documents/(doc-[0-9a-f]{20})\\.json");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final ObjectStore store;
    private final CaseService cases;
    private final DocumentService documents;
    private final AuditLog audit;
    private final ArchiveSigner signer;
    private final Clock clock;
    private final Path tempDir;
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ArchiveService(ObjectStore store, CaseService cases, DocumentService documents, AuditLog audit,
                          ArchiveSigner signer, Clock clock, Path tempDir) {
        this.store = store;
        this.cases = cases;
        this.documents = documents;
        this.audit = audit;
        this.signer = signer;
        this.clock = clock;
        this.tempDir = tempDir;
    }

    /**
     * Builds the package of a closed case, stores it and audits {@code archive.create}.
     *
     * @throws NotFoundException when there is no such case
     * @throws ConflictException when the case is not closed (409)
     */
    public ArchivePackage create(Principal principal, String requestId, String caseId) {
        CaseRecord record = cases.get(caseId).value();
        if (!CLOSED.contains(record.state())) {
            audit.append(AuditEntry.of(principal, "archive.create", AuditTarget.of("case", caseId),
                    AuditOutcome.DENIED, requestId, Map.of("reason", "case is not closed",
                            "currentState", record.state().name())));
            throw new ConflictException("case " + caseId + " is " + record.state() + " (" + record.state()
                    .chineseName() + "): only a closed case (办结, 出件, 归档, 不予受理) can be archived");
        }
        Path zip = null;
        try {
            Files.createDirectories(tempDir);
            zip = Files.createTempFile(tempDir, "archive-", ".zip");
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            int files = write(record, principal.userId(), now, zip);
            String key = PREFIX + caseId + "/" + STAMP.format(now) + "-" + HexFormat.of().formatHex(randomBytes())
                    + ".zip";
            ObjectInfo info;
            try (InputStream in = Files.newInputStream(zip)) {
                info = store.put(key, in, PutOptions.of("application/zip").withCondition(WriteCondition.ifAbsent()));
            } catch (PreconditionFailedException e) {
                throw new ConflictException("archive " + key + " exists; try again");
            }
            ArchivePackage stored = new ArchivePackage(caseId, key, info.sha256() != null ? info.sha256()
                    : sha256(zip), Files.size(zip), now, files);
            audit.append(AuditEntry.of(principal, "archive.create", AuditTarget.of("case", caseId),
                    AuditOutcome.GRANTED, requestId, Map.of("key", key, "sha256", stored.sha256(),
                            "size", Long.toString(stored.size()), "files", Integer.toString(files))));
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException("building the archive of " + caseId + " failed: " + e.getMessage(), e);
        } finally {
            if (zip != null) {
                try {
                    Files.deleteIfExists(zip);
                } catch (IOException ignored) {
                    // in the service's own temporary directory
                }
            }
        }
    }

    /** The newest stored package of the case. @throws NotFoundException when none was built */
    public ArchivePackage latest(String caseId) {
        cases.get(caseId);
        String prefix = PREFIX + caseId + "/";
        ObjectInfo last = null;
        String after = null;
        do {
            ListPage page = store.list(prefix, after, 1000);
            for (ObjectInfo info : page.objects()) {
                if (info.key().endsWith(".zip") && (last == null || info.key().compareTo(last.key()) > 0)) {
                    last = info;
                }
            }
            after = page.hasMore() ? page.nextStartAfter() : null;
        } while (after != null);
        if (last == null) {
            throw new NotFoundException("case " + caseId + " has no archive package yet; POST /api/cases/" + caseId
                    + "/archive builds one");
        }
        return new ArchivePackage(caseId, last.key(), last.sha256(), last.size(), last.lastModified(), -1);
    }

    /** Opens a stored package (the caller closes it). */
    public StoredObject open(ArchivePackage archive) {
        return store.get(archive.key());
    }

    // ------------------------------------------------------------------ building

    /** One file of the package as listed in the manifest. */
    record Entry(String path, long size, String sha256) {
    }

    /** Writes the package of {@code record} to {@code zip}; returns the number of files in the manifest. */
    int write(CaseRecord record, String createdBy, Instant now, Path zip) throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<DocumentRecord> docs = documentsOf(record.id());
        List<MaterialSubmission> materials = materialsOf(record.id());
        List<AuditEvent> events = eventsOf(record.id(), docs);
        AuditLog.Head head = audit.head();
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            ObjectNode index = json.createObjectNode();
            index.put("format", FORMAT);
            index.put("caseId", record.id());
            index.put("createdAt", now.toString());
            index.put("createdBy", createdBy);
            index.set("case", json.valueToTree(record));
            put(out, entries, "case.json", json.writeValueAsBytes(record), now);

            ArrayNode docIndex = index.putArray("documents");
            for (DocumentRecord doc : docs) {
                String base = "documents/" + doc.id() + "/";
                put(out, entries, base + "record.json", json.writeValueAsBytes(doc), now);
                ObjectNode d = docIndex.addObject();
                d.put("id", doc.id());
                d.put("title", doc.title());
                d.put("record", base + "record.json");
                ArrayNode versions = d.putArray("versions");
                for (DocumentRecord.Version v : doc.versions()) {
                    String path = base + "v" + v.n() + ".pdf";
                    try (StoredObject pdf = documents.open(doc, v)) {
                        put(out, entries, path, pdf.content(), now);
                    }
                    ObjectNode vn = versions.addObject();
                    vn.put("n", v.n());
                    vn.put("kind", v.kind().name());
                    vn.put("createdAt", String.valueOf(v.createdAt()));
                    vn.put("createdBy", v.createdBy());
                    vn.put("sealId", v.seal() == null ? null : v.seal().sealId());
                    vn.put("sha256", v.sha256());
                    vn.put("path", path);
                }
            }

            ArrayNode materialIndex = index.putArray("materials");
            for (MaterialSubmission m : materials) {
                String base = "materials/" + m.materialCode() + "/" + m.submissionId() + "/";
                put(out, entries, base + "material.json", json.writeValueAsBytes(m), now);
                ObjectNode mn = materialIndex.addObject();
                mn.put("code", m.materialCode());
                mn.put("submissionId", m.submissionId());
                mn.put("createdAt", String.valueOf(m.createdAt()));
                mn.put("pages", m.pages());
                ArrayNode originals = mn.putArray("originals");
                int i = 0;
                for (StoredOriginal o : m.originals()) {
                    i++;
                    String path = base + "original-" + i + "." + extension(o);
                    try (StoredObject data = store.get(o.key())) {
                        put(out, entries, path, data.content(), now);
                    }
                    originals.addObject().put("path", path).put("declaredName", o.declaredName())
                            .put("type", o.type() == null ? null : o.type().mimeType()).put("sha256", o.sha256())
                            .put("size", o.size());
                }
                try (StoredObject data = store.get(m.documentKey())) {
                    put(out, entries, base + "document.pdf", data.content(), now);
                }
                mn.put("document", base + "document.pdf");
                String searchableKey = m.documentKey().substring(0, m.documentKey().lastIndexOf('/') + 1)
                        + "searchable.pdf";
                try (StoredObject data = store.get(searchableKey)) {
                    put(out, entries, base + "searchable.pdf", data.content(), now);
                    mn.put("searchable", base + "searchable.pdf");
                } catch (ObjectNotFoundException none) {
                    // OCR not finished or not run: the normalized document is the material
                }
            }

            StringBuilder lines = new StringBuilder();
            for (AuditEvent e : events) {
                lines.append(new String(e.toBytes(), StandardCharsets.UTF_8)).append('\n');
            }
            put(out, entries, "audit/events.jsonl", lines.toString().getBytes(StandardCharsets.UTF_8), now);
            ObjectNode auditIndex = index.putObject("audit");
            auditIndex.put("path", "audit/events.jsonl");
            auditIndex.put("events", events.size());
            auditIndex.put("firstSeq", events.isEmpty() ? null : events.get(0).seq());
            auditIndex.put("lastSeq", events.isEmpty() ? null : events.get(events.size() - 1).seq());
            auditIndex.put("logHeadSeq", head.seq());
            auditIndex.put("logHeadHash", head.hash());

            X509Certificate leaf = signer.signer().certificateChain().get(0);
            ObjectNode sig = index.putObject("signature");
            sig.put("manifest", MANIFEST);
            sig.put("signature", SIGNATURE);
            sig.put("format", "CMS (PKCS#7) SignedData, detached, DER");
            sig.put("signer", leaf.getSubjectX500Principal().getName());
            sig.put("issuer", leaf.getIssuerX500Principal().getName());
            sig.put("certificateSerial", leaf.getSerialNumber().toString(16));

            put(out, entries, "index.html", ArchiveIndexHtml.render(record, cases.deadline(record), docs, materials,
                    events.size(), now).getBytes(StandardCharsets.UTF_8), now);
            put(out, entries, "index.json", json.writeValueAsBytes(index), now);

            ObjectNode manifest = json.createObjectNode();
            manifest.put("format", FORMAT);
            manifest.put("caseId", record.id());
            manifest.put("createdAt", now.toString());
            manifest.put("hashAlgorithm", "SHA-256");
            ArrayNode list = manifest.putArray("files");
            for (Entry e : entries) {
                list.addObject().put("path", e.path()).put("size", e.size()).put("sha256", e.sha256());
            }
            byte[] manifestBytes = json.writeValueAsBytes(manifest);
            putRaw(out, MANIFEST, manifestBytes, now);
            putRaw(out, SIGNATURE, signer.sign(manifestBytes).cms(), now);
            return entries.size();
        }
    }

    private static String extension(StoredOriginal o) {
        if (o.type() == null) {
            return "bin";
        }
        return switch (o.type()) {
            case JPEG -> "jpg";
            case PNG -> "png";
            case TIFF -> "tif";
            case PDF -> "pdf";
            case WEBP -> "webp";
        };
    }

    private void put(ZipOutputStream out, List<Entry> entries, String path, byte[] data, Instant time)
            throws IOException {
        put(out, entries, path, new java.io.ByteArrayInputStream(data), time);
    }

    private void put(ZipOutputStream out, List<Entry> entries, String path, InputStream data, Instant time)
            throws IOException {
        ZipEntry entry = new ZipEntry(path);
        entry.setTime(time.toEpochMilli());
        out.putNextEntry(entry);
        MessageDigest digest = sha256();
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = data.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
            out.write(buffer, 0, n);
            size += n;
        }
        out.closeEntry();
        entries.add(new Entry(path, size, HexFormat.of().formatHex(digest.digest())));
    }

    private static void putRaw(ZipOutputStream out, String path, byte[] data, Instant time) throws IOException {
        ZipEntry entry = new ZipEntry(path);
        entry.setTime(time.toEpochMilli());
        out.putNextEntry(entry);
        out.write(data);
        out.closeEntry();
    }

    /** Documents whose record names the case (a scan of the document records: there is no index by case yet). */
    List<DocumentRecord> documentsOf(String caseId) {
        List<DocumentRecord> found = new ArrayList<>();
        for (String key : keys("documents/")) {
            Matcher m = DOCUMENT_RECORD.matcher(key);
            if (m.matches()) {
                try {
                    DocumentRecord doc = documents.get(m.group(1)).record();
                    if (caseId.equals(doc.caseId())) {
                        found.add(doc);
                    }
                } catch (NotFoundException vanished) {
                    // deleted while listing
                }
            }
        }
        return found;
    }

    /** Every intake submission of the case's materials, in key order (material code, then time). */
    List<MaterialSubmission> materialsOf(String caseId) {
        List<MaterialSubmission> found = new ArrayList<>();
        for (String key : keys("cases/" + caseId + "/materials/")) {
            if (key.endsWith("/material.json")) {
                try {
                    found.add(json.readValue(store.readAllBytes(key), MaterialSubmission.class));
                } catch (IOException e) {
                    throw new IllegalStateException("material record " + key + " is unreadable: " + e.getMessage(), e);
                }
            }
        }
        return found;
    }

    /** Audit events about the case or its documents, in seq order (a scan of the log: there is no index yet). */
    List<AuditEvent> eventsOf(String caseId, List<DocumentRecord> docs) {
        Set<String> docIds = new java.util.HashSet<>();
        docs.forEach(d -> docIds.add(d.id()));
        List<AuditEvent> found = new ArrayList<>();
        new AuditSearch(audit).forEach(AuditQuery.all(AuditQuery.MAX_LIMIT), e -> {
            AuditTarget t = e.target();
            boolean about = (t != null && t.type().equals("case") && t.id().equals(caseId))
                    || caseId.equals(e.details().get("caseId"))
                    || (t != null && t.type().equals("document") && docIds.contains(t.id()))
                    || docIds.contains(e.details().get("documentId"));
            if (about) {
                found.add(e);
            }
        });
        return found;
    }

    private List<String> keys(String prefix) {
        List<String> keys = new ArrayList<>();
        String after = null;
        do {
            ListPage page = store.list(prefix, after, 1000);
            page.objects().forEach(o -> keys.add(o.key()));
            after = page.hasMore() ? page.nextStartAfter() : null;
        } while (after != null);
        return keys;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[3];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Copies a stored package to {@code out}. */
    public void copy(ArchivePackage archive, OutputStream out) throws IOException {
        try (StoredObject object = open(archive)) {
            object.content().transferTo(out);
        }
    }
}
