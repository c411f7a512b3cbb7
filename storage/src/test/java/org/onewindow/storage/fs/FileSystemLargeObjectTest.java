package org.onewindow.storage.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams 1 GiB through put and get in a child JVM limited to a 256 MiB heap, so that buffering a whole object
 * anywhere fails. Tagged "benchmark": not part of the default build; run with
 * {@code mvn -o -pl storage test -Dtest=FileSystemLargeObjectTest -Donewindow.test.excludedGroups=none}.
 */
@Tag("benchmark")
class FileSystemLargeObjectTest {
    private static final long SIZE = 1L << 30;

    @TempDir
    Path root;

    @Test
    @Timeout(value = 20, unit = java.util.concurrent.TimeUnit.MINUTES,
            threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void oneGibibyteStreamsThroughABoundedHeap() throws Exception {
        try (ChildJvm child = ChildJvm.start(LargeObjectRoundTrip.class, List.of("-Xmx256m"),
                root.toString(), Long.toString(SIZE))) {
            int exit = child.awaitExit(20 * 60);
            String output = child.output();
            System.out.println(output);
            assertEquals(0, exit, output);

            Matcher heap = Pattern.compile("maxHeap=(\\d+)").matcher(output);
            assertTrue(heap.find(), output);
            assertTrue(Long.parseLong(heap.group(1)) <= 256L << 20, "child heap was not bounded: " + output);

            Matcher ok = Pattern.compile("OK size=(\\d+) sha256=([0-9a-f]{64})").matcher(output);
            assertTrue(ok.find(), output);
            assertEquals(SIZE, Long.parseLong(ok.group(1)));
            assertEquals(independentSha256(), ok.group(2), "sha256 of the generated content, computed here");
        }
    }

    /** The generator's SHA-256 computed in this JVM, apart from the store and the child. */
    private static String independentSha256() {
        GeneratedContent content = new GeneratedContent(LargeObjectRoundTrip.SEED, SIZE);
        byte[] buffer = new byte[1 << 16];
        while (content.read(buffer, 0, buffer.length) >= 0) {
            // the digest is computed while reading
        }
        return content.sha256Hex();
    }
}
