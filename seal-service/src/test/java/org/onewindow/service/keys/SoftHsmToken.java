package org.onewindow.service.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SoftHSM2 token initialized by the tests themselves: one per test JVM (libsofthsm2 reads its configuration once,
 * when SunPKCS11 first loads it). Surefire points SOFTHSM2_CONF at a file under target/; this class writes that file
 * with a fresh temp token directory and runs {@code softhsm2-util --init-token}.
 */
public final class SoftHsmToken {
    public static final Path UTIL = Path.of("/usr/bin/softhsm2-util");
    public static final Path MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    public static final String PIN = "1234";

    private static Pkcs11CustodyConfig config;
    private static Pkcs11CustodyConfig untouched;

    private SoftHsmToken() {
    }

    /** The config of this JVM's test token (initialized on first call). */
    public static synchronized Pkcs11CustodyConfig config() throws IOException, InterruptedException {
        if (config != null) {
            return config;
        }
        if (!Files.isExecutable(UTIL) || !Files.exists(MODULE)) {
            throw new IllegalStateException("SoftHSM2 is missing: install the Debian package softhsm2 ("
                    + UTIL + ", " + MODULE + ")");
        }
        String confVariable = System.getenv("SOFTHSM2_CONF");
        if (confVariable == null) {
            throw new IllegalStateException("SOFTHSM2_CONF is not set: run the PKCS#11 tests through Maven "
                    + "(seal-service/pom.xml sets it for surefire)");
        }
        Path conf = Path.of(confVariable);
        Files.createDirectories(conf.getParent());
        Path tokens = Files.createTempDirectory(conf.getParent(), "tokens-");
        Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n",
                StandardCharsets.UTF_8);
        // Both tokens exist before SunPKCS11 first loads the module (SoftHSM2 reads its slots then).
        long slot = initToken(conf, "onewindow-test");
        long spareSlot = initToken(conf, "onewindow-spare");
        Path pinFile = tokens.resolve("user.pin");
        Files.writeString(pinFile, PIN + "\n", StandardCharsets.UTF_8);
        config = new Pkcs11CustodyConfig("hsm", MODULE, slot, 0, SecretSource.file(pinFile));
        untouched = new Pkcs11CustodyConfig("spare", MODULE, spareSlot, 0, SecretSource.file(pinFile));
        return config;
    }

    /**
     * A second token nobody logs into unless a test does: PKCS#11 login state is per process and token, so a wrong
     * PIN can only be detected on a token this JVM has not logged into yet.
     */
    public static synchronized Pkcs11CustodyConfig spareConfig() throws IOException, InterruptedException {
        config();
        return untouched;
    }

    private static long initToken(Path conf, String label) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(UTIL.toString(), "--init-token", "--free", "--label", label,
                "--so-pin", "0000", "--pin", PIN).redirectErrorStream(true);
        builder.environment().put("SOFTHSM2_CONF", conf.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("softhsm2-util --init-token failed: " + output);
        }
        Matcher slot = Pattern.compile("slot (\\d+)").matcher(output);
        if (!slot.find()) {
            throw new IllegalStateException("cannot find the slot in softhsm2-util output: " + output);
        }
        return Long.parseLong(slot.group(1));
    }
}
