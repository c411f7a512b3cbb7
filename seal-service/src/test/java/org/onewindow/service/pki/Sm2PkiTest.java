package org.onewindow.service.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.keys.KeyCustodies;
import org.onewindow.service.keys.KeyRef;
import org.onewindow.service.keys.KeySpec;
import org.onewindow.service.keys.Pkcs12CustodyConfig;
import org.onewindow.service.keys.Pkcs12KeyCustody;
import org.onewindow.service.keys.SecretSource;
import org.onewindow.service.keys.Sm2;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.fs.FileSystemObjectStore;
import org.onewindow.service.testsupport.Openssl;

/** The SM2 demo hierarchy: SM3withSM2 certificates, CRLs and OCSP responses, checked with BC and openssl 3. */
class Sm2PkiTest {
    @TempDir
    static Path temp;
    static ObjectStore store;
    static PkiServices pki;
    static Pkcs12KeyCustody custody;

    @BeforeAll
    static void start() {
        store = new FileSystemObjectStore(temp.resolve("store"));
        custody = new Pkcs12KeyCustody(store, Pkcs12CustodyConfig.defaults(SecretSource.environment("P")),
                Map.of("P", "test-storage-passphrase"));
        pki = PkiServices.start(new ObjectStorePkiStateRepository(store), KeyCustodies.of(custody), PkiFixture.URLS,
                PkiFixture.SETTINGS, TsaConfig.defaults(), Duration.ofHours(24), Duration.ofMinutes(10),
                Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static X509Certificate sm2Seal() {
        KeyRef key = custody.generateKey("sm2-seal-" + System.nanoTime(), KeySpec.SM2);
        return pki.sm2().issuing().issueAndInstall(CertificateRequest.seal(
                new CertificateSubject("受理专用章", CertificateSubject.CENTER, null, null),
                custody.publicKey(key), Duration.ofDays(365)), custody, key);
    }

    @Test
    void hierarchyIsSm3WithSm2AndSurvivesARestart() throws Exception {
        DemoPki.Sm2Hierarchy sm2 = pki.sm2();
        X509Certificate seal = sm2Seal();
        for (X509Certificate certificate : List.of(sm2.root().certificate(), sm2.issuing().certificate(), seal,
                custody.certificateChain(sm2.sealMaker()).get(0))) {
            assertEquals(Sm2.SM3_WITH_SM2_OID, certificate.getSigAlgOID());
            assertTrue(Sm2.isSm2Key(certificate.getPublicKey()));
        }
        seal.verify(sm2.issuing().certificate().getPublicKey(), Sm2.provider());
        sm2.issuing().certificate().verify(sm2.root().certificate().getPublicKey(), Sm2.provider());
        // the stored records parse again (JDK factory first, BC for SM2)
        assertEquals(sm2.issuing().certificate(), pki.cas().get(DemoPki.SM2_ISSUING_ID).certificate());
        assertTrue(pki.cas().trustedRoots().contains(sm2.root().certificate()));
        PkiServices again = PkiServices.start(pki.repository(), pki.custodies(), PkiFixture.URLS,
                PkiFixture.SETTINGS, TsaConfig.defaults(), Duration.ofHours(24), Duration.ofMinutes(10),
                Clock.systemUTC());
        assertEquals(sm2.sealMaker(), again.sm2().sealMaker());
        assertEquals(sm2.root().certificate(), again.sm2().root().certificate());
    }

    @Test
    void opensslReadsAndVerifiesTheSm2Chain() throws Exception {
        X509Certificate seal = sm2Seal();
        Path dir = Files.createDirectories(temp.resolve("openssl-chain"));
        Files.writeString(dir.resolve("root.pem"), Pem.encode(pki.sm2().root().certificate()));
        Files.writeString(dir.resolve("issuing.pem"), Pem.encode(pki.sm2().issuing().certificate()));
        Files.writeString(dir.resolve("seal.pem"), Pem.encode(seal));
        Openssl.Result text = Openssl.run(dir, "x509", "-in", "seal.pem", "-noout", "-text", "-nameopt", "utf8");
        assertTrue(text.ok() && text.output().contains("SM2-with-SM3") && text.output().contains("SM2"), text.toString());
        // openssl 3.0 applies the SM2 distinguishing id (-vfyopt distid:...) to the target certificate only and
        // checks every other SM2 certificate signature without it, so a three-level SM2 chain never verifies in one
        // call; each link does, with the default id, and fails with another id.
        Openssl.Result whole = Openssl.run(dir, "verify", "-vfyopt", "distid:1234567812345678", "-CAfile", "root.pem",
                "-untrusted", "issuing.pem", "seal.pem");
        assertFalse(whole.ok(), "openssl 3.0 learned SM2 chains: simplify this test " + whole);
        Openssl.Result issuing = Openssl.run(dir, "verify", "-vfyopt", "distid:1234567812345678", "-CAfile",
                "root.pem", "issuing.pem");
        assertTrue(issuing.ok() && issuing.output().contains("issuing.pem: OK"), issuing.toString());
        Openssl.Result leaf = Openssl.run(dir, "verify", "-vfyopt", "distid:1234567812345678", "-partial_chain",
                "-CAfile", "issuing.pem", "seal.pem");
        assertTrue(leaf.ok() && leaf.output().contains("seal.pem: OK"), leaf.toString());
        Openssl.Result wrongId = Openssl.run(dir, "verify", "-vfyopt", "distid:9999999999999999", "-partial_chain",
                "-CAfile", "issuing.pem", "seal.pem");
        assertFalse(wrongId.ok(), wrongId.toString());
    }

    /** openssl checks an SM3withSM2 signature over {@code tbs} with the issuing CA's key and the default id. */
    private static void assertOpensslVerifies(Path dir, byte[] tbs, byte[] signature) throws Exception {
        Files.write(dir.resolve("tbs.der"), tbs);
        Files.write(dir.resolve("sig.der"), signature);
        Files.writeString(dir.resolve("ca-pub.pem"), Pem.encode("PUBLIC KEY",
                pki.sm2().issuing().certificate().getPublicKey().getEncoded()));
        Openssl.Result ok = Openssl.run(dir, "dgst", "-sm3", "-verify", "ca-pub.pem", "-signature", "sig.der",
                "-sigopt", "distid:1234567812345678", "tbs.der");
        assertTrue(ok.output().contains("Verified OK"), ok.toString());
        tbs[tbs.length - 1] ^= 1;
        Files.write(dir.resolve("tbs.der"), tbs);
        Openssl.Result tampered = Openssl.run(dir, "dgst", "-sm3", "-verify", "ca-pub.pem", "-signature", "sig.der",
                "-sigopt", "distid:1234567812345678", "tbs.der");
        assertFalse(tampered.output().contains("Verified OK"), tampered.toString());
    }

    @Test
    void crlIsSignedWithSm3WithSm2AndListsRevocations() throws Exception {
        X509Certificate seal = sm2Seal();
        pki.registry().revoke(DemoPki.SM2_ISSUING_ID, seal.getSerialNumber(), RevocationReason.KEY_COMPROMISE);
        byte[] der = pki.crls().crl(DemoPki.SM2_ISSUING_ID);
        X509CRL crl = (X509CRL) java.security.cert.CertificateFactory.getInstance("X.509", Sm2.provider())
                .generateCRL(new java.io.ByteArrayInputStream(der));
        assertEquals(Sm2.SM3_WITH_SM2_OID, crl.getSigAlgOID());
        crl.verify(pki.sm2().issuing().certificate().getPublicKey(), Sm2.provider());
        assertTrue(crl.isRevoked(seal));
        Path dir = Files.createDirectories(temp.resolve("openssl-crl"));
        Files.write(dir.resolve("crl.der"), der);
        Files.writeString(dir.resolve("chain.pem"), Pem.encode(pki.sm2().issuing().certificate())
                + Pem.encode(pki.sm2().root().certificate()));
        // openssl crl -CAfile checks SM2 signatures without the distinguishing id (fails); check the signature itself
        Openssl.Result text = Openssl.run(dir, "crl", "-in", "crl.der", "-inform", "DER", "-noout", "-text");
        assertTrue(text.output().contains("SM2-with-SM3") && text.output().contains("Key Compromise"), text.toString());
        assertOpensslVerifies(dir, crl.getTBSCertList(), crl.getSignature());
    }

    @Test
    void ocspAnswersForSm2CertificatesSignedWithSm3WithSm2() throws Exception {
        X509Certificate good = sm2Seal();
        X509Certificate revoked = sm2Seal();
        pki.registry().revoke(DemoPki.SM2_ISSUING_ID, revoked.getSerialNumber(), RevocationReason.SUPERSEDED);
        X509CertificateHolder issuer = new X509CertificateHolder(pki.sm2().issuing().certificate().getEncoded());
        var digests = new JcaDigestCalculatorProviderBuilder().build();
        for (X509Certificate certificate : List.of(good, revoked)) {
            CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1), issuer,
                    certificate.getSerialNumber());
            OCSPResp response = new OCSPResp(pki.ocsp().respond(new OCSPReqBuilder().addRequest(id).build()
                    .getEncoded()));
            assertEquals(OCSPResp.SUCCESSFUL, response.getStatus());
            BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
            assertEquals(Sm2.SM3_WITH_SM2_OID, basic.getSignatureAlgOID().getId());
            assertTrue(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Sm2.provider())
                    .build(pki.sm2().issuing().certificate().getPublicKey())));
            Path dir = Files.createDirectories(temp.resolve("openssl-ocsp"));
            assertOpensslVerifies(dir, basic.getTBSResponseData(), basic.getSignature());
            Object status = basic.getResponses()[0].getCertStatus();
            if (certificate == good) {
                assertEquals(null, status);
            } else {
                assertTrue(status instanceof RevokedStatus, String.valueOf(status));
            }
        }
        assertFalse(pki.cas().operated().isEmpty());
    }

    /** The TSA class works with an SM2 key (the service's own TSA stays RSA: see docs/sm2-seals.md). */
    @Test
    void anSm2KeyedTsaIssuesSm3WithSm2TimeStamps() throws Exception {
        KeyRef key = custody.generateKey("sm2-tsa-" + System.nanoTime(), KeySpec.SM2);
        pki.sm2().issuing().issueAndInstall(new CertificateRequest(CertificateKind.TIME_STAMPING,
                new CertificateSubject("演示SM2时间戳服务 (DEMO)", CertificateSubject.CENTER), custody.publicKey(key),
                Duration.ofDays(365), null), custody, key);
        TimeStampAuthority tsa = new TimeStampAuthority(custody, key, TsaConfig.defaults(), Clock.systemUTC());
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest("受理通知书".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] token = TimeStamper.local(tsa).timeStampToken("SHA-256", digest);
        var timeStamp = new org.bouncycastle.tsp.TimeStampToken(new org.bouncycastle.cms.CMSSignedData(token));
        assertEquals(Sm2.SM3_WITH_SM2_OID, timeStamp.toCMSSignedData().getSignerInfos().getSigners().iterator().next()
                .getEncryptionAlgOID());
        timeStamp.validate(new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder()
                .setProvider(Sm2.provider()).build(custody.certificateChain(key).get(0)));
        assertTrue(java.util.Arrays.equals(digest, timeStamp.getTimeStampInfo().getMessageImprintDigest()));
    }

    /** Chain validation used by imports (PkiImport) accepts SM2 chains and still rejects a foreign root. */
    @Test
    void importValidationAcceptsSm2Chains() {
        X509Certificate seal = sm2Seal();
        CertificateChains.validate(List.of(seal, pki.sm2().issuing().certificate()),
                List.of(pki.sm2().root().certificate()), java.time.Instant.now());
        PkiImportException foreign = org.junit.jupiter.api.Assertions.assertThrows(PkiImportException.class,
                () -> CertificateChains.validate(List.of(seal, pki.sm2().issuing().certificate()),
                        List.of(pki.demo().root().certificate()), java.time.Instant.now()));
        assertTrue(foreign.getMessage().contains("does not validate"), foreign.getMessage());
    }
}
