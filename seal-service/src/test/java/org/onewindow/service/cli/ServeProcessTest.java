package org.onewindow.service.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} in its own JVM, as the launcher runs it: startup line, a request, SIGTERM, graceful stop. */
class ServeProcessTest {
    private static final Pattern LISTENING = Pattern.compile("onewindow listening on (http://127\\.0\\.0\\.1:(\\d+))");

    @TempDir
    Path dir;

    @Test
    void serveStartsAnswersAndStopsGracefullyOnSigterm() throws Exception {
        Path dataDir = dir.resolve("data");
        Path output = dir.resolve("serve.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.onewindow.service.Main", "serve")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("ONEWINDOW_STORAGE", "fs:" + dataDir);
        builder.environment().put("ONEWINDOW_HOST", "127.0.0.1");
        builder.environment().put("ONEWINDOW_PORT", "0");
        builder.environment().remove("ONEWINDOW_CONFIG");
        Process process = builder.start();
        try {
            String url = awaitUrl(output, process);
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url + "/healthz")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());

            process.destroy(); // SIGTERM: the shutdown hook stops the application
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "serve did not stop after SIGTERM");
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertTrue(log.contains("storage: filesystem object store at " + dataDir), log);
            assertTrue(log.contains("GET /healthz 200"), log);
            assertTrue(log.contains("onewindow stopping") && log.contains("onewindow stopped"), log);
        } finally {
            process.destroyForcibly();
        }
    }

    /** Waits (bounded) for the startup line and returns the URL it names. */
    private static String awaitUrl(Path output, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String log = Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
            Matcher matcher = LISTENING.matcher(log);
            if (matcher.find()) {
                return matcher.group(1);
            }
            if (!process.isAlive()) {
                throw new AssertionError("serve exited with " + process.exitValue() + ":\n" + log);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no startup line within 30 s:\n" + Files.readString(output, StandardCharsets.UTF_8));
    }
}
