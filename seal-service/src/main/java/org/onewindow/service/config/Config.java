package org.onewindow.service.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.onewindow.templates.FontConfig;
import org.onewindow.templates.FontFile;

/**
 * The service configuration, read once at startup from environment variables and an optional properties file
 * ({@code ONEWINDOW_CONFIG}); an environment variable wins over the same key in the file. Every variable, its
 * default and its allowed form is listed in {@code docs/configuration.md}. Immutable; {@link #toString()} never
 * shows secrets.
 *
 * @param storage         where objects are stored
 * @param host            interface to listen on
 * @param port            TCP port to listen on; 0 picks a free port (tests)
 * @param publicUrl       the URL people reach the service at (certificates, QR codes); no trailing slash
 * @param maxUploadBytes  largest accepted document upload
 * @param maxJsonBytes    largest accepted JSON request body
 * @param shutdownGrace   how long a shutdown waits for in-flight requests
 * @param logLevel        root log level: TRACE, DEBUG, INFO, WARN or ERROR
 * @param configFile      the properties file that was read, or {@code null}
 * @param fonts           the CJK fonts of generated documents (song, kai, hei, fallbacks); files are checked when
 *                        the first document is rendered, not here, so a service without fonts still starts

 * @param keys            key custody (PKCS#12 passphrase, PKCS#11 token), the key type of new seals, the TSA
 * @param verifyRequestsPerMinute requests per minute one client address may make to the public verification pages
 * @param verifyOnlineRevocation  whether the verifier fetches OCSP/CRL over http(s) for certificates the document
 *                                carries no revocation data for
 */
public record Config(StorageConfig storage, String host, int port, URI publicUrl, long maxUploadBytes,
                     long maxJsonBytes, Duration shutdownGrace, String logLevel, Path configFile,
                     FontConfig fonts, KeysConfig keys, int verifyRequestsPerMinute,
                     boolean verifyOnlineRevocation) {

    public static final String CONFIG = "ONEWINDOW_CONFIG";
    public static final String STORAGE = "ONEWINDOW_STORAGE";
    public static final String S3_ENDPOINT = "ONEWINDOW_S3_ENDPOINT";
    public static final String S3_REGION = "ONEWINDOW_S3_REGION";
    public static final String S3_ACCESS_KEY = "ONEWINDOW_S3_ACCESS_KEY";
    public static final String S3_SECRET_KEY = "ONEWINDOW_S3_SECRET_KEY";
    public static final String S3_SECRET_KEY_FILE = "ONEWINDOW_S3_SECRET_KEY_FILE";
    public static final String S3_PART_SIZE = "ONEWINDOW_S3_PART_SIZE";
    public static final String HOST = "ONEWINDOW_HOST";
    public static final String PORT = "ONEWINDOW_PORT";
    public static final String PUBLIC_URL = "ONEWINDOW_PUBLIC_URL";
    public static final String MAX_UPLOAD_BYTES = "ONEWINDOW_MAX_UPLOAD_BYTES";
    public static final String MAX_JSON_BYTES = "ONEWINDOW_MAX_JSON_BYTES";
    public static final String SHUTDOWN_GRACE_SECONDS = "ONEWINDOW_SHUTDOWN_GRACE_SECONDS";
    public static final String LOG_LEVEL = "ONEWINDOW_LOG_LEVEL";
    public static final String FONT_SONG = "ONEWINDOW_FONT_SONG";
    public static final String FONT_KAI = "ONEWINDOW_FONT_KAI";
    public static final String FONT_HEI = "ONEWINDOW_FONT_HEI";
    public static final String FONT_FALLBACK = "ONEWINDOW_FONT_FALLBACK";
    public static final String KEYSTORE_PASSPHRASE = "ONEWINDOW_KEYSTORE_PASSPHRASE";
    public static final String KEYSTORE_PASSPHRASE_FILE = "ONEWINDOW_KEYSTORE_PASSPHRASE_FILE";
    public static final String SEAL_KEY_TYPE = "ONEWINDOW_SEAL_KEY_TYPE";
    public static final String DEMO_SEALS = "ONEWINDOW_DEMO_SEALS";
    public static final String SEAL_CUSTODY = "ONEWINDOW_SEAL_CUSTODY";
    public static final String PKCS11_LIBRARY = "ONEWINDOW_PKCS11_LIBRARY";
    public static final String PKCS11_SLOT = "ONEWINDOW_PKCS11_SLOT";
    public static final String PKCS11_SLOT_INDEX = "ONEWINDOW_PKCS11_SLOT_INDEX";
    public static final String PKCS11_PIN = "ONEWINDOW_PKCS11_PIN";
    public static final String PKCS11_PIN_FILE = "ONEWINDOW_PKCS11_PIN_FILE";
    public static final String TSA_URL = "ONEWINDOW_TSA_URL";
    public static final String VERIFY_RATE_PER_MINUTE = "ONEWINDOW_VERIFY_RATE_PER_MINUTE";
    public static final int DEFAULT_VERIFY_RATE_PER_MINUTE = 30;
    public static final String VERIFY_ONLINE_REVOCATION = "ONEWINDOW_VERIFY_ONLINE_REVOCATION";

    /** Every key the properties file may hold (the same names as the environment variables). */
    public static final Set<String> FILE_KEYS = Set.of(STORAGE, S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY, S3_SECRET_KEY,
            S3_SECRET_KEY_FILE, S3_PART_SIZE, HOST, PORT, PUBLIC_URL, MAX_UPLOAD_BYTES, MAX_JSON_BYTES,
            SHUTDOWN_GRACE_SECONDS, LOG_LEVEL, FONT_SONG, FONT_KAI, FONT_HEI, FONT_FALLBACK,
            KEYSTORE_PASSPHRASE, KEYSTORE_PASSPHRASE_FILE, SEAL_KEY_TYPE, DEMO_SEALS, SEAL_CUSTODY, PKCS11_LIBRARY,
            PKCS11_SLOT, PKCS11_SLOT_INDEX, PKCS11_PIN, PKCS11_PIN_FILE, TSA_URL, VERIFY_RATE_PER_MINUTE,
            VERIFY_ONLINE_REVOCATION);

    public static final String DEFAULT_STORAGE = "fs:./data";
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 7070;
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 256L * 1024 * 1024;
    public static final long DEFAULT_MAX_JSON_BYTES = 1024L * 1024;
    public static final long DEFAULT_S3_PART_SIZE = 8L * 1024 * 1024;
    public static final long MIN_S3_PART_SIZE = 5L * 1024 * 1024;
    public static final int DEFAULT_SHUTDOWN_GRACE_SECONDS = 30;
    public static final String DEFAULT_LOG_LEVEL = "INFO";
    /** Separates the files of {@code ONEWINDOW_FONT_FALLBACK} (a comma already separates a .ttc face index). */
    public static final String FONT_LIST_SEPARATOR = ";";
    public static final String DEFAULT_SEAL_KEY_TYPE = "rsa-2048";
    public static final String DEFAULT_PKCS11_LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";

    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
    private static final Pattern BYTE_SIZE = Pattern.compile("([0-9]{1,19})\\s*(|B|KiB|MiB|GiB)");
    // S3 bucket naming rules: 3-63 characters, lower-case letters, digits, dots and hyphens.
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public Config {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(fonts, "fonts");
        Objects.requireNonNull(keys, "keys");
    }

    /** Reads the configuration from the real process environment. */
    public static Config fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Reads the configuration from {@code env} (and the properties file it names in {@code ONEWINDOW_CONFIG}).
     *
     * @throws ConfigException naming the first variable that is wrong and the form it must have
     */
    public static Config fromEnvironment(Map<String, String> env) {
        Path configFile = null;
        Map<String, String> file = Map.of();
        String configPath = blankToNull(env.get(CONFIG));
        if (configPath != null) {
            configFile = toPath(CONFIG, configPath).toAbsolutePath().normalize();
            file = readPropertiesFile(configFile);
        }
        Source source = new Source(env, file);

        StorageConfig storage = parseStorage(source);
        String host = source.get(HOST, DEFAULT_HOST);
        if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new ConfigException(HOST, "must be a host name or IP address, e.g. 0.0.0.0 or 127.0.0.1; got '"
                    + host + "'");
        }
        int port = parsePort(source.get(PORT, Integer.toString(DEFAULT_PORT)));
        URI publicUrl = parsePublicUrl(source.get(PUBLIC_URL, "http://localhost:" + (port == 0 ? DEFAULT_PORT : port)));
        long maxUpload = parseByteSize(MAX_UPLOAD_BYTES, source.get(MAX_UPLOAD_BYTES, null), DEFAULT_MAX_UPLOAD_BYTES, 1);
        long maxJson = parseByteSize(MAX_JSON_BYTES, source.get(MAX_JSON_BYTES, null), DEFAULT_MAX_JSON_BYTES, 1);
        Duration grace = Duration.ofSeconds(parseInt(SHUTDOWN_GRACE_SECONDS,
                source.get(SHUTDOWN_GRACE_SECONDS, Integer.toString(DEFAULT_SHUTDOWN_GRACE_SECONDS)), 0, 3600,
                "a whole number of seconds from 0 to 3600"));
        String logLevel = source.get(LOG_LEVEL, DEFAULT_LOG_LEVEL).toUpperCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(logLevel)) {
            throw new ConfigException(LOG_LEVEL, "must be one of TRACE, DEBUG, INFO, WARN, ERROR; got '"
                    + source.get(LOG_LEVEL, DEFAULT_LOG_LEVEL) + "'");
        }
        FontConfig fonts = parseFonts(source);
        KeysConfig keys = parseKeys(source);
        int verifyRate = parseInt(VERIFY_RATE_PER_MINUTE, source.get(VERIFY_RATE_PER_MINUTE,
                Integer.toString(DEFAULT_VERIFY_RATE_PER_MINUTE)), 1, 100_000, "a whole number from 1 to 100000");
        boolean online = parseBoolean(VERIFY_ONLINE_REVOCATION, source.get(VERIFY_ONLINE_REVOCATION, "false"));
        return new Config(storage, host, port, publicUrl, maxUpload, maxJson, grace, logLevel, configFile, fonts,
                keys, verifyRate, online);
    }

    /** {@code true} or {@code false}, case-insensitive; anything else names the variable. */
    public static boolean parseBoolean(String variable, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new ConfigException(variable, "must be true or false; got '" + value + "'");
        }
        return v.equals("true");
    }

    /** Font files as {@code /path/font.ttf} or {@code /path/fonts.ttc,INDEX}; unset keeps the Debian default. */
    private static FontConfig parseFonts(Source source) {
        String song = fontSpec(FONT_SONG, source.get(FONT_SONG, null));
        String kai = fontSpec(FONT_KAI, source.get(FONT_KAI, null));
        String hei = fontSpec(FONT_HEI, source.get(FONT_HEI, null));
        String fallbackList = source.get(FONT_FALLBACK, null);
        List<String> fallbacks = new ArrayList<>();
        if (fallbackList != null) {
            for (String spec : fallbackList.split(FONT_LIST_SEPARATOR, -1)) {
                if (spec.isBlank()) {
                    throw new ConfigException(FONT_FALLBACK, "must be font files separated by '" + FONT_LIST_SEPARATOR
                            + "' with no empty entry, e.g. /usr/share/fonts/truetype/arphic/uming.ttc,0; got '"
                            + fallbackList + "'");
                }
                fallbacks.add(fontSpec(FONT_FALLBACK, spec.strip()));
            }
        }
        return FontConfig.of(song, kai, hei, fallbacks);
    }

    private static String fontSpec(String variable, String value) {
        if (value == null) {
            return null;
        }
        String allowed = "an absolute path of a TrueType .ttf file, or of a .ttc collection followed by ,INDEX "
                + "(e.g. /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc,0); got '" + value + "'";
        FontFile file;
        try {
            file = FontFile.parse(value, null);
        } catch (InvalidPathException e) {
            throw new ConfigException(variable, "must be " + allowed);
        }
        String name = file.path().getFileName() == null ? ""
                : file.path().getFileName().toString().toLowerCase(Locale.ROOT);
        boolean collection = name.endsWith(".ttc");
        if (!file.path().isAbsolute() || !(collection || name.endsWith(".ttf"))
                || (value.matches(".*,\\s*\\d+\\s*") && !collection)) {
            throw new ConfigException(variable, "must be " + allowed);
        }
        return value;
    }

    private static KeysConfig parseKeys(Source source) {
        String direct = source.get(KEYSTORE_PASSPHRASE, null);
        String fileName = source.get(KEYSTORE_PASSPHRASE_FILE, null);
        if (direct != null && fileName != null) {
            throw new ConfigException(KEYSTORE_PASSPHRASE_FILE, "set either " + KEYSTORE_PASSPHRASE + " or "
                    + KEYSTORE_PASSPHRASE_FILE + ", not both");
        }
        String passphrase = direct;
        String variable = KEYSTORE_PASSPHRASE;
        if (fileName != null) {
            variable = KEYSTORE_PASSPHRASE_FILE;
            Path path = toPath(KEYSTORE_PASSPHRASE_FILE, fileName);
            try {
                passphrase = Files.readString(path, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ConfigException(KEYSTORE_PASSPHRASE_FILE, "cannot read the passphrase file "
                        + path.toAbsolutePath() + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        boolean demo = passphrase == null;
        if (demo) {
            passphrase = KeysConfig.DEMO_PASSPHRASE;
        } else if (passphrase.length() < 12 || !passphrase.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            throw new ConfigException(variable, "the keystore passphrase must be at least 12 printable ASCII "
                    + "characters (the JDK's PKCS#12 encryption accepts nothing else)");
        }
        String keyType = source.get(SEAL_KEY_TYPE, DEFAULT_SEAL_KEY_TYPE);
        var spec = KeysConfig.parseKeySpec(keyType).orElseThrow(() -> new ConfigException(SEAL_KEY_TYPE,
                "must be rsa-2048, rsa-3072 or ec-p256; got '" + keyType + "'"));
        String seed = source.get(DEMO_SEALS, "true").toLowerCase(Locale.ROOT);
        if (!seed.equals("true") && !seed.equals("false")) {
            throw new ConfigException(DEMO_SEALS, "must be true or false; got '" + seed + "'");
        }
        KeysConfig.Pkcs11 pkcs11 = parseCustody(source);
        String tsa = source.get(TSA_URL, null);
        URI tsaUrl = tsa == null ? null : parseHttpUrl(TSA_URL, tsa);
        return new KeysConfig(new Secret(passphrase), demo, spec, seed.equals("true"), pkcs11, tsaUrl);
    }

    /** {@code null} for PKCS#12 custody; the token settings for {@code pkcs11}. */
    private static KeysConfig.Pkcs11 parseCustody(Source source) {
        String custody = source.get(SEAL_CUSTODY, "pkcs12").toLowerCase(Locale.ROOT);
        List<String> tokenVariables = List.of(PKCS11_LIBRARY, PKCS11_SLOT, PKCS11_SLOT_INDEX, PKCS11_PIN,
                PKCS11_PIN_FILE);
        if (custody.equals("pkcs12")) {
            for (String variable : tokenVariables) {
                if (source.get(variable, null) != null) {
                    throw new ConfigException(variable, "is only used with " + SEAL_CUSTODY + "=pkcs11 (custody is "
                            + "pkcs12)");
                }
            }
            return null;
        }
        if (!custody.equals("pkcs11")) {
            throw new ConfigException(SEAL_CUSTODY, "must be pkcs12 (encrypted PKCS#12 files in storage) or pkcs11 "
                    + "(a PKCS#11 token); got '" + source.get(SEAL_CUSTODY, null) + "'");
        }
        String libraryName = source.get(PKCS11_LIBRARY, DEFAULT_PKCS11_LIBRARY);
        Path library = toPath(PKCS11_LIBRARY, libraryName);
        if (!library.isAbsolute()) {
            throw new ConfigException(PKCS11_LIBRARY, "must be the absolute path of a PKCS#11 module, e.g. "
                    + DEFAULT_PKCS11_LIBRARY + "; got '" + libraryName + "'");
        }
        String slotText = source.get(PKCS11_SLOT, null);
        String indexText = source.get(PKCS11_SLOT_INDEX, null);
        if (slotText != null && indexText != null) {
            throw new ConfigException(PKCS11_SLOT_INDEX, "set either " + PKCS11_SLOT + " or " + PKCS11_SLOT_INDEX
                    + ", not both");
        }
        Long slot = null;
        if (slotText != null) {
            try {
                slot = Long.parseLong(slotText);
            } catch (NumberFormatException e) {
                slot = -1L;
            }
            if (slot < 0) {
                throw new ConfigException(PKCS11_SLOT, "must be a slot id, a whole number of 0 or more (as "
                        + "softhsm2-util --show-slots prints it); got '" + slotText + "'");
            }
        }
        int index = indexText == null ? 0 : parseInt(PKCS11_SLOT_INDEX, indexText, 0, 1023,
                "an index into the module's slot list from 0 to 1023");
        return new KeysConfig.Pkcs11(library, slot, index, parsePin(source));
    }

    private static Secret parsePin(Source source) {
        String direct = source.get(PKCS11_PIN, null);
        String fileName = source.get(PKCS11_PIN_FILE, null);
        if (direct != null && fileName != null) {
            throw new ConfigException(PKCS11_PIN_FILE, "set either " + PKCS11_PIN + " or " + PKCS11_PIN_FILE
                    + ", not both");
        }
        if (direct != null) {
            return new Secret(direct);
        }
        if (fileName == null) {
            throw new ConfigException(PKCS11_PIN, "is required with " + SEAL_CUSTODY + "=pkcs11 (or set "
                    + PKCS11_PIN_FILE + " to a file holding the token's user PIN)");
        }
        Path path = toPath(PKCS11_PIN_FILE, fileName);
        String content;
        try {
            content = Files.readString(path, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ConfigException(PKCS11_PIN_FILE, "cannot read the PIN file " + path.toAbsolutePath() + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (content.isEmpty()) {
            throw new ConfigException(PKCS11_PIN_FILE, "the PIN file " + path.toAbsolutePath() + " is empty");
        }
        return new Secret(content);
    }

    private static StorageConfig parseStorage(Source source) {
        String value = source.get(STORAGE, DEFAULT_STORAGE);
        if (value.startsWith("fs:")) {
            String dir = value.substring("fs:".length());
            if (dir.isBlank()) {
                throw new ConfigException(STORAGE, "fs: needs a directory, e.g. fs:./data or fs:/var/lib/onewindow");
            }
            return new StorageConfig.FileSystem(toPath(STORAGE, dir));
        }
        if (value.startsWith("s3://")) {
            String bucket = value.substring("s3://".length());
            if (!BUCKET.matcher(bucket).matches()) {
                throw new ConfigException(STORAGE, "s3://BUCKET needs a bucket name of 3-63 characters "
                        + "[a-z0-9.-] (no path, no slash); got '" + value + "'");
            }
            URI endpoint = parseHttpUrl(S3_ENDPOINT, source.require(S3_ENDPOINT,
                    "is required with s3:// storage, e.g. http://127.0.0.1:9000"));
            String region = source.get(S3_REGION, null);
            String accessKey = source.require(S3_ACCESS_KEY, "is required with s3:// storage");
            Secret secret = parseSecret(source);
            long partSize = parseByteSize(S3_PART_SIZE, source.get(S3_PART_SIZE, null), DEFAULT_S3_PART_SIZE,
                    MIN_S3_PART_SIZE);
            return new StorageConfig.S3(endpoint, region, bucket, accessKey, secret, partSize);
        }
        throw new ConfigException(STORAGE, "must be fs:DIRECTORY (e.g. fs:./data) or s3://BUCKET; got '" + value + "'");
    }

    private static Secret parseSecret(Source source) {
        String direct = source.get(S3_SECRET_KEY, null);
        String fileName = source.get(S3_SECRET_KEY_FILE, null);
        if (direct != null && fileName != null) {
            throw new ConfigException(S3_SECRET_KEY_FILE, "set either " + S3_SECRET_KEY + " or "
                    + S3_SECRET_KEY_FILE + ", not both");
        }
        if (direct != null) {
            return new Secret(direct);
        }
        if (fileName == null) {
            throw new ConfigException(S3_SECRET_KEY, "is required with s3:// storage (or set "
                    + S3_SECRET_KEY_FILE + " to a file holding it)");
        }
        Path path = toPath(S3_SECRET_KEY_FILE, fileName);
        String content;
        try {
            content = Files.readString(path, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ConfigException(S3_SECRET_KEY_FILE, "cannot read the secret key file " + path.toAbsolutePath()
                    + " (" + e.getClass().getSimpleName() + ")");
        }
        if (content.isEmpty()) {
            throw new ConfigException(S3_SECRET_KEY_FILE, "the secret key file " + path.toAbsolutePath() + " is empty");
        }
        return new Secret(content);
    }

    private static int parsePort(String value) {
        return parseInt(PORT, value, 0, 65535, "a TCP port number from 0 to 65535 (0 picks a free port)");
    }

    private static int parseInt(String variable, String value, int min, int max, String allowed) {
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // fall through to the message naming the allowed form
        }
        throw new ConfigException(variable, "must be " + allowed + "; got '" + value + "'");
    }

    /** Parses {@code 1048576}, {@code 1024KiB}, {@code 256MiB}, {@code 1GiB}. */
    static long parseByteSize(String variable, String value, long defaultValue, long min) {
        if (value == null) {
            return defaultValue;
        }
        Matcher matcher = BYTE_SIZE.matcher(value.strip());
        String allowed = "a size in bytes of at least " + min + ", optionally with a KiB, MiB or GiB suffix "
                + "(e.g. 1048576 or 256MiB); got '" + value + "'";
        if (!matcher.matches()) {
            throw new ConfigException(variable, "must be " + allowed);
        }
        long multiplier = switch (matcher.group(2)) {
            case "KiB" -> 1024L;
            case "MiB" -> 1024L * 1024;
            case "GiB" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        try {
            long bytes = Math.multiplyExact(Long.parseLong(matcher.group(1)), multiplier);
            if (bytes >= min) {
                return bytes;
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // too large: fall through
        }
        throw new ConfigException(variable, "must be " + allowed);
    }

    private static URI parsePublicUrl(String value) {
        URI uri = parseHttpUrl(PUBLIC_URL, value);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigException(PUBLIC_URL, "must not have a query or fragment; got '" + value + "'");
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    private static URI parseHttpUrl(String variable, String value) {
        String allowed = "an absolute http:// or https:// URL, e.g. https://zwfw.example.gov.cn; got '" + value + "'";
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new ConfigException(variable, "must be " + allowed);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new ConfigException(variable, "must be " + allowed);
        }
        return uri;
    }

    private static Path toPath(String variable, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new ConfigException(variable, "is not a valid path: '" + value + "'");
        }
    }

    private static Map<String, String> readPropertiesFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException(CONFIG, "cannot read the properties file " + file + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw new ConfigException(CONFIG, "the properties file " + file + " is malformed: " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        Set<String> unknown = new TreeSet<>();
        for (String name : properties.stringPropertyNames()) {
            if (FILE_KEYS.contains(name)) {
                values.put(name, properties.getProperty(name));
            } else {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException(CONFIG, "the properties file " + file + " has unknown keys " + unknown
                    + "; allowed keys are the variable names in docs/configuration.md, e.g. " + PORT);
        }
        return values;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Environment first, then the file; blank values count as unset. */
    private record Source(Map<String, String> env, Map<String, String> file) {
        String get(String name, String defaultValue) {
            String value = blankToNull(env.get(name));
            if (value == null) {
                value = blankToNull(file.get(name));
            }
            return value == null ? defaultValue : value.strip();
        }

        String require(String name, String message) {
            String value = get(name, null);
            if (value == null) {
                throw new ConfigException(name, message);
            }
            return value;
        }
    }
}
