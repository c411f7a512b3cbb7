package org.onewindow.service.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsWhenNothingIsSet() {
        Config config = Config.fromEnvironment(Map.of());

        StorageConfig.FileSystem fs = assertInstanceOf(StorageConfig.FileSystem.class, config.storage());
        assertEquals(Path.of("data").toAbsolutePath().normalize(), fs.root());
        assertTrue(fs.root().isAbsolute());
        assertEquals("0.0.0.0", config.host());
        assertEquals(7070, config.port());
        assertEquals(URI.create("http://localhost:7070"), config.publicUrl());
        assertEquals(256L * 1024 * 1024, config.maxUploadBytes());
        assertEquals(1024L * 1024, config.maxJsonBytes());
        assertEquals(Duration.ofSeconds(30), config.shutdownGrace());
        assertEquals("INFO", config.logLevel());
        assertNull(config.configFile());
    }

    @Test
    void readsEveryVariable() {
        Map<String, String> env = Map.of(
                Config.STORAGE, "fs:" + dir.resolve("store"),
                Config.HOST, "127.0.0.1",
                Config.PORT, "8081",
                Config.PUBLIC_URL, "https://zwfw.example.gov.cn/onewindow/",
                Config.MAX_UPLOAD_BYTES, "2GiB",
                Config.MAX_JSON_BYTES, "64KiB",
                Config.SHUTDOWN_GRACE_SECONDS, "5",
                Config.LOG_LEVEL, "debug");
        Config config = Config.fromEnvironment(env);

        assertEquals(new StorageConfig.FileSystem(dir.resolve("store")), config.storage());
        assertEquals("127.0.0.1", config.host());
        assertEquals(8081, config.port());
        assertEquals(URI.create("https://zwfw.example.gov.cn/onewindow"), config.publicUrl(), "trailing slash removed");
        assertEquals(2L * 1024 * 1024 * 1024, config.maxUploadBytes());
        assertEquals(64L * 1024, config.maxJsonBytes());
        assertEquals(Duration.ofSeconds(5), config.shutdownGrace());
        assertEquals("DEBUG", config.logLevel());
    }

    @Test
    void publicUrlDefaultFollowsThePort() {
        assertEquals(URI.create("http://localhost:9000"),
                Config.fromEnvironment(Map.of(Config.PORT, "9000")).publicUrl());
    }

    @Test
    void blankValuesCountAsUnset() {
        assertEquals(7070, Config.fromEnvironment(Map.of(Config.PORT, "  ")).port());
    }

    @Test
    void environmentWinsOverTheFile() throws IOException {
        Path file = dir.resolve("onewindow.properties");
        Files.writeString(file, """
                # comment
                ONEWINDOW_PORT=8000
                ONEWINDOW_HOST=127.0.0.2
                ONEWINDOW_LOG_LEVEL=WARN
                """);
        Config config = Config.fromEnvironment(Map.of(Config.CONFIG, file.toString(), Config.PORT, "9001"));

        assertEquals(9001, config.port(), "environment wins");
        assertEquals("127.0.0.2", config.host(), "file value used when the environment has none");
        assertEquals("WARN", config.logLevel());
        assertEquals(file.toAbsolutePath().normalize(), config.configFile());
    }

    @Test
    void unknownKeyInTheFileIsNamed() throws IOException {
        Path file = dir.resolve("typo.properties");
        Files.writeString(file, "ONEWINDOW_PROT=8000\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> Config.fromEnvironment(Map.of(Config.CONFIG, file.toString())));
        assertEquals(Config.CONFIG, e.variable());
        assertTrue(e.getMessage().contains("ONEWINDOW_PROT"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Config.fromEnvironment(Map.of(Config.CONFIG, dir.resolve("absent.properties").toString())));
        assertEquals(Config.CONFIG, e.variable());
        assertTrue(e.getMessage().contains("absent.properties"), e.getMessage());
    }

    @Test
    void badValuesNameTheVariableAndTheAllowedForm() {
        assertBad(Config.PORT, "abc", "0 to 65535");
        assertBad(Config.PORT, "65536", "0 to 65535");
        assertBad(Config.PORT, "-1", "0 to 65535");
        assertBad(Config.STORAGE, "ftp://x", "fs:DIRECTORY");
        assertBad(Config.STORAGE, "fs:", "fs: needs a directory");
        assertBad(Config.STORAGE, "s3://Bad_Bucket", "bucket name");
        assertBad(Config.STORAGE, "s3://bucket/path", "bucket name");
        assertBad(Config.PUBLIC_URL, "localhost:7070", "http:// or https://");
        assertBad(Config.PUBLIC_URL, "ftp://example.org", "http:// or https://");
        assertBad(Config.PUBLIC_URL, "https://example.org/?q=1", "query or fragment");
        assertBad(Config.MAX_UPLOAD_BYTES, "10MB", "KiB, MiB or GiB");
        assertBad(Config.MAX_UPLOAD_BYTES, "0", "at least 1");
        assertBad(Config.MAX_UPLOAD_BYTES, "99999999999GiB", "size in bytes");
        assertBad(Config.MAX_JSON_BYTES, "lots", "size in bytes");
        assertBad(Config.SHUTDOWN_GRACE_SECONDS, "3601", "0 to 3600");
        assertBad(Config.LOG_LEVEL, "LOUD", "TRACE, DEBUG, INFO, WARN, ERROR");
        assertBad(Config.HOST, "my host", "host name or IP address");
    }

    @Test
    void custodyDefaultsToPkcs12AndALocalTsa() {
        KeysConfig keys = Config.fromEnvironment(Map.of()).keys();
        assertNull(keys.pkcs11());
        assertNull(keys.tsaUrl());
        assertNull(Config.fromEnvironment(Map.of(Config.SEAL_CUSTODY, "PKCS12")).keys().pkcs11());
    }

    @Test
    void pkcs11CustodyReadsItsToken() throws IOException {
        KeysConfig.Pkcs11 defaults = Config.fromEnvironment(Map.of(Config.SEAL_CUSTODY, "pkcs11",
                Config.PKCS11_PIN, "1234")).keys().pkcs11();
        assertEquals(Path.of("/usr/lib/softhsm/libsofthsm2.so"), defaults.library());
        assertNull(defaults.slot());
        assertEquals(0, defaults.slotIndex());
        assertEquals("1234", defaults.pin().reveal());
        assertFalse(Config.fromEnvironment(Map.of(Config.SEAL_CUSTODY, "pkcs11", Config.PKCS11_PIN, "1234"))
                .toString().contains("1234"), "the PIN is never shown");

        Path pinFile = dir.resolve("pin");
        Files.writeString(pinFile, "  98765\n");
        KeysConfig.Pkcs11 explicit = Config.fromEnvironment(Map.of(Config.SEAL_CUSTODY, "pkcs11",
                Config.PKCS11_LIBRARY, "/opt/hsm/lib/libcs_pkcs11_R3.so", Config.PKCS11_SLOT, "1234567890123",
                Config.PKCS11_PIN_FILE, pinFile.toString())).keys().pkcs11();
        assertEquals(Path.of("/opt/hsm/lib/libcs_pkcs11_R3.so"), explicit.library());
        assertEquals(1234567890123L, explicit.slot());
        assertEquals("98765", explicit.pin().reveal());
        assertEquals(2, Config.fromEnvironment(Map.of(Config.SEAL_CUSTODY, "pkcs11", Config.PKCS11_SLOT_INDEX, "2",
                Config.PKCS11_PIN, "1")).keys().pkcs11().slotIndex());
    }

    @Test
    void badCustodyAndTsaSettingsAreNamed() throws IOException {
        assertBad(Config.SEAL_CUSTODY, "hsm", "pkcs12");
        // a secret: named, never echoed
        assertBad(Map.of(Config.PKCS11_PIN, "1234"), Config.PKCS11_PIN, Config.SEAL_CUSTODY + "=pkcs11");
        assertFalse(assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of(Config.PKCS11_PIN,
                "1234"))).getMessage().contains("1234"));
        assertBad(Config.TSA_URL, "tsa.example.org", "http:// or https://");
        assertBad(Config.TSA_URL, "ldap://tsa.example.org", "http:// or https://");
        assertBad(Map.of(Config.SEAL_CUSTODY, "pkcs11"), Config.PKCS11_PIN, "is required");
        assertBad(Map.of(Config.SEAL_CUSTODY, "pkcs11", Config.PKCS11_PIN, "1", Config.PKCS11_LIBRARY,
                "libsofthsm2.so"), Config.PKCS11_LIBRARY, "absolute path");
        assertBad(Map.of(Config.SEAL_CUSTODY, "pkcs11", Config.PKCS11_PIN, "1", Config.PKCS11_SLOT, "first"),
                Config.PKCS11_SLOT, "'first'");
        assertBad(Map.of(Config.SEAL_CUSTODY, "pkcs11", Config.PKCS11_PIN, "1", Config.PKCS11_SLOT, "-3"),
                Config.PKCS11_SLOT, "0 or more");
        assertBad(Map.of(Config.SEAL_CUSTODY, "pkcs11", Config.PKCS11_PIN, "1", Config.PKCS11_SLOT_INDEX, "x"),
                Config.PKCS11_SLOT_INDEX, "0 to 1023");
        assertBad(Map.of(Config.SEAL_CUSTODY, "pkcs11", Config.PKCS11_PIN, "1", Config.PKCS11_SLOT, "1",
                Config.PKCS11_SLOT_INDEX, "0"), Config.PKCS11_SLOT_INDEX, "not both");
        assertBad(Map.of(Config.SEAL_CUSTODY, "pkcs11", Config.PKCS11_PIN, "1", Config.PKCS11_PIN_FILE, "/x"),
                Config.PKCS11_PIN_FILE, "not both");
        assertBad(Map.of(Config.SEAL_CUSTODY, "pkcs11", Config.PKCS11_PIN_FILE, dir.resolve("absent").toString()),
                Config.PKCS11_PIN_FILE, "cannot read");
        Path empty = Files.writeString(dir.resolve("empty-pin"), "\n");
        assertBad(Map.of(Config.SEAL_CUSTODY, "pkcs11", Config.PKCS11_PIN_FILE, empty.toString()),
                Config.PKCS11_PIN_FILE, "is empty");
        assertEquals(URI.create("https://tsa.example.org/tsr"),
                Config.fromEnvironment(Map.of(Config.TSA_URL, "https://tsa.example.org/tsr")).keys().tsaUrl());
    }

    private static void assertBad(Map<String, String> env, String variable, String expectedHint) {
        ConfigException e = assertThrows(ConfigException.class, () -> Config.fromEnvironment(env), env.toString());
        assertEquals(variable, e.variable(), e.getMessage());
        assertTrue(e.getMessage().contains(expectedHint), e.getMessage());
    }

    private static void assertBad(String variable, String value, String expectedHint) {
        ConfigException e = assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of(variable, value)),
                variable + "=" + value);
        assertEquals(variable, e.variable());
        assertTrue(e.getMessage().startsWith(variable + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expectedHint), e.getMessage());
        assertTrue(e.getMessage().contains("'" + value + "'") || e.getMessage().contains(value),
                "names the bad value: " + e.getMessage());
    }

    @Test
    void s3NeedsEndpointAndCredentials() {
        Map<String, String> env = new HashMap<>(Map.of(Config.STORAGE, "s3://onewindow"));
        assertEquals(Config.S3_ENDPOINT, assertThrows(ConfigException.class, () -> Config.fromEnvironment(env)).variable());
        env.put(Config.S3_ENDPOINT, "http://127.0.0.1:9000");
        assertEquals(Config.S3_ACCESS_KEY, assertThrows(ConfigException.class, () -> Config.fromEnvironment(env)).variable());
        env.put(Config.S3_ACCESS_KEY, "minio");
        assertEquals(Config.S3_SECRET_KEY, assertThrows(ConfigException.class, () -> Config.fromEnvironment(env)).variable());
        env.put(Config.S3_SECRET_KEY, "s3cr3t-value");
        env.put(Config.S3_PART_SIZE, "4MiB");
        assertEquals(Config.S3_PART_SIZE, assertThrows(ConfigException.class, () -> Config.fromEnvironment(env)).variable());
        env.remove(Config.S3_PART_SIZE);

        StorageConfig.S3 s3 = assertInstanceOf(StorageConfig.S3.class, Config.fromEnvironment(env).storage());
        assertEquals(URI.create("http://127.0.0.1:9000"), s3.endpoint());
        assertEquals("onewindow", s3.bucket());
        assertEquals("minio", s3.accessKey());
        assertEquals("s3cr3t-value", s3.secretKey().reveal());
        assertNull(s3.region());
        assertEquals(8L * 1024 * 1024, s3.partSizeBytes());
        assertEquals("s3://onewindow at http://127.0.0.1:9000", s3.describe());
    }

    @Test
    void secretKeyFromFile() throws IOException {
        Path secretFile = dir.resolve("s3-secret");
        Files.writeString(secretFile, "from-file-secret\n");
        Map<String, String> env = new HashMap<>(Map.of(Config.STORAGE, "s3://onewindow",
                Config.S3_ENDPOINT, "http://127.0.0.1:9000", Config.S3_ACCESS_KEY, "minio",
                Config.S3_SECRET_KEY_FILE, secretFile.toString()));
        StorageConfig.S3 s3 = (StorageConfig.S3) Config.fromEnvironment(env).storage();
        assertEquals("from-file-secret", s3.secretKey().reveal());

        env.put(Config.S3_SECRET_KEY, "direct");
        assertEquals(Config.S3_SECRET_KEY_FILE,
                assertThrows(ConfigException.class, () -> Config.fromEnvironment(env)).variable(), "both set");

        env.remove(Config.S3_SECRET_KEY);
        env.put(Config.S3_SECRET_KEY_FILE, dir.resolve("nope").toString());
        ConfigException missing = assertThrows(ConfigException.class, () -> Config.fromEnvironment(env));
        assertEquals(Config.S3_SECRET_KEY_FILE, missing.variable());
    }

    @Test
    void secretsNeverShowInToString() throws IOException {
        Path file = dir.resolve("s3.properties");
        Files.writeString(file, "ONEWINDOW_S3_SECRET_KEY=file-secret-XYZ\n");
        Config config = Config.fromEnvironment(Map.of(Config.CONFIG, file.toString(),
                Config.STORAGE, "s3://onewindow", Config.S3_ENDPOINT, "https://s3.example.org",
                Config.S3_ACCESS_KEY, "AKIAEXAMPLE", Config.S3_REGION, "cn-north-1"));

        String text = config.toString();
        assertFalse(text.contains("file-secret-XYZ"), text);
        assertTrue(text.contains("[hidden]"), text);
        assertTrue(text.contains("AKIAEXAMPLE"), "non-secret fields stay visible: " + text);
        assertFalse(config.storage().describe().contains("file-secret-XYZ"));
        assertEquals("file-secret-XYZ", ((StorageConfig.S3) config.storage()).secretKey().reveal());
    }

    @Test
    void onlineRevocationCheckingIsOffByDefaultAndOnlyTrueOrFalse() {
        assertFalse(Config.fromEnvironment(Map.of()).verifyOnlineRevocation());
        assertTrue(Config.fromEnvironment(Map.of(Config.VERIFY_ONLINE_REVOCATION, "TRUE")).verifyOnlineRevocation());
        assertFalse(Config.fromEnvironment(Map.of(Config.VERIFY_ONLINE_REVOCATION, "false")).verifyOnlineRevocation());
        ConfigException e = assertThrows(ConfigException.class,
                () -> Config.fromEnvironment(Map.of(Config.VERIFY_ONLINE_REVOCATION, "yes")));
        assertTrue(e.getMessage().contains(Config.VERIFY_ONLINE_REVOCATION) && e.getMessage().contains("true or false"),
                e.getMessage());
    }
}
