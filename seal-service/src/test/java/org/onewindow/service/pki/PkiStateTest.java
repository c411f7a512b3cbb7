package org.onewindow.service.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.keys.KeyRef;
import org.onewindow.service.keys.KeySpec;
import org.onewindow.service.keys.Pkcs12CustodyConfig;
import org.onewindow.service.keys.Pkcs12KeyCustody;
import org.onewindow.service.keys.SecretSource;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.fs.FileSystemObjectStore;

/** PKI state in the object store: persistence, two service instances on one store, status transitions. */
class PkiStateTest {
    @TempDir
    Path temp;
    ObjectStore store;

    @BeforeEach
    void open() {
        store = new FileSystemObjectStore(temp.resolve("store"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** One service instance: its own custody, repository and caches over the shared store. */
    PkiFixture instance() {
        Pkcs12KeyCustody custody = new Pkcs12KeyCustody(store,
                Pkcs12CustodyConfig.defaults(SecretSource.environment("P")), Map.of("P", "state-test-passphrase"));
        return new PkiFixture(custody, new ObjectStorePkiStateRepository(store));
    }

    static X509Certificate seal(PkiFixture pki, String alias) {
        KeyRef key = pki.custody.generateKey(alias, KeySpec.EC_P256);
        return pki.hierarchy.issuing().issueAndInstall(CertificateRequest.seal(
                new CertificateSubject("审批专用章", CertificateSubject.CENTER), pki.custody.publicKey(key),
                Duration.ofDays(30)), pki.custody, key);
    }

    @Test
    void stateIsStoredAsJsonAndPemUnderPki() throws Exception {
        PkiFixture first = instance();
        assertTrue(store.head("pki/ca/demo-root/ca.json").isPresent());
        assertTrue(store.head("pki/ca/demo-issuing/ca.json").isPresent());
        assertTrue(store.head("pki/ca/demo-root/index.json").isPresent(), "the root's index lists the issuing CA");
        assertTrue(store.head("pki/doc/demo-hierarchy.json").isPresent());
        String ca = new String(store.readAllBytes("pki/ca/demo-issuing/ca.json"), StandardCharsets.UTF_8);
        assertTrue(ca.contains("-----BEGIN CERTIFICATE-----") && ca.contains("\"keyRef\" : \"pkcs12:pki-demo-issuing\""), ca);
        String index = new String(store.readAllBytes("pki/ca/demo-issuing/index.json"), StandardCharsets.UTF_8);
        assertTrue(index.contains("\"kind\" : \"OCSP_SIGNER\"") && index.contains("\"kind\" : \"TIME_STAMPING\""), index);
        assertEquals(DemoPki.ROOT_SUBJECT.toX500Name().toString(),
                new X509CertificateHolder(first.hierarchy.root().certificate().getEncoded()).getSubject().toString());
        assertTrue(first.hierarchy.root().certificate().getSubjectX500Principal().getName().contains("演示根CA (DEMO)"));
    }

    @Test
    void aSecondInstanceReusesTheHierarchyAndSeesRevocationsAtOnce() throws Exception {
        PkiFixture a = instance();
        PkiFixture b = instance();
        assertEquals(a.hierarchy.root().certificate(), b.hierarchy.root().certificate());
        assertEquals(a.hierarchy.issuing().certificate(), b.hierarchy.issuing().certificate());
        assertEquals(List.of("pki-demo-issuing", "pki-demo-ocsp", "pki-demo-root", "pki-demo-tsa"), a.custody.aliases());

        X509Certificate seal = seal(a, "seal-shared");
        assertEquals(org.bouncycastle.cert.ocsp.CertificateStatus.GOOD, ocsp(b, seal));
        a.registry.suspend("demo-issuing", seal.getSerialNumber());
        RevokedStatus held = (RevokedStatus) ocsp(b, seal);
        assertEquals(CRLReason.certificateHold, held.getRevocationReason());
        X509CRL crl = crl(b);
        assertEquals(CRLReason.certificateHold, reason(crl.getRevokedCertificate(seal.getSerialNumber())));
        b.registry.revoke("demo-issuing", seal.getSerialNumber(), RevocationReason.CESSATION_OF_OPERATION);
        assertEquals(CRLReason.cessationOfOperation, ((RevokedStatus) ocsp(a, seal)).getRevocationReason());
        assertEquals(CRLReason.cessationOfOperation, reason(crl(a).getRevokedCertificate(seal.getSerialNumber())));
        assertInstanceOf(UnknownStatus.class, ocsp(a, seal.getSerialNumber().add(BigInteger.ONE), seal));
    }

    @Test
    void concurrentWritersOnTwoInstancesLoseNothing() throws Exception {
        PkiFixture a = instance();
        PkiFixture b = instance();
        List<X509Certificate> issued = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            issued.add(seal(a, "c" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < issued.size(); i++) {
                PkiFixture writer = i % 2 == 0 ? a : b;
                BigInteger serial = issued.get(i).getSerialNumber();
                boolean revoke = i % 3 == 0;
                futures.add(pool.submit(() -> revoke
                        ? writer.registry.revoke("demo-issuing", serial, RevocationReason.SUPERSEDED)
                        : writer.registry.suspend("demo-issuing", serial)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        X509CRL crl = crl(b);
        for (int i = 0; i < issued.size(); i++) {
            X509CRLEntry entry = crl.getRevokedCertificate(issued.get(i).getSerialNumber());
            assertTrue(entry != null, "certificate " + i + " must be on the CRL");
            assertEquals(i % 3 == 0 ? CRLReason.superseded : CRLReason.certificateHold, reason(entry));
        }
    }

    @Test
    void statusTransitionsFollowRfc5280() {
        PkiFixture pki = instance();
        X509Certificate seal = seal(pki, "transitions");
        BigInteger serial = seal.getSerialNumber();
        String ca = "demo-issuing";
        assertInstanceOf(CertificateStatus.Good.class, pki.registry.status(ca, serial));
        assertThrows(RevocationStateException.class, () -> pki.registry.reinstate(ca, serial));
        pki.registry.suspend(ca, serial);
        assertInstanceOf(CertificateStatus.Suspended.class, pki.registry.status(ca, serial));
        assertThrows(RevocationStateException.class, () -> pki.registry.suspend(ca, serial));
        pki.registry.reinstate(ca, serial);
        assertInstanceOf(CertificateStatus.Good.class, pki.registry.status(ca, serial));
        pki.registry.suspend(ca, serial);
        pki.registry.revoke(ca, serial, RevocationReason.KEY_COMPROMISE);
        CertificateStatus.Revoked revoked = (CertificateStatus.Revoked) pki.registry.status(ca, serial);
        assertEquals(RevocationReason.KEY_COMPROMISE, revoked.reason());
        assertThrows(RevocationStateException.class, () -> pki.registry.revoke(ca, serial, RevocationReason.UNSPECIFIED));
        assertThrows(RevocationStateException.class, () -> pki.registry.suspend(ca, serial));
        assertThrows(RevocationStateException.class, () -> pki.registry.reinstate(ca, serial));
        assertThrows(CertificateNotFoundException.class, () -> pki.registry.suspend(ca, BigInteger.TEN));
        assertInstanceOf(CertificateStatus.Unknown.class, pki.registry.status(ca, BigInteger.TEN));
        assertThrows(CaNotFoundException.class, () -> pki.crls.crl("no-such-ca"));
    }

    static X509CRL crl(PkiFixture pki) throws Exception {
        X509CRL crl = (X509CRL) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCRL(new java.io.ByteArrayInputStream(pki.crls.crl("demo-issuing")));
        crl.verify(pki.hierarchy.issuing().certificate().getPublicKey());
        return crl;
    }

    static int reason(X509CRLEntry entry) {
        return entry.getRevocationReason() == null ? 0 : entry.getRevocationReason().ordinal();
    }

    static org.bouncycastle.cert.ocsp.CertificateStatus ocsp(PkiFixture pki, X509Certificate certificate)
            throws Exception {
        return ocsp(pki, certificate.getSerialNumber(), certificate);
    }

    static org.bouncycastle.cert.ocsp.CertificateStatus ocsp(PkiFixture pki, BigInteger serial,
                                                             X509Certificate certificate) throws Exception {
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new X509CertificateHolder(pki.hierarchy.issuing().certificate().getEncoded()), serial);
        OCSPResp response = new OCSPResp(pki.ocsp.respond(new OCSPReqBuilder().addRequest(id).build().getEncoded()));
        assertEquals(OCSPResp.SUCCESSFUL, response.getStatus());
        BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
        assertTrue(basic.isSignatureValid(new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder()
                .build(basic.getCerts()[0])));
        return basic.getResponses()[0].getCertStatus();
    }
}
