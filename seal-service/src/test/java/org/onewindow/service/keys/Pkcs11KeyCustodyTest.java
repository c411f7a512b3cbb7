package org.onewindow.service.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PKCS#11 custody against a SoftHSM2 token initialized by the test. */
class Pkcs11KeyCustodyTest {
    private static Pkcs11CustodyConfig config;
    private static Pkcs11KeyCustody custody;

    @BeforeAll
    static void token() throws Exception {
        config = SoftHsmToken.config();
        custody = new Pkcs11KeyCustody(config, Map.of());
    }

    private static String alias(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void rsaKeyGeneratedInTokenSignsDigestsAndMessages() throws Exception {
        KeyRef ref = custody.generateKey(alias("rsa"), KeySpec.RSA_2048);
        assertTrue(custody.contains(ref));
        assertTrue(custody.aliases().contains(ref.alias()));
        byte[] message = "受理专用章 test message".getBytes(StandardCharsets.UTF_8);

        for (SignatureAlgorithm algorithm : new SignatureAlgorithm[] {SignatureAlgorithm.SHA256_WITH_RSA,
                SignatureAlgorithm.SHA384_WITH_RSA, SignatureAlgorithm.SHA512_WITH_RSA}) {
            byte[] digest = algorithm.newDigest().digest(message);
            byte[] signature = custody.signDigest(ref, algorithm, digest);
            assertTrue(verify(algorithm, ref, message, signature), algorithm + " signature must verify");
            assertFalse(verify(algorithm, ref, "other".getBytes(StandardCharsets.UTF_8), signature));
        }
        // RSA PKCS#1 v1.5 is deterministic: the message path and the digest path give the same bytes.
        assertArrayEquals(custody.sign(ref, SignatureAlgorithm.SHA256_WITH_RSA, message),
                custody.signDigest(ref, SignatureAlgorithm.SHA256_WITH_RSA,
                        SignatureAlgorithm.SHA256_WITH_RSA.newDigest().digest(message)));
        assertThrows(UnsupportedSignatureAlgorithmException.class,
                () -> custody.signDigest(ref, SignatureAlgorithm.SHA256_WITH_ECDSA, new byte[32]));
        assertThrows(UnsupportedSignatureAlgorithmException.class,
                () -> custody.signDigest(ref, SignatureAlgorithm.SHA256_WITH_RSA, new byte[20]));
    }

    @Test
    void ecKeyGeneratedInTokenSigns() throws Exception {
        KeyRef ref = custody.generateKey(alias("ec"), KeySpec.EC_P256);
        byte[] message = "审批专用章".getBytes(StandardCharsets.UTF_8);
        byte[] signature = custody.sign(ref, SignatureAlgorithm.SHA256_WITH_ECDSA, message);
        assertTrue(verify(SignatureAlgorithm.SHA256_WITH_ECDSA, ref, message, signature));
        assertFalse(verify(SignatureAlgorithm.SHA256_WITH_ECDSA, ref, new byte[1], signature));
    }

    /** SoftHSM2 has no SM2 mechanism (pkcs11-tool -M lists ECDSA only): the custody says so instead of failing oddly. */
    @Test
    void sm2IsRefusedWithAClearError() throws Exception {
        UnsupportedSignatureAlgorithmException generate = assertThrows(
                UnsupportedSignatureAlgorithmException.class, () -> custody.generateKey("sm2-" + System.nanoTime(),
                        KeySpec.SM2));
        assertTrue(generate.getMessage().contains("no SM2 mechanism"), generate.getMessage());
        KeyRef ec = custody.generateKey("ec-for-sm2-" + System.nanoTime(), KeySpec.EC_P256);
        UnsupportedSignatureAlgorithmException sign = assertThrows(
                UnsupportedSignatureAlgorithmException.class,
                () -> custody.signDigest(ec, SignatureAlgorithm.SM3_WITH_SM2, new byte[32]));
        assertTrue(sign.getMessage().contains("SM2"), sign.getMessage());
        custody.delete(ec);
    }

    @Test
    void privateKeyIsSensitiveAndNotExtractable() throws Exception {
        KeyRef ref = custody.generateKey(alias("ne"), KeySpec.RSA_2048);
        KeyRef ecRef = custody.generateKey(alias("ne-ec"), KeySpec.EC_P256);
        // Look at the token through a separate SunPKCS11 instance, as an attacker with the PIN would.
        Provider provider = Security.getProvider("SunPKCS11").configure("--" + config.sunPkcs11Config());
        KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
        keyStore.load(null, SoftHsmToken.PIN.toCharArray());
        for (KeyRef each : new KeyRef[] {ref, ecRef}) {
            Key key = keyStore.getKey(each.alias(), null);
            assertNull(key.getEncoded(), "a token key must not be encodable");
            assertFalse(key instanceof RSAPrivateKey || key instanceof ECPrivateKey,
                    "a sensitive key exposes no private components, got " + key.getClass());
            String description = key.toString();
            assertTrue(description.contains("token object"), description);
            assertTrue(description.contains(", sensitive"), description);
            assertTrue(description.contains("unextractable"), description);
        }
    }

    @Test
    void certificateChainCanBeReplacedWithoutLosingTheKey() throws Exception {
        KeyRef ref = custody.generateKey(alias("chain"), KeySpec.EC_P256);
        var placeholder = custody.certificateChain(ref);
        assertEquals(1, placeholder.size());
        assertTrue(PlaceholderCertificate.isPlaceholder(placeholder.get(0)));
        // A new self-signed certificate for the same key stands in for a CA-issued one here.
        var replacement = PlaceholderCertificate.create("other-name", custody.publicKey(ref),
                SignatureAlgorithm.SHA256_WITH_ECDSA, d -> custody.signDigest(ref, SignatureAlgorithm.SHA256_WITH_ECDSA, d));
        custody.setCertificateChain(ref, java.util.List.of(replacement));
        assertEquals(replacement, custody.certificateChain(ref).get(0));
        byte[] signature = custody.sign(ref, SignatureAlgorithm.SHA256_WITH_ECDSA, new byte[] {1, 2, 3});
        assertTrue(verify(SignatureAlgorithm.SHA256_WITH_ECDSA, ref, new byte[] {1, 2, 3}, signature));

        KeyRef other = custody.generateKey(alias("chain-other"), KeySpec.EC_P256);
        assertThrows(IllegalArgumentException.class,
                () -> custody.setCertificateChain(other, java.util.List.of(replacement)));
        assertThrows(KeyAliasTakenException.class, () -> custody.generateKey(ref.alias(), KeySpec.EC_P256));

        assertTrue(custody.delete(ref));
        assertFalse(custody.contains(ref));
        assertThrows(KeyNotFoundException.class, () -> custody.certificateChain(ref));
    }

    @Test
    void importedPkcs12KeyBecomesASensitiveTokenKey(@org.junit.jupiter.api.io.TempDir java.nio.file.Path temp)
            throws Exception {
        java.nio.file.Path key = temp.resolve("key.pem");
        java.nio.file.Path cert = temp.resolve("cert.pem");
        java.nio.file.Path p12 = temp.resolve("in.p12");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out",
                cert.toString(), "-days", "30", "-subj", "/C=CN/O=Imported/CN=imported");
        run("openssl", "pkcs12", "-export", "-inkey", key.toString(), "-in", cert.toString(), "-out", p12.toString(),
                "-passout", "pass:p12-pass");
        byte[] bytes = java.nio.file.Files.readAllBytes(p12);
        assertThrows(KeyImportException.class, () -> custody.importPkcs12(alias("imp"), bytes, "bad".toCharArray()));
        KeyRef ref = custody.importPkcs12(alias("imp"), bytes, "p12-pass".toCharArray());
        byte[] message = {4, 5, 6};
        assertTrue(verify(SignatureAlgorithm.SHA256_WITH_RSA, ref, message,
                custody.sign(ref, SignatureAlgorithm.SHA256_WITH_RSA, message)));
        Provider provider = Security.getProvider("SunPKCS11").configure("--" + config.sunPkcs11Config());
        KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
        keyStore.load(null, SoftHsmToken.PIN.toCharArray());
        Key stored = keyStore.getKey(ref.alias(), null);
        assertNull(stored.getEncoded());
        assertTrue(stored.toString().contains(", sensitive") && stored.toString().contains("unextractable"),
                stored.toString());
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
    }

    @Test
    void wrongPinIsAClearError() throws Exception {
        Pkcs11CustodyConfig spare = SoftHsmToken.spareConfig();
        Pkcs11CustodyConfig wrong = new Pkcs11CustodyConfig("spare", spare.library(), spare.slot(), 0,
                SecretSource.environment("HSM_PIN"));
        CustodyUnavailableException error = assertThrows(CustodyUnavailableException.class,
                () -> new Pkcs11KeyCustody(wrong, Map.of("HSM_PIN", "9999")));
        assertTrue(error.getMessage().contains("cannot be opened"), error.getMessage());
        assertFalse(error.getMessage().contains("9999"));
    }

    private static boolean verify(SignatureAlgorithm algorithm, KeyRef ref, byte[] message, byte[] signature)
            throws Exception {
        Signature verifier = Signature.getInstance(algorithm.jcaName());
        verifier.initVerify(custody.publicKey(ref));
        verifier.update(message);
        return verifier.verify(signature);
    }
}
