package org.onewindow.service.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.onewindow.service.seal.SealHttp.ADMIN;
import static org.onewindow.service.seal.SealHttp.AUDITOR;
import static org.onewindow.service.seal.SealHttp.CENTER;
import static org.onewindow.service.seal.SealHttp.CLERK;
import static org.onewindow.service.seal.SealHttp.approverOf;
import static org.onewindow.service.seal.SealHttp.get;
import static org.onewindow.service.seal.SealHttp.json;
import static org.onewindow.service.seal.SealHttp.openssl;
import static org.onewindow.service.seal.SealHttp.postJson;
import static org.onewindow.service.seal.SealHttp.text;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.Application;
import org.onewindow.service.audit.AuditEvent;
import org.onewindow.service.audit.AuditOutcome;
import org.onewindow.service.pki.CertificateRequest;
import org.onewindow.service.pki.CertificateSubject;
import org.onewindow.service.pki.DemoPki;
import org.onewindow.service.pki.Pem;
import org.onewindow.service.seal.image.SealImageSpec;
import org.onewindow.service.seal.image.SealLayout;
import org.onewindow.service.seal.image.SealPngRenderer;

/**
 * The seal registry and the PKI endpoints over real HTTP, against one application started on a fresh store with
 * the production defaults (RSA-2048 seal keys): seed, chains checked by {@code openssl verify}, status changes seen
 * by {@code openssl ocsp} and in the CRL, rotation, the authorization matrix with its audit events, images,
 * imports, and RFC 3161 time-stamps checked by {@code openssl ts}.
 */
class SealRegistryHttpTest {
    @TempDir
    static Path dataDir;
    @TempDir
    static Path work;

    static Application app;
    static int port;
    static long seedMillis;

    @BeforeAll
    static void start() {
        long started = System.nanoTime();
        app = SealHttp.start(SealHttp.env(dataDir, "rsa-2048"));
        seedMillis = (System.nanoTime() - started) / 1_000_000;
        port = app.port();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop();
        }
    }

    // ------------------------------------------------------------------ seed

    @Test
    void seedCreatesCenterSealsAndOneSealPerDepartment() throws Exception {
        System.out.println("first start with seed of RSA-2048 seals took " + seedMillis + " ms");
        int departments = DepartmentDirectory.builtIn().all().size();
        assertEquals(26, departments, "departments listed in design.md");
        assertEquals(SealSeeder.Outcome.SEEDED, app.sealSeed().join().outcome());
        assertEquals(2 + departments, app.sealSeed().join().created().size());

        HttpResponse<byte[]> response = get(port, "/api/seals", AUDITOR);
        assertEquals(200, response.statusCode(), text(response));
        JsonNode all = json(response).path("seals");
        List<JsonNode> seeded = new ArrayList<>();
        all.forEach(s -> {
            if (s.path("createdBy").asText().equals("system:seed")) {
                seeded.add(s);
            }
        });
        List<JsonNode> seals = seeded;
        assertEquals(2 + departments, seals.size());
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        seals.forEach(s -> byId.put(s.path("id").asText(), s));
        assertEquals("ACCEPTANCE", byId.get("center-acceptance").path("kind").asText());
        assertEquals("敦煌市行政服务中心受理专用章", byId.get("center-acceptance").path("displayName").asText());
        assertEquals("APPROVAL", byId.get("center-approval").path("kind").asText());
        JsonNode housing = byId.get("dept-housing");
        assertEquals("敦煌市住房和城乡建设局", housing.path("owner").path("name").asText());
        assertEquals("住建局(人防办)", housing.path("owner").path("department").asText());
        assertEquals("敦煌市消防救援大队", byId.get("dept-fire-rescue").path("owner").path("name").asText());
        assertEquals("敦煌市食品药品监督管理局", byId.get("dept-food-drug").path("owner").path("name").asText());
        for (JsonNode seal : seals) {
            assertEquals("ACTIVE", seal.path("status").asText(), seal.toString());
            assertEquals("RSA", seal.path("certificate").path("algorithm").asText());
        }

        // every leaf chains to the demo root: one openssl verify over all of them
        Path dir = Files.createTempDirectory(work, "verify");
        List<X509Certificate> demoChain = app.seals().pki().demo().issuing().chain();
        Files.writeString(dir.resolve("root.pem"), Pem.encode(demoChain.get(demoChain.size() - 1)));
        Files.writeString(dir.resolve("issuing.pem"), Pem.encode(demoChain.get(0)));
        List<String> command = new ArrayList<>(List.of("verify", "-CAfile", "root.pem", "-untrusted", "issuing.pem",
                "-purpose", "any"));
        for (JsonNode seal : seals) {
            JsonNode detail = json(get(port, "/api/seals/" + seal.path("id").asText(), CLERK));
            JsonNode chain = detail.path("certificate").path("chainPem");
            assertEquals(3, chain.size(), "leaf, issuing CA, root");
            X509Certificate leaf = Pem.certificate(chain.get(0).asText());
            assertTrue(leaf.getSubjectX500Principal().getName().contains(seal.path("owner").path("name").asText()));
            Files.writeString(dir.resolve(seal.path("id").asText() + ".pem"), chain.get(0).asText());
            command.add(seal.path("id").asText() + ".pem");
        }
        SealHttp.Result verify = openssl(dir, command.toArray(String[]::new));
        assertTrue(verify.ok(), verify.toString());
        assertEquals(2 + departments, verify.output().lines().filter(l -> l.endsWith(": OK")).count(), verify.output());

        // the chain download is the same PEM
        HttpResponse<byte[]> pem = get(port, "/api/seals/center-acceptance/chain.pem", CLERK);
        assertEquals(200, pem.statusCode());
        assertEquals(3, Pem.certificates(pem.body()).size());
    }

    @Test
    void secondStartOnTheSameStoreSeedsNothing() {
        Application second = SealHttp.start(SealHttp.env(dataDir, "rsa-2048"));
        try {
            assertEquals(SealSeeder.Outcome.ALREADY_DONE, second.sealSeed().join().outcome());
            assertTrue(second.seals().registry().list().size() >= 28);
        } finally {
            // the second instance shares the directory: stop it without closing the first one's store
            second.stop();
        }
    }

    // ------------------------------------------------------------------ reads and access

    @Test
    void readsNeedLoginAndChangesNeedSealAdmin() {
        assertEquals(401, get(port, "/api/seals", null).statusCode());
        assertEquals(404, get(port, "/api/seals/no-such-seal", CLERK).statusCode());
        HttpResponse<byte[]> denied = postJson(port, "/api/seals/center-acceptance/suspend", CLERK, Map.of());
        assertEquals(403, denied.statusCode(), text(denied));
        assertEquals("application/problem+json", denied.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    }

    @Test
    void imageIsAPngOfTheSealSizeAndTheVectorIsAPdf() throws Exception {
        HttpResponse<byte[]> png = get(port, "/api/seals/dept-housing/image.png", CLERK);
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        int expected = SealPngRenderer.pixels(40.0, SealPngRenderer.DEFAULT_DPI);
        assertEquals(expected, image.getWidth());
        assertEquals(expected, image.getHeight());
        assertEquals(0, image.getRGB(0, 0) >>> 24, "transparent corner");
        int centre = image.getRGB(expected / 2, expected / 2);
        assertTrue(SealImageSpec.isSealRed(centre & 0xFFFFFF), "star in the centre is seal red: "
                + Integer.toHexString(centre));

        HttpResponse<byte[]> pdf = get(port, "/api/seals/dept-housing/image.pdf", CLERK);
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        assertEquals("%PDF-", new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII));
    }

    // ------------------------------------------------------------------ status in OCSP and CRL

    @Test
    void suspendResumeRevokeShowInOcspAndCrlOnTheNextRequest() throws Exception {
        createSeal("status-probe", "ACCEPTANCE", null, "ec-p256");
        Path dir = chainFiles("status-probe");

        assertTrue(ocsp(dir, "leaf.pem").contains("leaf.pem: good"));
        assertFalse(crlLists(leafOf("status-probe")));

        JsonNode suspended = json(postJson(port, "/api/seals/status-probe/suspend", ADMIN, Map.of("reason", "印章遗失待查")));
        assertEquals("SUSPENDED", suspended.path("status").asText());
        String held = ocsp(dir, "leaf.pem");
        assertTrue(held.contains("leaf.pem: revoked") && held.contains("Reason: certificateHold"), held);
        assertTrue(crlLists(leafOf("status-probe")));
        assertEquals(6, crlReason(leafOf("status-probe")), "CRLReason certificateHold");

        // a suspended seal can not be applied
        HttpResponse<byte[]> use = postJson(port, "/api/seals/status-probe/authorize", CLERK, Map.of());
        assertEquals(403, use.statusCode(), text(use));

        JsonNode resumed = json(postJson(port, "/api/seals/status-probe/resume", ADMIN, Map.of()));
        assertEquals("ACTIVE", resumed.path("status").asText());
        assertTrue(ocsp(dir, "leaf.pem").contains("leaf.pem: good"));
        assertFalse(crlLists(leafOf("status-probe")));
        assertEquals(409, postJson(port, "/api/seals/status-probe/resume", ADMIN, Map.of()).statusCode());

        HttpResponse<byte[]> badReason = postJson(port, "/api/seals/status-probe/revoke", ADMIN,
                Map.of("reason", "certificateHold"));
        assertEquals(400, badReason.statusCode(), text(badReason));
        JsonNode revoked = json(postJson(port, "/api/seals/status-probe/revoke", ADMIN,
                Map.of("reason", "keyCompromise", "note", "U盾丢失")));
        assertEquals("REVOKED", revoked.path("status").asText());
        String gone = ocsp(dir, "leaf.pem");
        assertTrue(gone.contains("leaf.pem: revoked") && gone.contains("Reason: keyCompromise"), gone);
        assertEquals(1, crlReason(leafOf("status-probe")));
        assertEquals(409, postJson(port, "/api/seals/status-probe/resume", ADMIN, Map.of()).statusCode());
        assertEquals(409, postJson(port, "/api/seals/status-probe/rotate", ADMIN, Map.of()).statusCode());

        // the CRL itself is well-formed for openssl
        Files.write(dir.resolve("ca.crl"), get(port, "/pki/crl/" + DemoPki.ISSUING_ID + ".crl", null).body());
        SealHttp.Result crl = openssl(dir, "crl", "-inform", "DER", "-in", "ca.crl", "-CAfile", "issuing.pem",
                "-noout", "-text");
        assertTrue(crl.ok() && crl.output().contains("Key Compromise"), crl.toString());
    }

    @Test
    void rotationKeepsTheOldCertificateVerifiableAndMakesANewOneActive() throws Exception {
        JsonNode created = createSeal("rotate-probe", "APPROVAL", null, "rsa-2048");
        String oldSerial = created.path("certificate").path("serial").asText();
        String oldKey = created.path("key").asText();
        Path oldDir = chainFiles("rotate-probe");

        HttpResponse<byte[]> rotated = postJson(port, "/api/seals/rotate-probe/rotate", ADMIN, Map.of("keyType", "ec-p256"));
        assertEquals(200, rotated.statusCode(), text(rotated));
        JsonNode after = json(rotated);
        assertEquals("ACTIVE", after.path("status").asText());
        assertNotEquals(oldSerial, after.path("certificate").path("serial").asText());
        assertEquals("EC", after.path("certificate").path("algorithm").asText());
        assertEquals(1, after.path("history").size());
        assertEquals(oldSerial, after.path("history").get(0).path("serial").asText());
        assertTrue(after.path("history").get(0).hasNonNull("retiredAt"));
        assertNotEquals(oldKey, after.path("key").asText());
        // the old private key is destroyed; the old certificate stays good and chains
        assertFalse(app.seals().custodies().defaultCustody().contains(org.onewindow.service.keys.KeyRef.parse(oldKey)));
        assertTrue(ocsp(oldDir, "leaf.pem").contains("leaf.pem: good"));
        SealHttp.Result verifyOld = openssl(oldDir, "verify", "-CAfile", "root.pem", "-untrusted", "issuing.pem", "leaf.pem");
        assertTrue(verifyOld.ok(), verifyOld.toString());

        Path newDir = chainFiles("rotate-probe");
        assertTrue(ocsp(newDir, "leaf.pem").contains("leaf.pem: good"));
        SealHttp.Result verifyNew = openssl(newDir, "verify", "-CAfile", "root.pem", "-untrusted", "issuing.pem", "leaf.pem");
        assertTrue(verifyNew.ok(), verifyNew.toString());
        // the subject stays the same seal
        assertEquals(created.path("certificate").path("subject").asText(), after.path("certificate").path("subject").asText());
        // signing uses the new key
        var identity = app.seals().registry().signingIdentity(new org.onewindow.service.identity.Principal("center",
                "center", Set.of(org.onewindow.service.identity.Role.CENTER_APPROVER), null, "test"), "rotate-probe",
                SealAuthorizer.UseContext.none());
        assertEquals(after.path("key").asText(), identity.key().toString());
        assertEquals(new BigInteger(after.path("certificate").path("serial").asText(), 16),
                identity.chain().get(0).getSerialNumber());
    }

    // ------------------------------------------------------------------ authorization matrix

    @Test
    void sealUseMatrixAndEveryDecisionIsAudited() {
        record Case(String user, String sealId, int status, AuditOutcome outcome) {
        }
        List<Case> cases = List.of(
                new Case(CLERK, "center-acceptance", 200, AuditOutcome.GRANTED),
                new Case(CLERK, "center-approval", 403, AuditOutcome.DENIED),
                new Case(CENTER, "center-approval", 200, AuditOutcome.GRANTED),
                new Case(CENTER, "center-acceptance", 403, AuditOutcome.DENIED),
                new Case(approverOf("住建局"), "dept-housing", 200, AuditOutcome.GRANTED),
                new Case(approverOf("住建局"), "dept-land-resources", 403, AuditOutcome.DENIED),
                new Case(approverOf("敦煌市国土资源局"), "dept-land-resources", 200, AuditOutcome.GRANTED),
                new Case(approverOf("住建局"), "center-approval", 403, AuditOutcome.DENIED),
                new Case(ADMIN, "center-acceptance", 403, AuditOutcome.DENIED),
                new Case(ADMIN, "dept-housing", 403, AuditOutcome.DENIED));
        for (Case c : cases) {
            long before = app.audit().head().seq();
            HttpResponse<byte[]> response = postJson(port, "/api/seals/" + c.sealId() + "/authorize", c.user(),
                    Map.of("purpose", "case:T-1/notice"));
            assertEquals(c.status(), response.statusCode(), c + ": " + text(response));
            List<AuditEvent> events = new ArrayList<>();
            for (long seq = before + 1; seq <= app.audit().head().seq(); seq++) {
                app.audit().read(seq).filter(e -> e.action().equals(SealAuthorizer.ACTION)).ifPresent(events::add);
            }
            assertEquals(1, events.size(), c + ": " + events);
            AuditEvent event = events.get(0);
            assertEquals(c.outcome(), event.outcome(), c.toString());
            assertEquals("seal", event.target().type());
            assertEquals(c.sealId(), event.target().id());
            assertEquals(c.user().split(":")[0], event.actor());
            assertEquals("case:T-1/notice", event.details().get("purpose"));
        }

        // the listing of usable seals follows the same rule (and is no use: not audited)
        JsonNode usable = json(get(port, "/api/seals/usable", approverOf("住建局(人防办)")));
        Set<String> ids = new HashSet<>();
        usable.path("seals").forEach(s -> ids.add(s.path("id").asText()));
        assertEquals(Set.of("dept-housing"), ids);
    }

    // ------------------------------------------------------------------ create / import

    @Test
    void createValidatesInput() {
        assertEquals(400, postJson(port, "/api/seals", ADMIN, Map.of("id", "Bad Id", "kind", "ACCEPTANCE")).statusCode());
        assertEquals(400, postJson(port, "/api/seals", ADMIN, Map.of("id", "x1", "kind", "STAMP")).statusCode());
        assertEquals(422, postJson(port, "/api/seals", ADMIN, Map.of("id", "x2", "kind", "DEPARTMENT")).statusCode());
        assertEquals(409, postJson(port, "/api/seals", ADMIN, Map.of("id", "center-acceptance", "kind", "ACCEPTANCE"))
                .statusCode());
        assertEquals(400, postJson(port, "/api/seals", ADMIN, Map.of("id", "x3", "kind", "ACCEPTANCE", "keyType", "dsa"))
                .statusCode());
        // a personal signature only for the named user
        JsonNode personal = createSeal("personal-wang", "PERSONAL", null, "ec-p256", Map.of("userIds", List.of("clerk"),
                "ownerName", "敦煌市行政服务中心", "sealName", "王窗口"));
        assertEquals("PERSONAL", personal.path("kind").asText());
        assertEquals(200, postJson(port, "/api/seals/personal-wang/authorize", CLERK, Map.of()).statusCode());
        assertEquals(403, postJson(port, "/api/seals/personal-wang/authorize", "other:WINDOW_CLERK", Map.of()).statusCode());
    }

    @Test
    void importsAPkcs12IssuedByATrustedCaAndRefusesBadOnes() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        var issuing = app.seals().pki().demo().issuing();
        X509Certificate leaf = issuing.issue(CertificateRequest.seal(
                new CertificateSubject("敦煌市档案局电子印章(导入)", "敦煌市档案局"), pair.getPublic(), Duration.ofDays(30)));
        List<X509Certificate> chain = new ArrayList<>(List.of(leaf));
        chain.addAll(issuing.chain());
        byte[] p12 = pkcs12(pair, chain, "import-pass-123");

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", "imported-archives");
        body.put("kind", "DEPARTMENT");
        body.put("department", "档案局");
        body.put("pkcs12Base64", Base64.getEncoder().encodeToString(p12));
        body.put("passphrase", "wrong-passphrase");
        HttpResponse<byte[]> wrong = postJson(port, "/api/seals/import", ADMIN, body);
        assertEquals(422, wrong.statusCode(), text(wrong));
        assertEquals(404, get(port, "/api/seals/imported-archives", CLERK).statusCode(), "nothing stored");

        body.put("passphrase", "import-pass-123");
        HttpResponse<byte[]> ok = postJson(port, "/api/seals/import", ADMIN, body);
        assertEquals(201, ok.statusCode(), text(ok));
        JsonNode imported = json(ok);
        assertEquals("敦煌市档案局", imported.path("owner").path("name").asText());
        assertEquals(leaf.getSerialNumber().toString(16), imported.path("certificate").path("serial").asText());
        assertEquals(DemoPki.ISSUING_ID, imported.path("certificate").path("caId").asText());
        assertEquals("ACTIVE", imported.path("status").asText());
        // its certificate is ours: suspending it shows in OCSP
        postJson(port, "/api/seals/imported-archives/suspend", ADMIN, Map.of());
        Path dir = chainFiles("imported-archives");
        assertTrue(ocsp(dir, "leaf.pem").contains("Reason: certificateHold"));

        // a self-signed certificate chains to nothing trusted
        KeyPair other = generator.generateKeyPair();
        X509Certificate selfSigned = app.seals().custodies().defaultCustody() == null ? null
                : selfSigned(other);
        body.put("id", "imported-untrusted");
        body.put("pkcs12Base64", Base64.getEncoder().encodeToString(pkcs12(other, List.of(selfSigned), "import-pass-123")));
        HttpResponse<byte[]> untrusted = postJson(port, "/api/seals/import", ADMIN, body);
        assertEquals(422, untrusted.statusCode(), text(untrusted));
        body.put("pkcs12Base64", Base64.getEncoder().encodeToString("not a pkcs12 file".getBytes(StandardCharsets.UTF_8)));
        assertEquals(422, postJson(port, "/api/seals/import", ADMIN, body).statusCode());
        body.put("pkcs12Base64", "%%%not base64%%%");
        assertEquals(400, postJson(port, "/api/seals/import", ADMIN, body).statusCode());
        assertEquals(404, get(port, "/api/seals/imported-untrusted", CLERK).statusCode());
    }

    @Test
    void importsAnUploadedImageAndRefusesBadOnes() throws Exception {
        createSeal("image-probe", "ACCEPTANCE", null, "ec-p256");
        byte[] upload = new SealPngRenderer().renderPng(SealLayout.compute(
                SealImageSpec.specialSeal("敦煌市行政服务中心", "受理专用章").scaledTo(38)), 300);
        HttpResponse<byte[]> put = SealHttp.send(SealHttp.request(port, "/api/seals/image-probe/image", ADMIN)
                .header("Content-Type", "image/png").PUT(HttpRequest.BodyPublishers.ofByteArray(upload)).build());
        assertEquals(200, put.statusCode(), text(put));
        JsonNode seal = json(put);
        assertEquals("imported", seal.path("image").path("source").asText());
        assertEquals(300, seal.path("image").path("dpi").asInt());
        assertEquals(38.0, seal.path("image").path("widthMm").asDouble(), 0.2);
        BufferedImage stored = ImageIO.read(new ByteArrayInputStream(get(port, "/api/seals/image-probe/image.png", CLERK).body()));
        assertEquals(SealPngRenderer.pixels(38, 300), stored.getWidth());
        assertEquals(409, get(port, "/api/seals/image-probe/image.pdf", CLERK).statusCode(), "no vector form");

        HttpResponse<byte[]> garbage = SealHttp.send(SealHttp.request(port, "/api/seals/image-probe/image", ADMIN)
                .header("Content-Type", "image/png").PUT(HttpRequest.BodyPublishers.ofString("GIF89a no")).build());
        assertEquals(415, garbage.statusCode(), text(garbage));
        HttpResponse<byte[]> huge = SealHttp.send(SealHttp.request(port, "/api/seals/image-probe/image", ADMIN)
                .header("Content-Type", "image/png").PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[3 << 20])).build());
        assertEquals(413, huge.statusCode(), text(huge));
        BufferedImage opaque = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(opaque, "jpeg", jpeg);
        HttpResponse<byte[]> unsuitable = SealHttp.send(SealHttp.request(port, "/api/seals/image-probe/image", ADMIN)
                .header("Content-Type", "image/jpeg").PUT(HttpRequest.BodyPublishers.ofByteArray(jpeg.toByteArray())).build());
        assertEquals(422, unsuitable.statusCode(), text(unsuitable));
        HttpResponse<byte[]> byClerk = SealHttp.send(SealHttp.request(port, "/api/seals/image-probe/image", CLERK)
                .header("Content-Type", "image/png").PUT(HttpRequest.BodyPublishers.ofByteArray(upload)).build());
        assertEquals(403, byClerk.statusCode());
        assertArrayEquals(stored.getRGB(0, 0, 10, 10, null, 0, 10),
                ImageIO.read(new ByteArrayInputStream(get(port, "/api/seals/image-probe/image.png", CLERK).body()))
                        .getRGB(0, 0, 10, 10, null, 0, 10), "refused uploads changed nothing");
    }

    // ------------------------------------------------------------------ PKI wire

    @Test
    void caCertificatesCrlOcspAndTsaOverHttp() throws Exception {
        Path dir = chainFiles("center-acceptance");
        HttpResponse<byte[]> crt = get(port, "/pki/ca/" + DemoPki.ROOT_ID + ".crt", null);
        assertEquals(200, crt.statusCode());
        X509Certificate root = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(crt.body()));
        assertEquals(app.seals().pki().demo().root().certificate(), root);
        assertEquals(200, get(port, "/pki/ca/" + DemoPki.ISSUING_ID + ".cer", null).statusCode());
        assertEquals(404, get(port, "/pki/ca/nope.crt", null).statusCode());
        HttpResponse<byte[]> crl = get(port, "/pki/crl/" + DemoPki.ISSUING_ID + ".crl", null);
        assertEquals("application/pkix-crl", crl.headers().firstValue("Content-Type").orElse(""));

        // OCSP over GET, request made by openssl
        SealHttp.Result request = openssl(dir, "ocsp", "-issuer", "issuing.pem", "-cert", "leaf.pem", "-no_nonce",
                "-reqout", "req.der");
        assertTrue(request.ok(), request.toString());
        String encoded = java.net.URLEncoder.encode(Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("req.der"))),
                StandardCharsets.UTF_8);
        HttpResponse<byte[]> viaGet = get(port, "/pki/ocsp/" + encoded, null);
        assertEquals(200, viaGet.statusCode());
        assertEquals("application/ocsp-response", viaGet.headers().firstValue("Content-Type").orElse(""));
        Files.write(dir.resolve("resp.der"), viaGet.body());
        SealHttp.Result parsed = openssl(dir, "ocsp", "-respin", "resp.der", "-issuer", "issuing.pem", "-cert", "leaf.pem",
                "-CAfile", "root.pem", "-verify_other", "issuing.pem");
        assertTrue(parsed.output().contains("Response verify OK") && parsed.output().contains("leaf.pem: good"),
                parsed.toString());

        // OCSP garbage: answered inside the protocol, malformedRequest (1)
        HttpResponse<byte[]> garbage = SealHttp.post(port, "/pki/ocsp", "application/ocsp-request",
                "garbage".getBytes(StandardCharsets.US_ASCII));
        assertEquals(200, garbage.statusCode());
        Files.write(dir.resolve("garbage.der"), garbage.body());
        SealHttp.Result malformed = openssl(dir, "ocsp", "-respin", "garbage.der", "-resp_text", "-noverify");
        assertTrue(malformed.output().contains("malformedrequest"), malformed.toString());
        assertEquals(415, SealHttp.post(port, "/pki/ocsp", "text/plain", new byte[] {1}).statusCode());
        assertEquals(413, SealHttp.post(port, "/pki/ocsp", "application/ocsp-request", new byte[70_000]).statusCode());

        // RFC 3161: query by openssl, reply verified by openssl
        Files.writeString(dir.resolve("data.txt"), "敦煌市行政服务中心 受理通知书");
        SealHttp.Result query = openssl(dir, "ts", "-query", "-data", "data.txt", "-sha256", "-cert", "-out", "q.tsq");
        assertTrue(query.ok(), query.toString());
        HttpResponse<byte[]> reply = SealHttp.post(port, "/pki/tsa", "application/timestamp-query",
                Files.readAllBytes(dir.resolve("q.tsq")));
        assertEquals(200, reply.statusCode());
        assertEquals("application/timestamp-reply", reply.headers().firstValue("Content-Type").orElse(""));
        Files.write(dir.resolve("r.tsr"), reply.body());
        SealHttp.Result verified = openssl(dir, "ts", "-verify", "-in", "r.tsr", "-queryfile", "q.tsq",
                "-CAfile", "root.pem", "-untrusted", "issuing.pem");
        assertTrue(verified.ok() && verified.output().contains("Verification: OK"), verified.toString());
        HttpResponse<byte[]> badTsa = SealHttp.post(port, "/pki/tsa", "application/timestamp-query",
                "garbage".getBytes(StandardCharsets.US_ASCII));
        assertEquals(200, badTsa.statusCode());
        var rejected = new org.bouncycastle.tsp.TimeStampResponse(badTsa.body());
        assertEquals(org.bouncycastle.asn1.cmp.PKIStatus.REJECTION, rejected.getStatus());
        assertEquals(org.bouncycastle.asn1.cmp.PKIFailureInfo.badDataFormat, rejected.getFailInfo().intValue());
        assertEquals(415, SealHttp.post(port, "/pki/tsa", "application/octet-stream", new byte[] {1}).statusCode());
    }

    // ------------------------------------------------------------------ helpers

    private static JsonNode createSeal(String id, String kind, String department, String keyType) {
        return createSeal(id, kind, department, keyType, Map.of());
    }

    private static JsonNode createSeal(String id, String kind, String department, String keyType, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>(extra);
        body.put("id", id);
        body.put("kind", kind);
        body.put("keyType", keyType);
        if (department != null) {
            body.put("department", department);
        }
        HttpResponse<byte[]> response = postJson(port, "/api/seals", ADMIN, body);
        assertEquals(201, response.statusCode(), text(response));
        assertEquals("/api/seals/" + id, response.headers().firstValue("Location").orElse(""));
        return json(response);
    }

    /** leaf.pem, issuing.pem and root.pem of the seal's current certificate in a new directory. */
    private static Path chainFiles(String sealId) throws Exception {
        JsonNode chain = json(get(port, "/api/seals/" + sealId, CLERK)).path("certificate").path("chainPem");
        Path dir = Files.createTempDirectory(work, sealId);
        Files.writeString(dir.resolve("leaf.pem"), chain.get(0).asText());
        Files.writeString(dir.resolve("issuing.pem"), chain.get(1).asText());
        Files.writeString(dir.resolve("root.pem"), chain.get(chain.size() - 1).asText());
        return dir;
    }

    private static X509Certificate leafOf(String sealId) {
        return Pem.certificate(json(get(port, "/api/seals/" + sealId, CLERK)).path("certificate").path("chainPem")
                .get(0).asText());
    }

    /** {@code openssl ocsp} against the running responder. */
    private static String ocsp(Path dir, String leaf) {
        SealHttp.Result result = openssl(dir, "ocsp", "-issuer", "issuing.pem", "-cert", leaf,
                "-url", "http://127.0.0.1:" + port + "/pki/ocsp", "-CAfile", "root.pem", "-verify_other", "issuing.pem");
        assertTrue(result.output().contains("Response verify OK"), result.toString());
        return result.output();
    }

    private static X509CRL crl() throws Exception {
        HttpResponse<byte[]> response = get(port, "/pki/crl/" + DemoPki.ISSUING_ID + ".crl", null);
        assertEquals(200, response.statusCode());
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(response.body()));
        crl.verify(app.seals().pki().demo().issuing().certificate().getPublicKey());
        return crl;
    }

    private static boolean crlLists(X509Certificate leaf) throws Exception {
        return crl().isRevoked(leaf);
    }

    private static int crlReason(X509Certificate leaf) throws Exception {
        X509CRLEntry entry = crl().getRevokedCertificate(leaf);
        assertTrue(entry != null, "listed");
        return entry.getRevocationReason() == null ? 0 : entry.getRevocationReason().ordinal();
    }

    private static byte[] pkcs12(KeyPair pair, List<X509Certificate> chain, String passphrase) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("seal", pair.getPrivate(), passphrase.toCharArray(), chain.toArray(X509Certificate[]::new));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, passphrase.toCharArray());
        return out.toByteArray();
    }

    private static X509Certificate selfSigned(KeyPair pair) throws Exception {
        var name = new org.bouncycastle.asn1.x500.X500Name("CN=Untrusted Seal,O=Nobody");
        var builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(name, BigInteger.TEN,
                new java.util.Date(System.currentTimeMillis() - 60_000), new java.util.Date(System.currentTimeMillis() + 86_400_000L),
                name, pair.getPublic());
        var signer = new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
        return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }
}
