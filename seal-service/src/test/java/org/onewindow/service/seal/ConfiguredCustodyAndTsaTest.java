package org.onewindow.service.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.onewindow.service.seal.SealHttp.ADMIN;
import static org.onewindow.service.seal.SealHttp.json;
import static org.onewindow.service.seal.SealHttp.postJson;
import static org.onewindow.service.seal.SealHttp.text;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.Application;
import org.onewindow.service.config.Config;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.identity.Role;
import org.onewindow.service.keys.KeyCustody;
import org.onewindow.service.keys.KeyRef;
import org.onewindow.service.keys.Pkcs11CustodyConfig;
import org.onewindow.service.keys.Pkcs11KeyCustody;
import org.onewindow.service.keys.SoftHsmToken;
import org.onewindow.service.pki.TimeStamper;

/**
 * The configuration paths of key custody and time-stamping, end to end: an application started with
 * {@code ONEWINDOW_SEAL_CUSTODY=pkcs11} on a SoftHSM2 token the test initialized generates its seal keys in the
 * token (non-extractable, checked with {@code pkcs11-tool}), signs through them and rotates them; a second
 * application with {@code ONEWINDOW_TSA_URL} pointing at the first one's {@code /pki/tsa} gets its time-stamps from
 * there.
 */
class ConfiguredCustodyAndTsaTest {
    private static final Path PKCS11_TOOL = Path.of("/usr/bin/pkcs11-tool");

    @TempDir
    static Path dir;

    static Pkcs11CustodyConfig token;
    static Application hsmApp;

    @BeforeAll
    static void start() throws Exception {
        token = SoftHsmToken.config();
        Path pinFile = dir.resolve("pin");
        Files.writeString(pinFile, SoftHsmToken.PIN + "\n", StandardCharsets.UTF_8);
        Map<String, String> env = new HashMap<>(SealHttp.env(dir.resolve("hsm-data"), "ec-p256"));
        env.put(Config.DEMO_SEALS, "true");
        env.put(Config.SEAL_CUSTODY, "pkcs11");
        env.put(Config.PKCS11_LIBRARY, SoftHsmToken.MODULE.toString());
        env.put(Config.PKCS11_SLOT, Long.toString(token.slot()));
        env.put(Config.PKCS11_PIN_FILE, pinFile.toString());
        hsmApp = SealHttp.start(env);
    }

    @AfterAll
    static void stop() {
        if (hsmApp != null) {
            hsmApp.stop();
        }
    }

    private static Principal approver() {
        return new Principal("center", "center", Set.of(Role.CENTER_APPROVER), null, "test");
    }

    @Test
    void seededSealKeysAreInTheTokenNotExtractableAndSign() throws Exception {
        SealServices seals = hsmApp.seals();
        KeyCustody custody = seals.custodies().defaultCustody();
        assertTrue(custody instanceof Pkcs11KeyCustody, custody.describe());
        List<Seal> all = seals.registry().list();
        assertTrue(all.size() >= 3, "seeded seals: " + all.size());
        List<String> aliases = custody.aliases();
        for (Seal seal : all) {
            KeyRef key = seal.certificate().key();
            assertEquals("hsm", key.custody(), seal.id());
            assertTrue(aliases.contains(key.alias()), key + " in " + aliases);
        }
        // the demo PKI's own keys stay in PKCS#12
        assertNotEquals("hsm", seals.pki().demo().tsa().custody());
        assertNotEquals("hsm", seals.pki().demo().ocspSigner().custody());

        String alias = seals.registry().get(SealSeeder.CENTER_APPROVAL).certificate().key().alias();
        String objects = pkcs11Tool("--list-objects", "--type", "privkey");
        // SunPKCS11 stores the alias as the object's CKA_ID
        String id = java.util.HexFormat.of().formatHex(alias.getBytes(StandardCharsets.UTF_8));
        int at = objects.indexOf("ID:         " + id);
        assertTrue(at >= 0, "no private key with the id of " + alias + " (" + id + ") in:\n" + objects);
        int end = objects.indexOf("Private Key Object", at);
        String block = objects.substring(at, end < 0 ? objects.length() : end);
        assertTrue(block.contains("never extractable") && block.contains("sensitive"), block);

        SigningIdentity identity = seals.registry().signingIdentity(approver(), SealSeeder.CENTER_APPROVAL,
                SealAuthorizer.UseContext.none());
        assertTrue(identity.custody() instanceof Pkcs11KeyCustody);
        byte[] message = "审批专用章 PKCS#11".getBytes(StandardCharsets.UTF_8);
        byte[] signature = identity.signer().signDigest(
                MessageDigest.getInstance(identity.signer().digestAlgorithmName()).digest(message));
        assertTrue(verifies(identity, message, signature));
        assertFalse(verifies(identity, "other".getBytes(StandardCharsets.UTF_8), signature));
    }

    @Test
    void rotationUnderPkcs11MakesANewTokenKeyAndDestroysTheOld() throws Exception {
        KeyCustody custody = hsmApp.seals().custodies().defaultCustody();
        String id = "center-acceptance";
        KeyRef oldKey = hsmApp.seals().registry().get(id).certificate().key();
        var rotated = postJson(hsmApp.port(), "/api/seals/" + id + "/rotate", ADMIN, Map.of("keyType", "ec-p256"));
        assertEquals(200, rotated.statusCode(), text(rotated));
        JsonNode after = json(rotated);
        KeyRef newKey = KeyRef.parse(after.path("key").asText());
        assertEquals("hsm", newKey.custody());
        assertNotEquals(oldKey, newKey);
        assertTrue(custody.contains(newKey));
        assertFalse(custody.contains(oldKey), "the old key is destroyed");

        SigningIdentity identity = hsmApp.seals().registry().signingIdentity(
                new Principal("clerk", "clerk", Set.of(Role.WINDOW_CLERK), null, "test"), id, SealAuthorizer.UseContext.none());
        assertEquals(newKey, identity.key());
        byte[] message = "受理专用章 after rotation".getBytes(StandardCharsets.UTF_8);
        assertTrue(verifies(identity, message, identity.signer().sign(message)));
    }

    @Test
    void externalTsaUrlIsUsedForTimeStamps() throws Exception {
        assertTrue(hsmApp.seals().timeStamper().describe().startsWith("local TSA"));
        URI tsaUrl = URI.create("http://127.0.0.1:" + hsmApp.port() + "/pki/tsa");
        Map<String, String> env = new HashMap<>(SealHttp.env(dir.resolve("tsa-client-data"), "ec-p256"));
        env.put(Config.DEMO_SEALS, "false");
        env.put(Config.TSA_URL, tsaUrl.toString());
        Application client = SealHttp.start(env);
        try {
            TimeStamper stamper = client.seals().timeStamper();
            assertEquals("TSA " + tsaUrl, stamper.describe());
            byte[] digest = MessageDigest.getInstance("SHA-256").digest("盖章".getBytes(StandardCharsets.UTF_8));
            TimeStampToken stamp = new TimeStampToken(new CMSSignedData(stamper.timeStampToken("SHA-256", digest)));
            assertArrayEquals(digest, stamp.getTimeStampInfo().getMessageImprintDigest());
            // signed by the other application's TSA (each application has its own demo PKI), and valid
            X509Certificate remoteTsa = hsmApp.seals().pki().tsa().chain().get(0);
            X509Certificate ownTsa = client.seals().pki().tsa().chain().get(0);
            assertNotEquals(remoteTsa, ownTsa);
            assertEquals(remoteTsa.getSerialNumber(), stamp.getSID().getSerialNumber());
            stamp.validate(new JcaSimpleSignerInfoVerifierBuilder().build(remoteTsa));
        } finally {
            client.stop();
        }
    }

    private static boolean verifies(SigningIdentity identity, byte[] message, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance(identity.algorithm().jcaName());
        verifier.initVerify(identity.chain().get(0).getPublicKey());
        verifier.update(message);
        return verifier.verify(signature);
    }

    private static String pkcs11Tool(String... args) throws IOException, InterruptedException {
        if (!Files.isExecutable(PKCS11_TOOL)) {
            throw new IllegalStateException("pkcs11-tool is missing: install the Debian package opensc");
        }
        List<String> command = new java.util.ArrayList<>(List.of(PKCS11_TOOL.toString(), "--module",
                SoftHsmToken.MODULE.toString(), "--slot", Long.toString(token.slot()), "--login", "--pin",
                SoftHsmToken.PIN));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "pkcs11-tool did not finish");
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
