package org.onewindow.service.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.keys.KeyImportException;
import org.onewindow.service.keys.KeyRef;
import org.onewindow.service.keys.KeySpec;
import org.onewindow.service.keys.Pkcs12CustodyConfig;
import org.onewindow.service.keys.Pkcs12KeyCustody;
import org.onewindow.service.keys.SecretSource;
import org.onewindow.service.keys.SignatureAlgorithm;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.fs.FileSystemObjectStore;

/** Certificate contents per kind, and the import path. */
class CertificateProfilesTest {
    @TempDir
    static Path temp;
    static ObjectStore store;
    static PkiFixture pki;

    @BeforeAll
    static void setUp() {
        store = new FileSystemObjectStore(temp.resolve("store"));
        pki = new PkiFixture(new Pkcs12KeyCustody(store, Pkcs12CustodyConfig.defaults(SecretSource.environment("P")),
                Map.of("P", "profiles-passphrase")), new ObjectStorePkiStateRepository(store));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void sealEkuListIsConfigurableAndSubjectIsUtf8() throws Exception {
        KeyRef key = pki.custody.generateKey("eku", KeySpec.EC_P256);
        List<String> ekus = List.of(ExtendedKeyUsages.DOCUMENT_SIGNING, ExtendedKeyUsages.ADOBE_AUTHENTIC_DOCUMENTS,
                ExtendedKeyUsages.EMAIL_PROTECTION);
        X509Certificate seal = pki.hierarchy.issuing().issueAndInstall(new CertificateRequest(CertificateKind.SEAL,
                new CertificateSubject("食药监局电子印章", CertificateSubject.CENTER, "食药监局", null),
                pki.custody.publicKey(key), Duration.ofDays(365), ekus), pki.custody, key);
        assertEquals(ekus, seal.getExtendedKeyUsage());
        assertFalse(seal.getCriticalExtensionOIDs().contains("2.5.29.37"));
        assertTrue(seal.getCriticalExtensionOIDs().contains("2.5.29.15"), "keyUsage is critical");
        boolean[] usage = seal.getKeyUsage();
        assertTrue(usage[0] && usage[1] && !usage[5] && !usage[6]);
        assertEquals(-1, seal.getBasicConstraints());
        var subject = new X509CertificateHolder(seal.getEncoded()).getSubject();
        ASN1Primitive cn = subject.getRDNs(BCStyle.CN)[0].getFirst().getValue().toASN1Primitive();
        assertTrue(cn instanceof DERUTF8String, cn.getClass().toString());
        assertEquals("食药监局电子印章", cn.toString());
        assertEquals("食药监局", subject.getRDNs(BCStyle.OU)[0].getFirst().getValue().toString());
        // The custody now holds the full chain with the key.
        assertEquals(List.of(seal, pki.hierarchy.issuing().certificate(), pki.hierarchy.root().certificate()),
                pki.custody.certificateChain(key));
        CertificateChains.validate(pki.custody.certificateChain(key), List.of(pki.hierarchy.root().certificate()),
                Clock.systemUTC().instant());
    }

    @Test
    void serviceCertificatesHaveTheirFixedProfiles() throws Exception {
        X509Certificate tsa = pki.tsa.chain().get(0);
        assertEquals(List.of(ExtendedKeyUsages.TIME_STAMPING), tsa.getExtendedKeyUsage());
        assertTrue(tsa.getCriticalExtensionOIDs().contains("2.5.29.37"), "TSA EKU must be critical");
        X509Certificate ocsp = pki.custody.certificateChain(pki.hierarchy.ocspSigner()).get(0);
        assertEquals(List.of(ExtendedKeyUsages.OCSP_SIGNING), ocsp.getExtendedKeyUsage());
        assertNotNull(ocsp.getExtensionValue("1.3.6.1.5.5.7.48.1.5"), "id-pkix-ocsp-nocheck");
        X509Certificate issuing = pki.hierarchy.issuing().certificate();
        assertEquals(0, issuing.getBasicConstraints());
        assertTrue(issuing.getKeyUsage()[5] && issuing.getKeyUsage()[6], "keyCertSign, cRLSign");
        assertTrue(issuing.getSubjectX500Principal().getName().contains("演示签发CA (DEMO)"));
        assertTrue(issuing.getNotAfter().before(pki.hierarchy.root().certificate().getNotAfter())
                || issuing.getNotAfter().equals(pki.hierarchy.root().certificate().getNotAfter()));

        // Validity is capped at the CA's own end.
        KeyRef key = pki.custody.generateKey("long", KeySpec.EC_P256);
        X509Certificate longLived = pki.hierarchy.issuing().issue(CertificateRequest.seal(
                new CertificateSubject("长期章", CertificateSubject.CENTER), pki.custody.publicKey(key),
                Duration.ofDays(365L * 50)));
        assertEquals(issuing.getNotAfter(), longLived.getNotAfter());

        // Keys without the right certificate are refused for TSA and OCSP duty.
        assertThrows(IllegalArgumentException.class, () -> new TimeStampAuthority(pki.custody, pki.hierarchy.ocspSigner(),
                TsaConfig.defaults(), Clock.systemUTC()));
        assertThrows(IllegalArgumentException.class,
                () -> OcspResponder.Identity.delegated(pki.hierarchy.issuing(), pki.custody, pki.hierarchy.tsa()));
        assertThrows(IllegalArgumentException.class,
                () -> OcspResponder.Identity.delegated(pki.hierarchy.root(), pki.custody, pki.hierarchy.ocspSigner()));
    }

    @Test
    void importsASealIssuedByAnotherCaAfterValidatingItsChain() throws Exception {
        CertificateAuthority otherRoot = foreignRoot("ext-root");
        KeyPair pair = generate();
        X509Certificate seal = otherRoot.issue(CertificateRequest.seal(new CertificateSubject("外部章", "外部机构"),
                pair.getPublic(), Duration.ofDays(30)));
        byte[] p12 = pkcs12(pair, List.of(seal, otherRoot.certificate()), "ext-pass");
        PkiImport imports = new PkiImport(pki.repository, Clock.systemUTC());

        PkiImportException untrusted = assertThrows(PkiImportException.class, () -> imports.importSeal(pki.custody,
                "ext-seal", p12, "ext-pass".toCharArray(), List.of(pki.hierarchy.root().certificate())));
        assertTrue(untrusted.getMessage().contains("does not validate"), untrusted.getMessage());
        assertFalse(pki.custody.contains(new KeyRef("pkcs12", "ext-seal")), "nothing stored for a rejected import");
        assertThrows(KeyImportException.class, () -> imports.importSeal(pki.custody, "ext-seal", p12,
                "wrong".toCharArray(), List.of(otherRoot.certificate())));

        imports.importTrustedChain("ext-root", List.of(otherRoot.certificate()));
        KeyRef ref = imports.importSeal(pki.custody, "ext-seal", p12, "ext-pass".toCharArray(), imports.trustedRoots());
        assertEquals(seal, pki.custody.certificateChain(ref).get(0));
        byte[] signature = pki.custody.sign(ref, SignatureAlgorithm.SHA256_WITH_ECDSA, new byte[] {7});
        java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(seal.getPublicKey());
        verifier.update(new byte[] {7});
        assertTrue(verifier.verify(signature));
        assertFalse(pki.cas.records().stream().filter(r -> r.caId().equals("ext-root")).findFirst().orElseThrow()
                .holdsKey());
        assertThrows(CaNotFoundException.class, () -> pki.crls.crl("ext-root"), "no CRL for a CA we do not operate");
    }

    @Test
    void importsAnOperatedCaThatThenIssuesAndPublishesCrls() throws Exception {
        CertificateAuthority provincialRoot = foreignRoot("prov-root");
        KeyPair caPair = generate();
        X509Certificate caCert = provincialRoot.issue(new CertificateRequest(CertificateKind.SUBORDINATE_CA,
                new CertificateSubject("省级电子印章CA (TEST)", "省政务服务中心"), caPair.getPublic(),
                Duration.ofDays(365), null));
        byte[] p12 = pkcs12(caPair, List.of(caCert, provincialRoot.certificate()), "ca-pass");
        PkiImport imports = new PkiImport(pki.repository, Clock.systemUTC());
        assertThrows(PkiImportException.class, () -> imports.importTrustedChain("broken",
                List.of(caCert, pki.hierarchy.root().certificate())));
        CaRecord record = imports.importOperatedCa("prov-ca", pki.custody, "prov-ca-key", p12, "ca-pass".toCharArray());
        assertEquals(CertificateKind.SUBORDINATE_CA, record.kind());

        CertificateAuthority imported = pki.cas.get("prov-ca");
        KeyRef sealKey = pki.custody.generateKey("prov-seal", KeySpec.RSA_2048);
        X509Certificate seal = imported.issueAndInstall(CertificateRequest.seal(
                new CertificateSubject("受理专用章", CertificateSubject.CENTER), pki.custody.publicKey(sealKey),
                Duration.ofDays(90)), pki.custody, sealKey);
        CertificateChains.validate(pki.custody.certificateChain(sealKey), List.of(provincialRoot.certificate()),
                Clock.systemUTC().instant());
        pki.registry.revoke("prov-ca", seal.getSerialNumber(), RevocationReason.AFFILIATION_CHANGED);
        X509CRL crl = (X509CRL) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCRL(new java.io.ByteArrayInputStream(pki.crls.crl("prov-ca")));
        crl.verify(caCert.getPublicKey());
        assertNotNull(crl.getRevokedCertificate(seal.getSerialNumber()));
    }

    private static CertificateAuthority foreignRoot(String id) {
        InMemoryPkiStateRepository repository = new InMemoryPkiStateRepository();
        KeyRef key = pki.custody.generateKey(id + "-key", KeySpec.EC_P256);
        return CertificateAuthority.createRoot(id, new CertificateSubject(id + " 测试根CA (TEST)", "外部机构"), key,
                pki.custody, Duration.ofDays(3650), false, repository,
                new RevocationRegistry(repository, Clock.systemUTC()), PkiFixture.URLS, Clock.systemUTC());
    }

    private static KeyPair generate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static byte[] pkcs12(KeyPair pair, List<X509Certificate> chain, String passphrase) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("entry", pair.getPrivate(), passphrase.toCharArray(), chain.toArray(new Certificate[0]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        keyStore.store(out, passphrase.toCharArray());
        return out.toByteArray();
    }
}
