package org.onewindow.service.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.pki.PkiEndpoints;
import org.onewindow.service.pki.PkiRoutes;
import org.onewindow.service.pki.RevocationReason;
import org.onewindow.service.sign.PadesLevel;
import org.onewindow.service.sign.SealIdentity;
import org.onewindow.service.verify.VerificationReport.RevocationCheck;
import org.onewindow.service.verify.VerificationReport.SignatureReport;
import org.onewindow.service.web.Authenticator;
import org.onewindow.service.web.Json;
import org.onewindow.service.web.Route;
import org.onewindow.service.web.RouteProvider;
import org.onewindow.service.web.RouteTable;
import org.onewindow.service.web.WebServer;

/**
 * Online revocation checking against the service's own OCSP responder and CRL endpoint, served by the real PKI
 * routes over HTTP on a random port. The certificates carry that server's URLs in their AIA and CDP extensions.
 */
class OnlineRevocationTest {
    @TempDir
    static Path dir;
    static WebServer server;
    static String base;
    static VerifyFixture fixture;
    static final AtomicBoolean OCSP_UP = new AtomicBoolean(true);
    static final AtomicInteger OCSP_HITS = new AtomicInteger();
    static final AtomicInteger CRL_HITS = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        AtomicReference<PkiEndpoints> endpoints = new AtomicReference<>();
        RouteProvider pki = () -> new PkiRoutes(endpoints::get).routes().stream().map(route -> new Route(
                route.method(), route.path(), route.summary(), route.access(), ctx -> {
                    if (route.path().startsWith("/pki/ocsp")) {
                        OCSP_HITS.incrementAndGet();
                        if (!OCSP_UP.get()) {
                            ctx.status(503).result("down for the test");
                            return;
                        }
                    } else if (route.path().startsWith("/pki/crl")) {
                        CRL_HITS.incrementAndGet();
                    }
                    route.handler().handle(ctx);
                })).toList();
        server = new WebServer(RouteTable.of(List.of(pki)), Authenticator.nobody(), Json.newMapper(), 1 << 20, 0);
        int port = server.start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + port;
        fixture = new VerifyFixture(dir, base);
        endpoints.set(new PkiEndpoints(fixture.cas, fixture.crls, fixture.ocsp, fixture.tsa));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    /** A fresh checker per test: its cache must not carry answers from one test into another. */
    static VerificationPolicy online() {
        return fixture.policy().withOnlineRevocation(new OnlineRevocationChecker(Duration.ofSeconds(2),
                Duration.ofSeconds(3), Clock.systemUTC()));
    }

    static Path sealed(SealIdentity seal, PadesLevel level, String name) throws Exception {
        return fixture.sealed(fixture.notice("notice-" + name), seal, level, name);
    }

    /** Revocation times have second precision: revoke only once the signing second is over. */
    static void revokeAfter(SealIdentity seal, Instant signed) throws InterruptedException {
        while (Instant.now().getEpochSecond() <= signed.getEpochSecond()) {
            Thread.sleep(20);
        }
        fixture.registry.revoke(fixture.hierarchy.issuing().id(), seal.certificate().getSerialNumber(),
                RevocationReason.KEY_COMPROMISE);
    }

    @Test
    void aGoodSealWithoutEmbeddedDataIsCheckedByOnlineOcspAndTheAnswerIsCached() throws Exception {
        Path pdf = sealed(fixture.seal("敦煌市行政服务中心", "受理专用章"), PadesLevel.B_T, "good.pdf");
        SignatureReport offline = PdfVerifier.verify(pdf, fixture.policy()).signatures().get(0);
        assertEquals(RevocationCheck.Status.NO_DATA, offline.revocation().status());

        VerificationPolicy policy = online();
        int before = OCSP_HITS.get();
        VerificationReport report = PdfVerifier.verify(pdf, policy);
        assertEquals(Indication.TOTAL_PASSED, report.indication(), report.toString());
        SignatureReport s = report.signatures().get(0);
        assertEquals(RevocationCheck.Status.GOOD, s.revocation().status(), s.toString());
        assertEquals(Optional.of("online OCSP " + base + "/pki/ocsp"), s.revocation().source());
        assertTrue(s.revocation().notes().stream().anyMatch(n -> n.contains("CA certificate")
                && n.contains("online OCSP")), s.revocation().notes().toString());
        assertEquals(Optional.of("PAdES-BASELINE-T"), s.padesLevel(), "online data does not make a B-LT file");
        int asked = OCSP_HITS.get() - before;
        assertEquals(2, asked, "the signing certificate and the issuing CA");
        PdfVerifier.verify(pdf, policy);
        assertEquals(before + asked, OCSP_HITS.get(), "the second verification is answered from the cache");
    }

    @Test
    void aSealRevokedAfterTheTimeStampedSigningStillPasses() throws Exception {
        SealIdentity seal = fixture.seal("敦煌市行政服务中心", "受理专用章");
        Path pdf = sealed(seal, PadesLevel.B_T, "revoked-after.pdf");
        revokeAfter(seal, PdfVerifier.verify(pdf, fixture.policy()).signatures().get(0).timeStamp().orElseThrow()
                .time());
        VerificationReport report = PdfVerifier.verify(pdf, online());
        assertEquals(Indication.TOTAL_PASSED, report.indication(), report.toString());
        assertTrue(report.signatures().get(0).revocation().notes().stream().anyMatch(n ->
                n.contains("after the time-stamped signing time") && n.contains("online OCSP")),
                report.signatures().get(0).revocation().toString());
    }

    @Test
    void aSealRevokedAfterSigningWithoutATimeStampIsIndeterminate() throws Exception {
        SealIdentity seal = fixture.seal("敦煌市行政服务中心", "受理专用章");
        Path pdf = sealed(seal, PadesLevel.B_B, "revoked-after-bb.pdf");
        revokeAfter(seal, PdfVerifier.verify(pdf, fixture.policy()).signatures().get(0).claimedSigningTime()
                .orElseThrow());
        VerificationReport report = PdfVerifier.verify(pdf, online());
        assertEquals(Indication.INDETERMINATE, report.indication(), report.toString());
        assertEquals(Optional.of(SubIndication.REVOKED_NO_POE), report.subIndication());
    }

    @Test
    void aSealRevokedBeforeSigningFails() throws Exception {
        SealIdentity seal = fixture.seal("敦煌市行政服务中心", "受理专用章");
        fixture.registry.revoke(fixture.hierarchy.issuing().id(), seal.certificate().getSerialNumber(),
                RevocationReason.KEY_COMPROMISE);
        // the sealer would refuse a revoked seal: the attacker's sealer does not ask
        Path pdf = fixture.sealed(fixture.notice("notice-revoked-before.pdf"), seal, PadesLevel.B_T,
                "revoked-before.pdf", fixture.uncheckedContext);
        VerificationReport report = PdfVerifier.verify(pdf, online());
        assertEquals(Indication.TOTAL_FAILED, report.indication(), report.toString());
        assertEquals(Optional.of(SubIndication.REVOKED), report.subIndication());
        assertTrue(report.signatures().get(0).errors().stream().anyMatch(e -> e.contains("before the signing time")
                && e.contains("online OCSP")), report.signatures().get(0).errors().toString());
    }

    @Test
    void withTheResponderDownTheCrlIsFetched() throws Exception {
        Path pdf = sealed(fixture.seal("敦煌市行政服务中心", "受理专用章"), PadesLevel.B_T, "crl.pdf");
        OCSP_UP.set(false);
        try {
            int crlsBefore = CRL_HITS.get();
            VerificationReport report = PdfVerifier.verify(pdf, online());
            assertEquals(Indication.TOTAL_PASSED, report.indication(), report.toString());
            RevocationCheck revocation = report.signatures().get(0).revocation();
            assertEquals(RevocationCheck.Status.GOOD, revocation.status());
            assertEquals(Optional.of("online CRL " + base + "/pki/crl/" + fixture.hierarchy.issuing().id() + ".crl"),
                    revocation.source());
            assertTrue(CRL_HITS.get() > crlsBefore);
        } finally {
            OCSP_UP.set(true);
        }
    }

    @Test
    void anUnreachableResponderIsIndeterminateWithTheReason() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        VerifyFixture elsewhere = new VerifyFixture(Files.createDirectories(dir.resolve("elsewhere")),
                "http://127.0.0.1:" + closed);
        Path pdf = elsewhere.sealed(elsewhere.notice("notice.pdf"), elsewhere.seal("敦煌市行政服务中心", "受理专用章"),
                PadesLevel.B_T, "unreachable.pdf");
        long started = System.nanoTime();
        VerificationReport report = PdfVerifier.verify(pdf, elsewhere.policy().withOnlineRevocation(
                new OnlineRevocationChecker(Duration.ofSeconds(2), Duration.ofSeconds(3), Clock.systemUTC())));
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos());
        assertEquals(Indication.INDETERMINATE, report.indication(), report.toString());
        assertEquals(Optional.of(SubIndication.TRY_LATER), report.subIndication());
        String errors = report.signatures().get(0).errors().toString();
        assertTrue(errors.contains("could not be fetched") && errors.contains("OCSP http://127.0.0.1:" + closed
                + "/pki/ocsp: unreachable") && errors.contains("CRL http://127.0.0.1:" + closed), errors);
        assertTrue(report.summary().startsWith("无法确认有效"), report.summary());
    }

    @Test
    void onlyHttpUrlsAreTaken() {
        assertTrue(OnlineRevocationChecker.urls(fixture.root(), true).stream()
                .allMatch(u -> u.startsWith("http://") || u.startsWith("https://")));
        assertTrue(OnlineRevocationChecker.urls(fixture.hierarchy.issuing().certificate(), false).stream()
                .allMatch(u -> u.startsWith(base)));
    }
}
