package org.onewindow.service.ses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ofdrw.gm.ses.v1.SES_ESPictrueInfo;
import org.ofdrw.gm.ses.v1.SES_ESPropertyInfo;
import org.ofdrw.gm.ses.v1.SES_Header;
import org.ofdrw.gm.ses.v1.SES_SealInfo;
import org.ofdrw.gm.ses.v1.SES_SignInfo;
import org.onewindow.service.keys.KeyCustodies;
import org.onewindow.service.keys.KeyRef;
import org.onewindow.service.keys.KeySpec;
import org.onewindow.service.keys.Pkcs12CustodyConfig;
import org.onewindow.service.keys.Pkcs12KeyCustody;
import org.onewindow.service.keys.SecretSource;
import org.onewindow.service.keys.SignatureAlgorithm;
import org.onewindow.service.keys.Sm2;
import org.onewindow.service.pki.CertificateRequest;
import org.onewindow.service.pki.CertificateSubject;
import org.onewindow.service.pki.DemoPki;
import org.onewindow.service.pki.ObjectStorePkiStateRepository;
import org.onewindow.service.pki.PkiServices;
import org.onewindow.service.pki.PkiUrls;
import org.onewindow.service.pki.RevocationReason;
import org.onewindow.service.pki.TimeStamper;
import org.onewindow.service.pki.TsaConfig;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.fs.FileSystemObjectStore;
import org.onewindow.service.testsupport.Openssl;

/** GB/T 38540 seals: making, parsing every version, and every check of the verifier failing for its reason. */
class SesSealTest {
    private static final byte[] PNG = pngLike();

    @TempDir
    static Path temp;
    static ObjectStore store;
    static Pkcs12KeyCustody custody;
    static PkiServices pki;
    static SesSealMaker maker;
    static SesSealVerifier verifier;
    static X509Certificate signer;

    @BeforeAll
    static void start() {
        store = new FileSystemObjectStore(temp.resolve("store"));
        custody = new Pkcs12KeyCustody(store, Pkcs12CustodyConfig.defaults(SecretSource.environment("P")),
                Map.of("P", "test-storage-passphrase"));
        pki = PkiServices.start(new ObjectStorePkiStateRepository(store), KeyCustodies.of(custody),
                new PkiUrls("https://zwfw.example.cn/"), new DemoPki.Settings(KeySpec.RSA_2048, KeySpec.EC_P256,
                        Duration.ofDays(3650), Duration.ofDays(1825), Duration.ofDays(365)),
                TsaConfig.defaults(), Duration.ofHours(24), Duration.ofMinutes(10), Clock.systemUTC());
        maker = new SesSealMaker(custody, pki.sm2().sealMaker(), SesSealMaker.DEFAULT_VENDOR_ID, Clock.systemUTC());
        verifier = SesSealVerifier.forPki(pki, Clock.systemUTC());
        signer = sm2Signer("受理专用章");
    }

    @AfterAll
    static void close() {
        store.close();
    }

    /** Not a real PNG: the seal carries the bytes as they are; a recognizable run makes tampering easy to aim. */
    private static byte[] pngLike() {
        byte[] bytes = new byte[600];
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(magic, 0, bytes, 0, magic.length);
        for (int i = magic.length; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7);
        }
        return bytes;
    }

    static X509Certificate sm2Signer(String name) {
        KeyRef key = custody.generateKey("signer-" + System.nanoTime(), KeySpec.SM2);
        return pki.sm2().issuing().issueAndInstall(CertificateRequest.seal(new CertificateSubject(name,
                CertificateSubject.CENTER), custody.publicKey(key), Duration.ofDays(365)), custody, key);
    }

    static SesSealRequest request(X509Certificate certificate, Instant start, Instant end) {
        return new SesSealRequest("center-acceptance", SesSealType.ORGANIZATION, "敦煌市行政服务中心受理专用章",
                List.of(certificate), start, end, "png", PNG, 40, 40);
    }

    static SesSealRequest request() {
        Instant now = Instant.now();
        return request(signer, now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(30)));
    }

    @Test
    void madeSealParsesAsVersion4AndVerifies() throws Exception {
        byte[] der = maker.make(request());
        SesSeal seal = SesSealParser.parse(der);
        assertEquals(SesVersion.V4, seal.version());
        assertEquals(4, seal.headerVersion());
        assertEquals("onewindow", seal.vendorId());
        assertEquals("center-acceptance", seal.esId());
        assertEquals(1, seal.type());
        assertEquals("敦煌市行政服务中心受理专用章", seal.name());
        assertEquals(1, seal.certListType());
        assertArrayEquals(signer.getEncoded(), seal.certificates().get(0));
        assertEquals("png", seal.pictureType());
        assertArrayEquals(PNG, seal.picture());
        assertEquals(40, seal.widthMm());
        assertEquals(Sm2.SM3_WITH_SM2_OID, seal.signatureAlgorithm());
        assertEquals(maker.makerCertificate(), seal.makerX509());
        assertTrue(seal.timeStamp().isEmpty());

        SesVerification result = verifier.verify(seal, signer, Instant.now());
        assertTrue(result.valid(), result.toString());
        assertTrue(result.notes().stream().anyMatch(n -> n.contains("GB/T 38540")), result.notes().toString());
        assertTrue(result.notes().stream().anyMatch(n -> n.contains("signer certificate is good (OCSP)")),
                result.notes().toString());

        // the structure is the standard's: SEQUENCE {SES_SealInfo, OCTET STRING, OID, BIT STRING}
        var top = org.bouncycastle.asn1.ASN1Sequence.getInstance(der);
        assertEquals(4, top.size());
        assertTrue(top.getObjectAt(3) instanceof org.bouncycastle.asn1.ASN1BitString);
    }

    /** The maker's signature checked by openssl 3 (independent SM2) over the DER SEQUENCE the standard names. */
    @Test
    void opensslVerifiesTheMakerSignature() throws Exception {
        SesSeal seal = SesSealParser.parse(maker.make(request()));
        Path dir = Files.createDirectories(temp.resolve("openssl"));
        Files.write(dir.resolve("tbs.der"), seal.signedContents().get(0));
        Files.write(dir.resolve("sig.der"), seal.signedValue());
        Files.writeString(dir.resolve("maker.pem"), org.onewindow.service.pki.Pem.encode("PUBLIC KEY",
                seal.makerX509().getPublicKey().getEncoded()));
        String out = openssl(dir, "dgst", "-sm3", "-verify", "maker.pem", "-signature", "sig.der", "-sigopt",
                "distid:1234567812345678", "tbs.der");
        assertTrue(out.contains("Verified OK"), out);
    }

    @Test
    void aChangedPictureBreaksTheMakerSignature() {
        byte[] der = maker.make(request());
        int at = indexOf(der, PNG);
        assertTrue(at > 0);
        der[at + 100] ^= 0x01;
        SesSeal tampered = SesSealParser.parse(der);
        SesVerification result = verifier.verify(tampered, signer, Instant.now());
        assertFalse(result.valid());
        assertEquals(List.of(SesFailure.MAKER_SIGNATURE_INVALID), reasons(result));
    }

    @Test
    void aSealUsedOutsideItsValidityFails() {
        // the certificates are valid for a year; only the seal's own dates decide here
        Instant now = Instant.now();
        SesSeal seal = SesSealParser.parse(maker.make(request(signer, now.plus(Duration.ofHours(1)),
                now.plus(Duration.ofHours(2)))));
        assertEquals(List.of(SesFailure.SEAL_NOT_YET_VALID), reasons(verifier.verify(seal, signer, now)));
        assertEquals(List.of(SesFailure.SEAL_EXPIRED),
                reasons(verifier.verify(seal, signer, now.plus(Duration.ofHours(3)))));
        SesVerification inside = verifier.verify(seal, signer, now.plus(Duration.ofMinutes(90)));
        assertTrue(inside.valid(), inside.toString());
    }

    @Test
    void aSignerNotInTheCertificateListFails() {
        SesSeal seal = SesSealParser.parse(maker.make(request()));
        X509Certificate other = sm2Signer("审批专用章");
        SesVerification result = verifier.verify(seal, other, Instant.now());
        assertEquals(List.of(SesFailure.SIGNER_NOT_IN_SEAL), reasons(result));
    }

    @Test
    void aRevokedMakerCertificateFails() {
        KeyRef makerKey = custody.generateKey("maker-" + System.nanoTime(), KeySpec.SM2);
        X509Certificate makerCert = pki.sm2().issuing().issueAndInstall(CertificateRequest.seal(
                DemoPki.SEAL_MAKER_SUBJECT, custody.publicKey(makerKey), Duration.ofDays(30)), custody, makerKey);
        SesSealMaker revokedMaker = new SesSealMaker(custody, makerKey, "onewindow", Clock.systemUTC());
        SesSeal seal = SesSealParser.parse(revokedMaker.make(request()));
        assertTrue(verifier.verify(seal, signer, Instant.now()).valid());
        pki.registry().revoke(DemoPki.SM2_ISSUING_ID, makerCert.getSerialNumber(), RevocationReason.KEY_COMPROMISE);
        SesVerification result = verifier.verify(seal, signer, Instant.now());
        assertEquals(List.of(SesFailure.MAKER_REVOKED), reasons(result));
        // with only the CRL (no OCSP answer) the revocation is found too
        SesRevocationSource crlOnly = new SesRevocationSource() {
            @Override
            public java.util.Optional<byte[]> ocsp(byte[] request) {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<byte[]> crl(X509Certificate issuer) {
                return SesRevocationSource.inProcess(pki).crl(issuer);
            }
        };
        SesSealVerifier crlVerifier = new SesSealVerifier(pki.cas().trustedRoots(),
                List.of(pki.sm2().issuing().certificate(), pki.demo().issuing().certificate()), crlOnly,
                Clock.systemUTC());
        SesVerification viaCrl = crlVerifier.verify(seal, signer, Instant.now());
        assertEquals(List.of(SesFailure.MAKER_REVOKED), reasons(viaCrl));
        assertTrue(viaCrl.failures().get(0).message().contains("CRL"), viaCrl.toString());
        // a use before the revocation stays valid; the revocation is noted
        SesVerification before = verifier.verify(seal, signer, Instant.now().minus(Duration.ofSeconds(30)));
        assertTrue(before.valid(), before.toString());
        assertTrue(before.notes().stream().anyMatch(n -> n.contains("after the signing time")), before.toString());
    }

    @Test
    void withoutRevocationDataOrTrustTheSealFails() {
        SesSeal seal = SesSealParser.parse(maker.make(request()));
        SesSealVerifier blind = new SesSealVerifier(pki.cas().trustedRoots(), List.of(pki.sm2().issuing().certificate()),
                SesRevocationSource.none(), Clock.systemUTC());
        assertEquals(Set.of(SesFailure.MAKER_REVOCATION_UNKNOWN, SesFailure.SIGNER_REVOCATION_UNKNOWN),
                Set.copyOf(reasons(blind.verify(seal, signer, Instant.now()))));
        SesSealVerifier untrusting = new SesSealVerifier(List.of(pki.demo().root().certificate()),
                List.of(pki.sm2().issuing().certificate()), SesRevocationSource.inProcess(pki), Clock.systemUTC());
        assertEquals(Set.of(SesFailure.MAKER_CHAIN_INVALID, SesFailure.SIGNER_CHAIN_INVALID),
                Set.copyOf(reasons(untrusting.verify(seal, signer, Instant.now()))));
    }

    /** A GM/T 0031-2014 version-1 seal built by hand (UTCTime dates, sign info as its own SEQUENCE). */
    @Test
    void aVersion1SealIsReadAndVerified() throws Exception {
        Instant now = Instant.now();
        SES_ESPropertyInfo property = new SES_ESPropertyInfo(new ASN1Integer(1), new DERUTF8String("测试专用章"),
                new DERSequence(new DEROctetString(signer.getEncoded())), new ASN1UTCTime(Date.from(now)),
                new ASN1UTCTime(Date.from(now.minus(Duration.ofMinutes(1)))),
                new ASN1UTCTime(Date.from(now.plus(Duration.ofDays(10)))));
        SES_SealInfo info = new SES_SealInfo(new SES_Header(new ASN1Integer(1), new DERIA5String("legacy-vendor")),
                new DERIA5String("v1-seal-0001"), property, new SES_ESPictrueInfo(new DERIA5String("png"),
                new DEROctetString(PNG), new ASN1Integer(42), new ASN1Integer(42)), null);
        X509Certificate makerCert = maker.makerCertificate();
        DEROctetString cert = new DEROctetString(makerCert.getEncoded());
        ASN1ObjectIdentifier algorithm = new ASN1ObjectIdentifier(Sm2.SM3_WITH_SM2_OID);
        // this sample signs the seal information alone, the other form producers use
        byte[] signature = custody.sign(pki.sm2().sealMaker(), SignatureAlgorithm.SM3_WITH_SM2,
                SesSealParser.encode(info));
        byte[] der = SesSealParser.encode(new org.ofdrw.gm.ses.v1.SESeal(info,
                new SES_SignInfo(cert, algorithm, new DERBitString(signature))));

        SesSeal seal = SesSealParser.parse(der);
        assertEquals(SesVersion.V1, seal.version());
        assertEquals("legacy-vendor", seal.vendorId());
        assertEquals("v1-seal-0001", seal.esId());
        assertEquals(42, seal.heightMm());
        assertEquals(now.getEpochSecond(), seal.createDate().getEpochSecond());
        SesVerification result = verifier.verify(seal, signer, now);
        assertTrue(result.valid(), result.toString());
        assertTrue(result.notes().stream().anyMatch(n -> n.contains("seal information alone")), result.notes().toString());
    }

    /** The v5 layout: header version 5 and a [0] time-stamp over the maker's signature. */
    @Test
    void aVersion5SealIsDetectedAndItsTimeStampChecked() throws Exception {
        var v5 = maker.makeSeal(request(), SesVersion.V5);
        byte[] signedValue = v5.getSignedValue().getOctets();
        byte[] token = TimeStamper.local(pki.tsa()).timeStampToken("SHA-256",
                MessageDigest.getInstance("SHA-256").digest(signedValue));
        SesSeal stamped = SesSealParser.parse(SesSealMaker.withTimeStamp(v5, token));
        assertEquals(SesVersion.V5, stamped.version());
        assertEquals(5, stamped.headerVersion());
        assertTrue(stamped.timeStamp().isPresent());
        SesVerification result = verifier.verify(stamped, signer, Instant.now());
        assertTrue(result.valid(), result.toString());
        assertTrue(result.notes().stream().anyMatch(n -> n.startsWith("time-stamp valid")), result.notes().toString());

        // header version 5 without the optional time-stamp: still v5
        SesSeal plain = SesSealParser.parse(SesSealParser.encode(v5));
        assertEquals(SesVersion.V5, plain.version());
        assertTrue(plain.timeStamp().isEmpty());
        assertTrue(verifier.verify(plain, signer, Instant.now()).valid());

        // a time-stamp over something else
        byte[] otherToken = TimeStamper.local(pki.tsa()).timeStampToken("SHA-256",
                MessageDigest.getInstance("SHA-256").digest("other".getBytes(StandardCharsets.UTF_8)));
        SesSeal wrong = SesSealParser.parse(SesSealMaker.withTimeStamp(v5, otherToken));
        assertEquals(List.of(SesFailure.TIME_STAMP_INVALID), reasons(verifier.verify(wrong, signer, Instant.now())));
    }

    @Test
    void whatIsNotASealIsRefusedWithAReason() {
        assertThrows(SesFormatException.class, () -> SesSealParser.parse(new byte[0]));
        assertThrows(SesFormatException.class, () -> SesSealParser.parse("not a seal".getBytes(StandardCharsets.UTF_8)));
        SesFormatException three = assertThrows(SesFormatException.class, () -> SesSealParser.parse(
                SesSealParser.encode(new DERSequence(new ASN1Encodable[] {new ASN1Integer(1), new ASN1Integer(2),
                        new ASN1Integer(3)}))));
        assertTrue(three.getMessage().contains("3 elements"), three.getMessage());
        byte[] der = maker.make(request());
        int at = indexOf(der, "ES".getBytes(StandardCharsets.US_ASCII));
        der[at] = 'X';
        SesFormatException header = assertThrows(SesFormatException.class, () -> SesSealParser.parse(der));
        assertTrue(header.getMessage().contains("\"ES\""), header.getMessage());
    }

    static List<SesFailure> reasons(SesVerification result) {
        List<SesFailure> reasons = new ArrayList<>();
        result.failures().forEach(f -> reasons.add(f.reason()));
        return reasons;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String openssl(Path dir, String... args) throws Exception {
        return Openssl.run(dir, args).output();
    }
}
