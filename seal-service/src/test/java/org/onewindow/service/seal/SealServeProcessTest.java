package org.onewindow.service.seal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} in its own JVM on a fresh store, as the launcher's {@code ./onewindow run} starts it: the console
 * tells what the first start created (demo users, demo PKI, the default seals) and warns about the demo keystore
 * passphrase.
 */
class SealServeProcessTest {
    @TempDir
    Path dir;

    @Test
    void firstStartPrintsTheSeededSealsTheDemoUsersAndThePassphraseWarning() throws Exception {
        Path output = dir.resolve("serve.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dfile.encoding=UTF-8", "org.onewindow.service.Main",
                "serve")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("ONEWINDOW_STORAGE", "fs:" + dir.resolve("data"));
        builder.environment().put("ONEWINDOW_HOST", "127.0.0.1");
        builder.environment().put("ONEWINDOW_PORT", "0");
        builder.environment().put("ONEWINDOW_SEAL_KEY_TYPE", "ec-p256");
        builder.environment().put("ONEWINDOW_AUDIT_CHECKPOINT_KEY_FILE", dir.resolve("secrets/audit.key").toString());
        builder.environment().remove("ONEWINDOW_CONFIG");
        builder.environment().remove("ONEWINDOW_KEYSTORE_PASSPHRASE");
        builder.environment().remove("ONEWINDOW_KEYSTORE_PASSPHRASE_FILE");
        Process process = builder.start();
        try {
            String log = awaitText(output, process, "枚默认印章");
            assertTrue(log.contains("ONEWINDOW_KEYSTORE_PASSPHRASE"), log);
            assertTrue(log.contains("center-acceptance") && log.contains("敦煌市行政服务中心受理专用章"), log);
            assertTrue(log.contains("dept-fire-rescue") && log.contains("敦煌市消防救援大队行政审批专用章"), log);
            assertTrue(log.contains("sealadmin"), "how to log in: " + log);
            process.destroy();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "serve did not stop after SIGTERM");
        } finally {
            process.destroyForcibly();
        }
    }

    private static String awaitText(Path output, Process process, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            String log = Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
            if (log.contains(text)) {
                return log;
            }
            if (!process.isAlive()) {
                throw new AssertionError("serve exited with " + process.exitValue() + ":\n" + log);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' within 180 s:\n" + Files.readString(output, StandardCharsets.UTF_8));
    }
}
