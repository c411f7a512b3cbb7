package org.onewindow.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Streams 1 GiB through the S3 store in a child JVM limited to 256 MiB of heap: proves that put (multipart,
 * one part buffer) and get stream instead of buffering. Excluded from the default run; run with
 * {@code mvn -pl storage test -Donewindow.test.excludedGroups=none -Dtest=S3LargeObjectTest}.
 */
@Tag("benchmark")
class S3LargeObjectTest {
    private static final long SIZE = 1024L * 1024 * 1024;

    @Test
    void oneGibibyteRoundTripInA256MibHeap() throws Exception {
        try (S3TestServer server = S3TestServer.start()) {
            String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    S3LargeObjectRoundTrip.class.getName(), server.endpoint(), server.bucket(), server.accessKey(),
                    Long.toString(SIZE)).redirectErrorStream(true);
            builder.environment().put("S3_SECRET_KEY", server.secretKey());
            Process child = builder.start();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Thread pump = new Thread(() -> {
                try {
                    child.getInputStream().transferTo(output);
                } catch (java.io.IOException ignored) {
                    // child ended
                }
            });
            pump.start();
            boolean finished = child.waitFor(20, TimeUnit.MINUTES);
            if (!finished) {
                child.destroyForcibly();
            }
            pump.join(10_000);
            String text = output.toString(StandardCharsets.UTF_8);
            System.out.println(text);
            assertTrue(finished, "the round trip did not finish in 20 minutes");
            assertEquals(0, child.exitValue(), text);
            assertTrue(text.contains("RESULT sha256-ok"), text);
            assertEquals(List.of(), server.pendingUploads(server.bucket()));
            assertEquals(List.of("large/object.bin"), server.allKeys(server.bucket()));
        }
    }
}
