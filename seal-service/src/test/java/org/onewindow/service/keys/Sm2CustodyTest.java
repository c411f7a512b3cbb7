package org.onewindow.service.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.fs.FileSystemObjectStore;
import org.onewindow.service.testsupport.Openssl;

/** SM2 keys in the PKCS#12 custody: SM3withSM2 with the default user id, checked by BC and by openssl 3. */
class Sm2CustodyTest {
    private static final Map<String, String> ENV = Map.of("P", "correct horse battery staple");

    @TempDir
    Path temp;
    private ObjectStore store;
    private Pkcs12KeyCustody custody;

    @BeforeEach
    void open() {
        store = new FileSystemObjectStore(temp.resolve("store"));
        custody = new Pkcs12KeyCustody(store, Pkcs12CustodyConfig.defaults(SecretSource.environment("P")), ENV);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void sm2KeySignsSm3WithSm2AndSurvivesANewInstance() throws Exception {
        KeyRef key = custody.generateKey("seal-sm2", KeySpec.SM2);
        PublicKey publicKey = custody.publicKey(key);
        assertTrue(Sm2.isSm2Key(publicKey));
        assertEquals(SignatureAlgorithm.SM3_WITH_SM2, CustodySigner.of(custody, key).algorithm());
        byte[] message = "敦煌市行政服务中心受理专用章".getBytes(StandardCharsets.UTF_8);
        byte[] signature = custody.sign(key, SignatureAlgorithm.SM3_WITH_SM2, message);
        assertTrue(bcVerify(publicKey, message, signature));
        assertFalse(bcVerify(publicKey, "other".getBytes(StandardCharsets.UTF_8), signature));
        ASN1Sequence rs = ASN1Sequence.getInstance(signature);
        assertEquals(2, rs.size());
        assertTrue(rs.getObjectAt(0) instanceof ASN1Integer && rs.getObjectAt(1) instanceof ASN1Integer);
        assertEquals("1.2.156.10197.1.501", SignatureAlgorithm.SM3_WITH_SM2.oid());

        Pkcs12KeyCustody reopened = new Pkcs12KeyCustody(store,
                Pkcs12CustodyConfig.defaults(SecretSource.environment("P")), ENV);
        byte[] again = reopened.sign(key, SignatureAlgorithm.SM3_WITH_SM2, message);
        assertTrue(bcVerify(reopened.publicKey(key), message, again));
        assertArrayEquals(publicKey.getEncoded(), reopened.publicKey(key).getEncoded());
    }

    @Test
    void signDigestSignsSm3OfZAndMessage() throws Exception {
        KeyRef key = custody.generateKey("seal-sm2", KeySpec.SM2);
        byte[] message = "数据".getBytes(StandardCharsets.UTF_8);
        byte[] e = SignatureAlgorithm.SM3_WITH_SM2.digest(custody.publicKey(key), message);
        byte[] signature = custody.signDigest(key, SignatureAlgorithm.SM3_WITH_SM2, e);
        assertTrue(bcVerify(custody.publicKey(key), message, signature));
        // the plain SM3 of the message is not what SM2 signs
        byte[] plain = Sm2.sm3().digest(message);
        assertFalse(bcVerify(custody.publicKey(key), message,
                custody.signDigest(key, SignatureAlgorithm.SM3_WITH_SM2, plain)));
    }

    @Test
    void algorithmsDoNotCrossKeyTypes() {
        KeyRef sm2 = custody.generateKey("k-sm2", KeySpec.SM2);
        KeyRef ec = custody.generateKey("k-ec", KeySpec.EC_P256);
        byte[] digest = new byte[32];
        assertThrows(UnsupportedSignatureAlgorithmException.class,
                () -> custody.signDigest(sm2, SignatureAlgorithm.SHA256_WITH_ECDSA, digest));
        assertThrows(UnsupportedSignatureAlgorithmException.class,
                () -> custody.signDigest(ec, SignatureAlgorithm.SM3_WITH_SM2, digest));
        assertThrows(UnsupportedSignatureAlgorithmException.class,
                () -> new CustodySigner(custody, sm2, SignatureAlgorithm.SHA256_WITH_ECDSA));
        assertEquals(SignatureAlgorithm.SHA256_WITH_ECDSA, CustodySigner.of(custody, ec).algorithm());
    }

    /** openssl 3 verifies our SM2 signature with the SM2 distinguishing id (independent implementation). */
    @Test
    void opensslVerifiesTheSignatureWithTheDefaultDistinguishingId() throws Exception {
        KeyRef key = custody.generateKey("seal-sm2", KeySpec.SM2);
        byte[] message = "受理通知书 2026-000123".getBytes(StandardCharsets.UTF_8);
        byte[] signature = custody.sign(key, SignatureAlgorithm.SM3_WITH_SM2, message);
        Path dir = temp.resolve("openssl");
        Files.createDirectories(dir);
        Files.write(dir.resolve("msg.bin"), message);
        Files.write(dir.resolve("sig.der"), signature);
        Files.writeString(dir.resolve("pub.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(custody.publicKey(key).getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        String ok = openssl(dir, "dgst", "-sm3", "-verify", "pub.pem", "-signature", "sig.der",
                "-sigopt", "distid:1234567812345678", "msg.bin");
        assertTrue(ok.contains("Verified OK"), ok);
        String wrongId = openssl(dir, "dgst", "-sm3", "-verify", "pub.pem", "-signature", "sig.der",
                "-sigopt", "distid:0000000000000000", "msg.bin");
        assertFalse(wrongId.contains("Verified OK"), wrongId);
    }

    static boolean bcVerify(PublicKey key, byte[] message, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("SM3withSM2", Sm2.provider());
        verifier.initVerify(key);
        verifier.update(message);
        return verifier.verify(signature);
    }

    static String openssl(Path dir, String... args) throws Exception {
        return Openssl.run(dir, args).output();
    }
}
