package org.onewindow.service.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.onewindow.service.seal.SealHttp.ADMIN;
import static org.onewindow.service.seal.SealHttp.CLERK;
import static org.onewindow.service.seal.SealHttp.get;
import static org.onewindow.service.seal.SealHttp.postJson;
import static org.onewindow.service.seal.SealHttp.text;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.Application;
import org.onewindow.service.config.Config;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.identity.Role;
import org.onewindow.service.keys.Sm2;
import org.onewindow.service.pki.DemoPki;
import org.onewindow.service.pki.Pem;
import org.onewindow.service.ses.SesFailure;
import org.onewindow.service.ses.SesSeal;
import org.onewindow.service.ses.SesSealParser;
import org.onewindow.service.ses.SesSeals;
import org.onewindow.service.ses.SesVerification;
import org.onewindow.service.ses.SesVersion;
import org.onewindow.service.ses.Sm2SealIdentity;
import org.onewindow.storage.fs.FileSystemObjectStore;

/** A registry seal's SM2 certificate and GB/T 38540 seal over HTTP, following the seal's status. */
class SesSealHttpTest {
    @TempDir
    static Path dataDir;
    static Application app;
    static int port;

    @BeforeAll
    static void start() {
        Map<String, String> env = new HashMap<>(SealHttp.env(dataDir, "ec-p256"));
        env.put(Config.DEMO_SEALS, "false");
        app = SealHttp.start(env);
        port = app.port();
        HttpResponse<byte[]> created = postJson(port, "/api/seals", ADMIN, Map.of("id", "ses-probe", "kind",
                "ACCEPTANCE"));
        assertEquals(201, created.statusCode(), text(created));
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    private static SesSeals sesSeals() {
        return new SesSeals(app.seals(), new FileSystemObjectStore(dataDir), Clock.systemUTC());
    }

    @Test
    void theSealComesAsAVerifiableVersion4SealWithItsSm2Certificate() throws Exception {
        HttpResponse<byte[]> ses = get(port, "/api/seals/ses-probe/ses", CLERK);
        assertEquals(200, ses.statusCode(), text(ses));
        SesSeal seal = SesSealParser.parse(ses.body());
        assertEquals(SesVersion.V4, seal.version());
        assertEquals("ses-probe", seal.esId());
        assertEquals("png", seal.pictureType());
        assertArrayEquals(get(port, "/api/seals/ses-probe/image.png", CLERK).body(), seal.picture());
        assertEquals(40, seal.widthMm());

        HttpResponse<byte[]> chainPem = get(port, "/api/seals/ses-probe/sm2-chain.pem", CLERK);
        assertEquals(200, chainPem.statusCode());
        List<X509Certificate> chain = Pem.certificates(chainPem.body());
        assertEquals(3, chain.size());
        X509Certificate signer = chain.get(0);
        assertTrue(Sm2.isSm2Key(signer.getPublicKey()));
        assertEquals(Sm2.SM3_WITH_SM2_OID, signer.getSigAlgOID());
        assertEquals(app.seals().registry().get("ses-probe").certificate().subject(),
                signer.getSubjectX500Principal().getName());
        assertArrayEquals(signer.getEncoded(), seal.certificates().get(0));
        assertEquals(app.seals().pki().sm2().root().certificate(), chain.get(2));
        // stored: the same bytes again
        assertArrayEquals(ses.body(), get(port, "/api/seals/ses-probe/ses", CLERK).body());

        SesVerification result = sesSeals().verifier().verify(seal, signer, Instant.now());
        assertTrue(result.valid(), result.toString());

        assertEquals(401, get(port, "/api/seals/ses-probe/ses", null).statusCode());
        assertEquals(404, get(port, "/api/seals/no-such-seal/ses", CLERK).statusCode());
    }

    @Test
    void theSm2CertificateFollowsTheSealStatusAndSignsForAnAuthorizedUse() throws Exception {
        HttpResponse<byte[]> created = postJson(port, "/api/seals", ADMIN, Map.of("id", "ses-status", "kind",
                "ACCEPTANCE"));
        assertEquals(201, created.statusCode(), text(created));
        SesSeals seals = sesSeals();
        Principal clerk = new Principal("clerk", "clerk", Set.of(Role.WINDOW_CLERK), null, "test");
        SigningIdentity authorized = app.seals().registry().signingIdentity(clerk, "ses-status",
                new SealAuthorizer.UseContext("req-1", "test"));
        Sm2SealIdentity identity = seals.signingIdentity(authorized);
        byte[] message = "电子签章测试".getBytes(StandardCharsets.UTF_8);
        assertTrue(Sm2.verify(identity.certificate().getPublicKey(), message, identity.signer().sign(message)));
        SesSeal seal = SesSealParser.parse(identity.sesSeal());
        assertTrue(seals.verifier().verify(seal, identity.certificate(), Instant.now()).valid());

        assertEquals(200, postJson(port, "/api/seals/ses-status/suspend", ADMIN, Map.of("reason", "测试")).statusCode());
        seals.sm2Certificate("ses-status"); // any read brings the SM2 certificate in step
        SesVerification suspended = seals.verifier().verify(seal, identity.certificate(), Instant.now());
        assertEquals(List.of(SesFailure.SIGNER_REVOKED), suspended.failures().stream().map(f -> f.reason()).toList());
        assertTrue(suspended.failures().get(0).message().contains("suspended"), suspended.toString());

        assertEquals(200, postJson(port, "/api/seals/ses-status/resume", ADMIN, Map.of()).statusCode());
        seals.sm2Certificate("ses-status");
        assertTrue(seals.verifier().verify(seal, identity.certificate(), Instant.now()).valid());
        assertTrue(app.seals().pki().cas().find(DemoPki.SM2_ISSUING_ID).isPresent());
    }
}
