package org.onewindow.service.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.audit.AuditEvent;
import org.onewindow.service.archive.ArchiveVerifier.Kind;
import org.onewindow.service.archive.ArchiveVerifier.Problem;
import org.onewindow.service.errors.ConflictException;
import org.onewindow.service.errors.NotFoundException;
import org.onewindow.service.pki.Pem;

/** Building a closed case's package, verifying it (also with openssl), and every kind of tampering. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchiveServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    Path dir;
    ArchiveFixture fixture;
    String caseId;
    ArchivePackage created;
    Path zip;
    List<X509Certificate> roots;

    @BeforeAll
    void build(@TempDir Path dir) throws Exception {
        this.dir = dir;
        fixture = new ArchiveFixture(dir);
        caseId = fixture.openCase();
        ConflictException open = assertThrows(ConflictException.class,
                () -> fixture.archives.create(fixture.clerk.principal(), "req-early", caseId));
        assertTrue(open.getMessage().contains("ACCEPTED"), open.getMessage());
        assertThrows(NotFoundException.class, () -> fixture.archives.latest(caseId));
        fixture.close(caseId);
        created = fixture.archives.create(fixture.clerk.principal(), "req-archive", caseId);
        zip = fixture.export(created, "package.zip");
        roots = fixture.roots();
    }

    @AfterAll
    void close() {
        fixture.close();
    }

    private List<Problem> problems(Path file) {
        return new ArchiveVerifier(roots).verify(file).problems();
    }

    private static void assertOnly(List<Problem> problems, Kind kind, String path) {
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(kind, problems.get(0).kind(), problems.toString());
        assertEquals(path, problems.get(0).path(), problems.toString());
    }

    private Path variant(String name, java.util.function.Consumer<Map<String, byte[]>> change) throws IOException {
        Map<String, byte[]> entries = ArchiveFixture.entries(zip);
        change.accept(entries);
        return ArchiveFixture.write(dir.resolve(name), entries);
    }

    @Test
    void packageHoldsEverythingOfTheCaseAndVerifies() throws Exception {
        Map<String, byte[]> entries = ArchiveFixture.entries(zip);
        JsonNode manifest = JSON.readTree(entries.get("manifest.json"));
        List<String> listed = new ArrayList<>();
        manifest.path("files").forEach(f -> listed.add(f.path("path").asText()));
        assertEquals(caseId, manifest.path("caseId").asText());
        // 2 documents of the case (not the third), 1 material with 2 originals, case, audit, index
        List<String> docs = listed.stream().filter(p -> p.startsWith("documents/")).toList();
        assertEquals(4, docs.size(), docs.toString()); // record.json + v1.pdf each
        assertEquals(4, listed.stream().filter(p -> p.startsWith("materials/M01/")).count(), listed.toString());
        assertTrue(listed.containsAll(List.of("case.json", "audit/events.jsonl", "index.json", "index.html")), listed.toString());
        assertEquals(listed.size(), created.files());
        assertEquals(listed.size() + 2, entries.size());
        for (JsonNode f : manifest.path("files")) {
            byte[] data = entries.get(f.path("path").asText());
            assertEquals(f.path("size").asLong(), data.length);
            assertEquals(f.path("sha256").asText(), ArchiveFixture.sha256(data));
        }
        assertTrue(entries.containsKey("materials/M01/20261125T010000000Z-0a0b0c0d/original-2.png"));

        String html = new String(entries.get("index.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("建筑工程施工许可证核发") && html.contains("敦煌飞天建设有限公司") && html.contains("办结")
                && html.contains("受理通知书"), html);
        JsonNode index = JSON.readTree(entries.get("index.json"));
        assertEquals("COMPLETED", index.path("case").path("state").asText());
        assertEquals(2, index.path("documents").size());
        assertEquals("申请书-第1页.png", index.path("materials").get(0).path("originals").get(0).path("declaredName").asText());

        // the audit trail: the case's events as stored in the log, hashes and all
        String[] lines = new String(entries.get("audit/events.jsonl"), StandardCharsets.UTF_8).split("\n");
        List<String> actions = new ArrayList<>();
        for (String line : lines) {
            AuditEvent event = AuditEvent.fromJson(JSON.readTree(line));
            assertEquals(event.hash(), fixture.audit.read(event.seq()).orElseThrow().hash());
            actions.add(event.action());
        }
        assertTrue(actions.containsAll(List.of("case.create", "case.accept", "document.upload", "case.complete",
                "archive.create")), actions.toString());
        assertEquals(2, actions.stream().filter("document.upload"::equals).count(), actions.toString());

        ArchiveVerifier.Report report = new ArchiveVerifier(roots).verify(zip);
        assertTrue(report.valid(), report.problems().toString());
        assertEquals(caseId, report.caseId());
        assertEquals(listed.size(), report.filesChecked());
        assertTrue(report.signer().contains("电子档案签名"), report.signer());
        assertEquals(created.createdAt(), report.signedAt());
        // the local TSA stamps with the same (test) clock
        assertEquals(created.createdAt(), report.timeStampedAt().truncatedTo(ChronoUnit.SECONDS));

        assertEquals(ArchiveFixture.sha256(Files.readAllBytes(zip)), created.sha256());
    }

    @Test
    void opensslVerifiesTheManifestSignature() throws Exception {
        Map<String, byte[]> entries = ArchiveFixture.entries(zip);
        Path work = Files.createDirectories(dir.resolve("openssl"));
        Files.write(work.resolve("manifest.json"), entries.get("manifest.json"));
        Files.write(work.resolve("manifest.json.p7s"), entries.get("manifest.json.p7s"));
        Files.writeString(work.resolve("root.pem"), Pem.encode(roots));
        Openssl ok = openssl(work, "manifest.json");
        assertEquals(0, ok.code(), ok.output());
        assertTrue(ok.output().contains("Verification successful"), ok.output());

        byte[] altered = entries.get("manifest.json").clone();
        altered[altered.length / 2] ^= 1;
        Files.write(work.resolve("altered.json"), altered);
        Openssl bad = openssl(work, "altered.json");
        assertTrue(bad.code() != 0, bad.output());
    }

    private record Openssl(int code, String output) {
    }

    private static Openssl openssl(Path work, String content) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("openssl", "cms", "-verify", "-binary", "-content", content, "-inform", "DER",
                    "-in", "manifest.json.p7s", "-CAfile", "root.pem", "-purpose", "any", "-out", "verified.out")
                    .directory(work.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("openssl is needed as the independent checker: apt-get install openssl (" + e.getMessage() + ")");
            return null;
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "openssl did not finish");
        return new Openssl(p.exitValue(), output);
    }

    @Test
    void alteredFileIsNamed() throws Exception {
        Path altered = variant("altered.zip", e -> {
            byte[] pdf = e.get("documents/" + firstDocument(e) + "/v1.pdf").clone();
            pdf[pdf.length - 3] ^= 0x20;
            e.put("documents/" + firstDocument(e) + "/v1.pdf", pdf);
        });
        assertOnly(problems(altered), Kind.FILE_ALTERED, "documents/" + firstDocument(ArchiveFixture.entries(zip))
                + "/v1.pdf");

        Path longer = variant("longer.zip", e -> e.put("case.json", (new String(e.get("case.json"),
                StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8)));
        assertOnly(problems(longer), Kind.SIZE_MISMATCH, "case.json");
    }

    private static String firstDocument(Map<String, byte[]> entries) {
        return entries.keySet().stream().filter(k -> k.startsWith("documents/")).findFirst().orElseThrow()
                .split("/")[1];
    }

    @Test
    void removedFileIsNamed() throws Exception {
        Path removed = variant("removed.zip", e -> e.remove("materials/M01/20261125T010000000Z-0a0b0c0d/original-1.png"));
        assertOnly(problems(removed), Kind.FILE_MISSING, "materials/M01/20261125T010000000Z-0a0b0c0d/original-1.png");
    }

    @Test
    void extraFileIsNamed() throws Exception {
        Path extra = variant("extra.zip", e -> e.put("documents/forged.pdf", ArchiveFixture.pdf("forged")));
        assertOnly(problems(extra), Kind.UNLISTED_FILE, "documents/forged.pdf");
    }

    @Test
    void alteredManifestBreaksTheSignature() throws Exception {
        Path altered = variant("manifest.zip", e -> e.put("manifest.json", new String(e.get("manifest.json"),
                StandardCharsets.UTF_8).replace(caseId, "DH20990101000001").getBytes(StandardCharsets.UTF_8)));
        assertOnly(problems(altered), Kind.SIGNATURE_INVALID, "manifest.json.p7s");

        Path unsigned = variant("unsigned.zip", e -> e.remove("manifest.json.p7s"));
        assertOnly(problems(unsigned), Kind.SIGNATURE_MISSING, "manifest.json.p7s");
    }

    @Test
    void signatureByAForeignKeyIsUntrusted() throws Exception {
        Path foreign = variant("foreign.zip", e -> e.put("manifest.json.p7s", foreignSignature(e.get("manifest.json"))));
        assertOnly(problems(foreign), Kind.UNTRUSTED_SIGNER, "manifest.json.p7s");
        // the same package checked against the foreign root alone is untrusted for the real one
        List<Problem> noRoots = new ArchiveVerifier(List.of()).verify(zip).problems();
        assertOnly(noRoots, Kind.UNTRUSTED_SIGNER, "manifest.json.p7s");
    }

    /** A valid CMS signature over the manifest by a self-made key and certificate that the center never issued. */
    private static byte[] foreignSignature(byte[] manifest) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=敦煌市行政服务中心 电子档案签名 (DEMO),O=敦煌市行政服务中心");
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                    name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(1, ChronoUnit.DAYS)),
                    Date.from(now.plus(365, ChronoUnit.DAYS)), name, pair.getPublic()).build(signer));
            CMSSignedDataGenerator cms = new CMSSignedDataGenerator();
            cms.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()), cert));
            cms.addCertificates(new JcaCertStore(List.of(cert)));
            return cms.generate(new CMSProcessableByteArray(manifest), false).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void timeStampOfAnotherSignatureIsNamed() throws Exception {
        Path swapped = variant("timestamp.zip", e -> e.put("manifest.json.p7s", withTimeStampOver(
                e.get("manifest.json.p7s"), "something else".getBytes(StandardCharsets.UTF_8))));
        assertOnly(problems(swapped), Kind.TIMESTAMP_INVALID, "manifest.json.p7s");
    }

    /** The signature with its time-stamp replaced by a genuine token of the same TSA over other data. */
    private byte[] withTimeStampOver(byte[] p7s, byte[] other) {
        try {
            org.bouncycastle.cms.CMSSignedData signed = new org.bouncycastle.cms.CMSSignedData(p7s);
            org.bouncycastle.cms.SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
            byte[] token = fixture.seals.timeStamper().timeStampToken("SHA-256", ArchiveSigner.sha256(other));
            org.bouncycastle.asn1.ASN1EncodableVector v = new org.bouncycastle.asn1.ASN1EncodableVector();
            v.add(new org.bouncycastle.asn1.cms.Attribute(
                    org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                    new org.bouncycastle.asn1.DERSet(org.bouncycastle.asn1.ASN1Primitive.fromByteArray(token))));
            signer = org.bouncycastle.cms.SignerInformation.replaceUnsignedAttributes(signer,
                    new org.bouncycastle.asn1.cms.AttributeTable(v));
            return org.bouncycastle.cms.CMSSignedData.replaceSigners(signed,
                    new org.bouncycastle.cms.SignerInformationStore(signer)).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void truncatedZipIsNotAZip() throws Exception {
        byte[] whole = Files.readAllBytes(zip);
        Path truncated = Files.write(dir.resolve("truncated.zip"), java.util.Arrays.copyOf(whole, whole.length * 2 / 3));
        assertOnly(problems(truncated), Kind.NOT_A_ZIP, null);
        Path text = Files.writeString(dir.resolve("text.zip"), "not a zip");
        assertOnly(problems(text), Kind.NOT_A_ZIP, null);
    }

    @Test
    void escapingNamesAreRefused() throws Exception {
        Path slip = variant("slip.zip", e -> e.put("../../etc/cron.d/evil", "x".getBytes(StandardCharsets.UTF_8)));
        assertOnly(problems(slip), Kind.UNSAFE_ENTRY, "../../etc/cron.d/evil");
        assertFalse(ArchiveVerifier.safeName("/abs"));
        assertFalse(ArchiveVerifier.safeName("a\\..\\b"));
        assertFalse(ArchiveVerifier.safeName("C:x"));
        assertFalse(ArchiveVerifier.safeName("a//b"));
        assertTrue(ArchiveVerifier.safeName("documents/doc-1/v1.pdf"));
    }

    @Test
    void alteredAuditEventIsNamedEvenWhenRelisted() throws Exception {
        // Someone rewrites an event and re-lists its hash: the manifest signature breaks, and the event's own hash too.
        Map<String, byte[]> entries = ArchiveFixture.entries(zip);
        String events = new String(entries.get("audit/events.jsonl"), StandardCharsets.UTF_8)
                .replaceFirst("\"actor\":\"clerk1\"", "\"actor\":\"someone\"");
        entries.put("audit/events.jsonl", events.getBytes(StandardCharsets.UTF_8));
        JsonNode manifest = JSON.readTree(entries.get("manifest.json"));
        for (JsonNode f : manifest.path("files")) {
            if (f.path("path").asText().equals("audit/events.jsonl")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) f).put("size", events.getBytes(StandardCharsets.UTF_8).length)
                        .put("sha256", ArchiveFixture.sha256(events.getBytes(StandardCharsets.UTF_8)));
            }
        }
        entries.put("manifest.json", JSON.writeValueAsBytes(manifest));
        List<Problem> problems = problems(ArchiveFixture.write(dir.resolve("events.zip"), entries));
        assertEquals(List.of(Kind.SIGNATURE_INVALID, Kind.AUDIT_EVENT_ALTERED),
                problems.stream().map(Problem::kind).toList(), problems.toString());
    }

    @Test
    void packagesAreKeptAndTheNewestIsServed() throws Exception {
        ArchivePackage before = fixture.archives.latest(caseId);
        assertTrue(before.key().compareTo(created.key()) >= 0);
        assertEquals(fixture.store.head(before.key()).orElseThrow().sha256(), before.sha256());
        fixture.clock.advance(java.time.Duration.ofMinutes(5));
        ArchivePackage second = fixture.archives.create(fixture.clerk.principal(), "req-again", caseId);
        assertNotNull(second.key());
        assertFalse(second.key().equals(created.key()));
        assertEquals(second.key(), fixture.archives.latest(caseId).key());
        assertTrue(fixture.store.head(created.key()).isPresent());
        assertTrue(new ArchiveVerifier(roots).verify(fixture.export(second, "second.zip")).valid());
    }
}
