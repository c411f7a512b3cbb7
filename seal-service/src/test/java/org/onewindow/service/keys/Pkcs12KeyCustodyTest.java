package org.onewindow.service.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.fs.FileSystemObjectStore;

/** PKCS#12 custody over the filesystem object store. */
class Pkcs12KeyCustodyTest {
    private static final Map<String, String> ENV = Map.of("ONEWINDOW_KEY_PASSPHRASE", "correct horse battery staple");

    @TempDir
    Path temp;
    private ObjectStore store;
    private Pkcs12KeyCustody custody;

    @BeforeEach
    void open() {
        store = new FileSystemObjectStore(temp.resolve("store"));
        custody = new Pkcs12KeyCustody(store, config(), ENV);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Pkcs12CustodyConfig config() {
        return Pkcs12CustodyConfig.defaults(SecretSource.environment("ONEWINDOW_KEY_PASSPHRASE"));
    }

    @Test
    void generatedKeysSignAndSurviveANewInstance() throws Exception {
        KeyRef rsa = custody.generateKey("seal-rsa", KeySpec.RSA_2048);
        KeyRef ec = custody.generateKey("seal-ec", KeySpec.EC_P256);
        assertEquals(List.of("seal-ec", "seal-rsa"), custody.aliases());
        assertTrue(store.head("keys/pkcs12/seal-rsa.p12").isPresent());
        byte[] message = "审批专用章".getBytes(StandardCharsets.UTF_8);
        assertTrue(verify(SignatureAlgorithm.SHA256_WITH_RSA, custody.publicKey(rsa), message,
                custody.sign(rsa, SignatureAlgorithm.SHA256_WITH_RSA, message)));
        assertTrue(verify(SignatureAlgorithm.SHA512_WITH_RSA, custody.publicKey(rsa), message,
                custody.signDigest(rsa, SignatureAlgorithm.SHA512_WITH_RSA,
                        SignatureAlgorithm.SHA512_WITH_RSA.newDigest().digest(message))));
        assertTrue(verify(SignatureAlgorithm.SHA384_WITH_ECDSA, custody.publicKey(ec), message,
                custody.sign(ec, SignatureAlgorithm.SHA384_WITH_ECDSA, message)));
        assertFalse(verify(SignatureAlgorithm.SHA256_WITH_ECDSA, custody.publicKey(ec), new byte[] {1},
                custody.sign(ec, SignatureAlgorithm.SHA256_WITH_ECDSA, message)));

        Pkcs12KeyCustody reopened = new Pkcs12KeyCustody(store, config(), ENV);
        assertEquals(custody.publicKey(rsa), reopened.publicKey(rsa));
        assertTrue(verify(SignatureAlgorithm.SHA256_WITH_RSA, custody.publicKey(rsa), message,
                reopened.sign(rsa, SignatureAlgorithm.SHA256_WITH_RSA, message)));

        assertThrows(KeyAliasTakenException.class, () -> custody.generateKey("seal-rsa", KeySpec.EC_P256));
        assertThrows(UnsupportedSignatureAlgorithmException.class,
                () -> custody.signDigest(ec, SignatureAlgorithm.SHA256_WITH_RSA, new byte[32]));
        assertThrows(KeyNotFoundException.class, () -> custody.publicKey(new KeyRef("pkcs12", "missing")));
        assertThrows(KeyNotFoundException.class, () -> custody.publicKey(new KeyRef("hsm", "seal-rsa")));
    }

    @Test
    void chainUpdatesAreSeenByOtherInstances() throws Exception {
        KeyRef ref = custody.generateKey("chain", KeySpec.EC_P256);
        Pkcs12KeyCustody other = new Pkcs12KeyCustody(store, config(), ENV);
        X509Certificate before = other.certificateChain(ref).get(0);
        assertTrue(PlaceholderCertificate.isPlaceholder(before));
        X509Certificate replacement = PlaceholderCertificate.create("renamed", custody.publicKey(ref),
                SignatureAlgorithm.SHA256_WITH_ECDSA, d -> custody.signDigest(ref, SignatureAlgorithm.SHA256_WITH_ECDSA, d));
        custody.setCertificateChain(ref, List.of(replacement));
        assertEquals(replacement, other.certificateChain(ref).get(0));
        KeyRef another = custody.generateKey("another", KeySpec.EC_P256);
        assertThrows(IllegalArgumentException.class, () -> custody.setCertificateChain(another, List.of(replacement)));
        assertTrue(custody.delete(another));
        assertFalse(custody.contains(another));
        assertFalse(custody.delete(another));
    }

    @Test
    void storedFileIsAPassphraseProtectedPkcs12() throws Exception {
        custody.generateKey("probe", KeySpec.EC_P256);
        byte[] stored = store.readAllBytes("keys/pkcs12/probe.p12");
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        assertThrows(java.io.IOException.class, () -> keyStore.load(new ByteArrayInputStream(stored),
                "wrong".toCharArray()));
        // Independent check: openssl opens it with the storage passphrase only.
        Path file = temp.resolve("probe.p12");
        Files.write(file, stored);
        // openssl reads the passphrase from the environment of its own process, never from the command line.
        assertEquals(0, runWithPassphrase(file, ENV.get("ONEWINDOW_KEY_PASSPHRASE")));
        assertTrue(runWithPassphrase(file, "wrong") != 0);
    }

    private static int runWithPassphrase(Path file, String passphrase) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("openssl", "pkcs12", "-in", file.toString(), "-nokeys", "-passin",
                "env:P").redirectErrorStream(true);
        builder.environment().put("P", passphrase);
        Process process = builder.start();
        process.getInputStream().readAllBytes();
        return process.waitFor();
    }

    @Test
    void wrongStoragePassphraseIsAClearError() {
        KeyRef ref = custody.generateKey("locked", KeySpec.EC_P256);
        Pkcs12KeyCustody wrong = new Pkcs12KeyCustody(store, config(),
                Map.of("ONEWINDOW_KEY_PASSPHRASE", "guess-guess-guess"));
        CustodyUnavailableException error = assertThrows(CustodyUnavailableException.class,
                () -> wrong.sign(ref, SignatureAlgorithm.SHA256_WITH_ECDSA, new byte[] {1}));
        assertTrue(error.getMessage().contains("wrong passphrase"), error.getMessage());
        assertTrue(error.getMessage().contains("ONEWINDOW_KEY_PASSPHRASE"), error.getMessage());
        assertFalse(error.getMessage().contains("guess"), error.getMessage());
        assertTrue(assertThrows(CustodyUnavailableException.class, () -> new Pkcs12KeyCustody(store, config(),
                Map.of("ONEWINDOW_KEY_PASSPHRASE", "short"))).getMessage().contains("shorter than"));
        assertTrue(assertThrows(CustodyUnavailableException.class, () -> new Pkcs12KeyCustody(store, config(),
                Map.of("ONEWINDOW_KEY_PASSPHRASE", "电池电池电池电池电池电池电池"))).getMessage().contains("ASCII"));

        CustodyUnavailableException missing = assertThrows(CustodyUnavailableException.class,
                () -> new Pkcs12KeyCustody(store, config(), Map.of()));
        assertTrue(missing.getMessage().contains("ONEWINDOW_KEY_PASSPHRASE is not set"), missing.getMessage());
    }

    @Test
    void passphraseFromSecretFile() throws Exception {
        Path secret = temp.resolve("passphrase");
        Files.writeString(secret, "from-a-file-secret\n");
        Pkcs12KeyCustody fileCustody = new Pkcs12KeyCustody(store,
                new Pkcs12CustodyConfig("filekeys", "keys/file/", SecretSource.file(secret)), Map.of());
        KeyRef ref = fileCustody.generateKey("k", KeySpec.EC_P256);
        assertEquals("filekeys:k", ref.toString());
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(new ByteArrayInputStream(store.readAllBytes("keys/file/k.p12")), "from-a-file-secret".toCharArray());
        assertTrue(keyStore.isKeyEntry("k"));
        assertThrows(CustodyUnavailableException.class, () -> new Pkcs12KeyCustody(store,
                new Pkcs12CustodyConfig(null, null, SecretSource.file(temp.resolve("absent"))), Map.of()));
    }

    @Test
    void importsAnOpensslPkcs12AndRejectsWrongPassphrases() throws Exception {
        Path key = temp.resolve("key.pem");
        Path cert = temp.resolve("cert.pem");
        Path p12 = temp.resolve("seal.p12");
        assertEquals(0, run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "30", "-subj",
                "/C=CN/O=Imported/CN=imported seal"));
        assertEquals(0, run("openssl", "pkcs12", "-export", "-inkey", key.toString(), "-in", cert.toString(),
                "-out", p12.toString(), "-passout", "pass:import-pass"));
        byte[] bytes = Files.readAllBytes(p12);

        KeyImportException wrong = assertThrows(KeyImportException.class,
                () -> custody.importPkcs12("imported", bytes, "nope".toCharArray()));
        assertTrue(wrong.getMessage().contains("wrong passphrase"), wrong.getMessage());
        assertThrows(KeyImportException.class,
                () -> custody.importPkcs12("imported", "not pkcs12".getBytes(StandardCharsets.UTF_8), "x".toCharArray()));
        assertEquals(List.of(), custody.aliases(), "a failed import stores nothing");

        KeyRef ref = custody.importPkcs12("imported", bytes, "import-pass".toCharArray());
        X509Certificate expected = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(cert));
        assertEquals(expected, custody.certificateChain(ref).get(0));
        byte[] message = "imported".getBytes(StandardCharsets.UTF_8);
        assertTrue(verify(SignatureAlgorithm.SHA256_WITH_ECDSA, expected.getPublicKey(), message,
                custody.sign(ref, SignatureAlgorithm.SHA256_WITH_ECDSA, message)));
        assertThrows(KeyAliasTakenException.class,
                () -> custody.importPkcs12("imported", bytes, "import-pass".toCharArray()));
    }

    @Test
    void custodySignerHasTheShapeItextNeeds() throws Exception {
        KeyRef ec = custody.generateKey("itext-ec", KeySpec.EC_P256);
        KeyRef rsa = custody.generateKey("itext-rsa", KeySpec.RSA_2048);
        CustodySigner ecSigner = CustodySigner.of(custody, ec);
        assertEquals("ECDSA", ecSigner.signatureAlgorithmName());
        assertEquals("SHA-256", ecSigner.digestAlgorithmName());
        CustodySigner rsaSigner = new CustodySigner(custody, rsa, SignatureAlgorithm.SHA384_WITH_RSA);
        assertEquals("RSA", rsaSigner.signatureAlgorithmName());
        byte[] attributes = "DER signed attributes".getBytes(StandardCharsets.UTF_8);
        assertTrue(verify(SignatureAlgorithm.SHA384_WITH_RSA, custody.publicKey(rsa), attributes, rsaSigner.sign(attributes)));
        assertTrue(verify(SignatureAlgorithm.SHA256_WITH_ECDSA, custody.publicKey(ec), attributes, ecSigner.sign(attributes)));
        assertThrows(UnsupportedSignatureAlgorithmException.class,
                () -> new CustodySigner(custody, ec, SignatureAlgorithm.SHA256_WITH_RSA));
    }

    @Test
    void noCustodyMethodReturnsAKey() {
        for (Method method : KeyCustody.class.getMethods()) {
            assertFalse(Key.class.isAssignableFrom(method.getReturnType())
                    && !java.security.PublicKey.class.isAssignableFrom(method.getReturnType()), method.toString());
        }
        for (Method method : Pkcs12KeyCustody.class.getMethods()) {
            assertFalse(java.security.PrivateKey.class.isAssignableFrom(method.getReturnType()), method.toString());
        }
        for (Method method : Pkcs11KeyCustody.class.getMethods()) {
            assertFalse(java.security.PrivateKey.class.isAssignableFrom(method.getReturnType()), method.toString());
        }
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor();
    }

    static boolean verify(SignatureAlgorithm algorithm, java.security.PublicKey key, byte[] message, byte[] signature)
            throws Exception {
        Signature verifier = Signature.getInstance(algorithm.jcaName());
        verifier.initVerify(key);
        verifier.update(message);
        return verifier.verify(signature);
    }
}
