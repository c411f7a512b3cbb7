package org.onewindow.service.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.onewindow.service.audit.AuditLog;
import org.onewindow.service.audit.HmacCheckpointSigner;
import org.onewindow.service.calendar.WorkingCalendar;
import org.onewindow.service.cases.CaseRecord;
import org.onewindow.service.cases.CaseService;
import org.onewindow.service.cases.CaseService.Actor;
import org.onewindow.service.catalog.ItemCatalog;
import org.onewindow.service.config.Config;
import org.onewindow.service.documents.DocumentService;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.identity.Role;
import org.onewindow.service.intake.MaterialSubmission;
import org.onewindow.service.intake.MaterialType;
import org.onewindow.service.intake.StoredOriginal;
import org.onewindow.service.seal.SealServices;
import org.onewindow.service.testsupport.MutableClock;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.fs.FileSystemObjectStore;

/**
 * A closed case with two documents and one material of two scans, on a real filesystem store with the real PKI
 * (demo hierarchy, EC keys) and the real audit log. The clock starts at the real time, so that certificates are
 * valid for openssl, which checks them at the real time.
 */
final class ArchiveFixture implements AutoCloseable {
    static final String BUILDING = "620982-XK-0014";
    static final String DEPARTMENT = "住建局(人防办)";
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    final Path dir;
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    final ObjectStore store;
    final AuditLog audit;
    final CaseService cases;
    final SealServices seals;
    final DocumentService documents;
    final ArchiveService archives;
    final Actor clerk = actor("clerk1", null, Role.WINDOW_CLERK);
    final Actor approver = actor("appr1", DEPARTMENT, Role.DEPARTMENT_APPROVER);
    final Actor center = actor("center1", null, Role.CENTER_APPROVER);

    ArchiveFixture(Path dir) {
        this(dir, new FileSystemObjectStore(dir.resolve("data")));
    }

    /** @param store owned from now on (closed by {@link #close()}) */
    ArchiveFixture(Path dir, ObjectStore store) {
        this.dir = dir;
        this.store = store;
        ItemCatalog catalog = new ItemCatalog(store);
        catalog.seedIfFirstStart(clock.instant());
        audit = new AuditLog(store, clock, new HmacCheckpointSigner("archive-test-checkpoint-key-0123456789"
                .getBytes(StandardCharsets.UTF_8)));
        cases = new CaseService(store, catalog, WorkingCalendar.builtIn(), audit, clock);
        seals = SealServices.start(Config.fromEnvironment(Map.of(Config.STORAGE, "fs:" + dir.resolve("data"),
                Config.SEAL_KEY_TYPE, "ec-p256")), store, audit, clock);
        documents = new DocumentService(store, () -> seals, audit, clock, dir.resolve("tmp"));
        archives = new ArchiveService(store, cases, documents, audit, new ArchiveSigner(() -> seals, clock), clock,
                dir.resolve("tmp"));
    }

    static Actor actor(String id, String department, Role... roles) {
        return new Actor(new Principal(id, id, Set.of(roles), department, "test"), "req-" + id);
    }

    /** A case opened and accepted, with two documents and a material; not closed yet. */
    String openCase() {
        List<CaseService.MaterialRef> all = List.of("M01", "M02", "M03", "M04", "S01", "S02").stream()
                .map(code -> new CaseService.MaterialRef(code, "sha256:" + code)).toList();
        String id = cases.create(clerk, new CaseService.CreateRequest(BUILDING, new CaseRecord.Applicant("敦煌飞天建设有限公司",
                "91620982MA00000001", "0937-8800000"), all)).id();
        cases.accept(clerk, id, null);
        documents.create(clerk.principal(), new ByteArrayInputStream(pdf("受理通知书")), "受理通知书", id, "req-doc1");
        documents.create(clerk.principal(), new ByteArrayInputStream(pdf("送达回证")), "送达回证", id, "req-doc2");
        documents.create(clerk.principal(), new ByteArrayInputStream(pdf("其他办件")), "其他办件的文书", null, "req-doc3");
        storeMaterial(id, "M01", List.of("申请书-第1页.png", "申请书-第2页.png"));
        return id;
    }

    /** Drives an accepted case to 办结. */
    void close(String id) {
        cases.handover(clerk, id, null);
        cases.review(approver, id, null);
        cases.decide(approver, id, new CaseService.DecideRequest(CaseRecord.Decision.Outcome.APPROVED, "符合条件", null, null, null, null, null));
        cases.complete(center, id, null);
    }

    /** A material submission in the intake module's layout (originals by content address, normalized PDF, record). */
    void storeMaterial(String caseId, String code, List<String> names) {
        String submissionId = "20261125T010000000Z-0a0b0c0d";
        String base = "cases/" + caseId + "/materials/" + code + "/" + submissionId + "/";
        List<StoredOriginal> originals = new java.util.ArrayList<>();
        for (String name : names) {
            byte[] png = ("\u0089PNG fake scan of " + name).getBytes(StandardCharsets.UTF_8);
            String sha = sha256(png);
            String key = "originals/sha256/" + sha.substring(0, 2) + "/" + sha;
            store.put(key, png, PutOptions.of("image/png"));
            originals.add(new StoredOriginal(key, sha, png.length, MaterialType.PNG, name, 1, false));
        }
        byte[] document = pdf("材料 " + code);
        store.put(base + "document.pdf", document, PutOptions.of("application/pdf"));
        MaterialSubmission submission = new MaterialSubmission(caseId, code, submissionId, clock.instant(), originals,
                base + "document.pdf", sha256(document), names.size(), "PDF/A-2U", List.of(), null);
        try {
            store.put(base + "material.json", JSON.writeValueAsBytes(submission), PutOptions.of("application/json"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A small well-formed PDF naming {@code text} (ASCII only in the content: no font needed to be valid). */
    static byte[] pdf(String text) {
        String body = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
                + "endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n% " + HexFormat.of()
                .formatHex(text.getBytes(StandardCharsets.UTF_8)) + "\ntrailer<</Root 1 0 R>>\n%%EOF\n";
        return body.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The PKI's trust anchors. */
    List<X509Certificate> roots() {
        return seals.pki().cas().trustedRoots();
    }

    /** Writes the stored package to a file. */
    Path export(ArchivePackage created, String name) throws IOException {
        Path file = dir.resolve(name);
        try (var out = Files.newOutputStream(file)) {
            archives.copy(created, out);
        }
        return file;
    }

    /** The entries of a ZIP, in order. */
    static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    /** Writes {@code entries} as a new ZIP. */
    static Path write(Path zip, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip), StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return zip;
    }

    static InputStream stream(byte[] data) {
        return new ByteArrayInputStream(data);
    }

    Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        documents.close();
        store.close();
    }
}
