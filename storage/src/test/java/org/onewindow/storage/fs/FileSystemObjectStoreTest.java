package org.onewindow.storage.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.storage.ConditionalCounter;
import org.onewindow.storage.ObjectInfo;
import org.onewindow.storage.ObjectKey;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.ObjectStoreContract;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.StorageUnavailableException;

/** The contract on the filesystem backend, plus what only a filesystem can show: processes, crashes, files. */
class FileSystemObjectStoreTest extends ObjectStoreContract {
    @TempDir
    Path root;

    @Override
    protected ObjectStore newStore() {
        return new FileSystemObjectStore(root);
    }

    @Test
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void conditionalIncrementsFromTwoProcessesLoseNoUpdate() throws Exception {
        int increments = 150;
        ConditionalCounter counter = new ConditionalCounter(store, "counters/cross-process");
        counter.createIfAbsent();
        List<ChildJvm> children = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                children.add(ChildJvm.start(CrossProcessIncrementer.class, List.of("-Xmx64m"),
                        root.toString(), "counters/cross-process", Integer.toString(increments)));
            }
            for (ChildJvm child : children) {
                child.awaitLine("ready");
            }
            for (ChildJvm child : children) {
                child.send("go");
            }
            // This process increments too, while the children run: three writers, two of them elsewhere.
            int ownConflicts = 0;
            for (int i = 0; i < increments; i++) {
                ownConflicts += counter.increment();
            }
            int conflicts = ownConflicts;
            for (ChildJvm child : children) {
                conflicts += Integer.parseInt(child.awaitLine("done ").substring("done ".length()));
                assertEquals(0, child.awaitExit(60), child.output());
            }
            assertEquals(3L * increments, counter.value(), "conflicts seen: " + conflicts);
        } finally {
            children.forEach(ChildJvm::close);
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aWriterKilledMidUploadLeavesNothingVisible() throws Exception {
        ObjectInfo previous = store.put("crash/existing", utf8("previous"), PutOptions.defaults());
        for (String key : List.of("crash/existing", "crash/new")) {
            try (ChildJvm child = ChildJvm.start(CrashingWriter.class, List.of("-Xmx64m"), root.toString(), key)) {
                child.awaitLine("streaming");
                child.kill();
            }
        }
        assertEquals(2, filesUnder(root.resolve("tmp")).size(), "each killed writer leaves its temp file");

        assertEquals(Optional.empty(), store.head("crash/new"));
        assertEquals(previous.version(), store.head("crash/existing").orElseThrow().version());
        assertEquals("previous", new String(store.readAllBytes("crash/existing"), StandardCharsets.UTF_8));
        assertEquals(List.of("crash/existing"), keys(store.list("", null, 10)));

        store.close();
        store = new FileSystemObjectStore(root, Duration.ZERO);
        assertEquals(List.of(), filesUnder(root.resolve("tmp")), "leftovers are cleaned at open");
        assertEquals(List.of("crash/existing"), keys(store.list("", null, 10)));
    }

    @Test
    void concurrentPutsAndDeletesInOneDirectoryDoNotTripOverEachOther() throws Exception {
        int threads = 4;
        runConcurrently(threads, thread -> {
            for (int i = 0; i < 100; i++) {
                String key = "shared/dir/t" + thread + "/" + i % 3;
                store.put(key, utf8(key), PutOptions.defaults());
                assertTrue(store.delete(key), key);
            }
            store.put("shared/dir/final-" + thread, utf8("x"), PutOptions.defaults());
            return null;
        });
        assertEquals(List.of("shared/dir/final-0", "shared/dir/final-1", "shared/dir/final-2", "shared/dir/final-3"),
                keys(store.list("shared/", null, 10)));
    }

    @Test
    void twoStoresOnOneRootInOneJvmExcludeEachOther() throws Exception {
        try (FileSystemObjectStore other = new FileSystemObjectStore(root)) {
            ConditionalCounter viaStore = new ConditionalCounter(store, "counters/shared");
            ConditionalCounter viaOther = new ConditionalCounter(other, "counters/shared");
            viaStore.createIfAbsent();
            runConcurrently(4, thread -> {
                for (int i = 0; i < 25; i++) {
                    (thread % 2 == 0 ? viaStore : viaOther).increment();
                }
                return null;
            });
            assertEquals(100, viaOther.value());
        }
    }

    @Test
    void reopenedStoreSeesTheData() {
        ObjectInfo written = store.put("案件/1/申请书.pdf", utf8("content"),
                PutOptions.of("application/pdf").withMetadata(Map.of("filename", "申请书.pdf")));
        store.close();

        store = new FileSystemObjectStore(root);
        ObjectInfo read = store.head("案件/1/申请书.pdf").orElseThrow();
        assertSameObject(written, read);
        assertEquals(List.of("案件/1/申请书.pdf"), keys(store.list("", null, 10)));
        assertEquals("content", new String(store.readAllBytes("案件/1/申请书.pdf"), StandardCharsets.UTF_8));
    }

    @Test
    void tempFilesOfCrashedWritersAreNeverListedAndStaleOnesAreCleanedAtOpen() throws Exception {
        store.put("kept", utf8("kept"), PutOptions.defaults());
        store.close();
        Path tmp = root.resolve("tmp");
        Path stale = Files.write(tmp.resolve("0123456789abcdef.tmp"), new byte[4096]);
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path fresh = Files.write(tmp.resolve("fedcba9876543210.tmp"), new byte[4096]);

        store = new FileSystemObjectStore(root, Duration.ofMinutes(30));

        assertFalse(Files.exists(stale), "a stale temp file is deleted at open");
        assertTrue(Files.exists(fresh), "a recent temp file may belong to a live writer in another process");
        assertEquals(List.of("kept"), keys(store.list("", null, 10)));
    }

    @Test
    void failedWritesLeaveNoFilesBehind() throws Exception {
        assertThrows(RuntimeException.class, () -> store.put("uploads/broken",
                new FailingInputStream(1024 * 1024), PutOptions.defaults()));
        store.put("state/x", utf8("1"), PutOptions.defaults());
        assertThrows(RuntimeException.class, () -> store.put("state/x", utf8("2"),
                PutOptions.defaults().withCondition(org.onewindow.storage.WriteCondition.ifAbsent())));
        store.delete("state/x");

        assertEquals(List.of(), filesUnder(root.resolve("tmp")), "temp files left behind");
        try (Stream<Path> entries = Files.list(root.resolve("objects"))) {
            assertEquals(List.of(), entries.toList(), "files or directories left in objects/");
        }
    }

    @Test
    void deletingTheLastObjectOfADirectoryRemovesTheDirectory() throws Exception {
        store.put("deep/er/est/x", utf8("x"), PutOptions.defaults());
        store.put("deep/y", utf8("y"), PutOptions.defaults());

        store.delete("deep/er/est/x");

        try (Stream<Path> entries = Files.list(root.resolve("objects").resolve("deep"))) {
            assertEquals(List.of("y~obj"), entries.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void keysThatLookLikeTheEscapeSchemeRoundTrip() {
        String longSegment = "营业执照副本ABC".repeat(9); // 9 x 21 UTF-8 bytes = 189: escapes to far over 160 chars
        String otherLong = "营业执照副本ABC".repeat(8) + "营业执照副本ABD";
        assertTrue(longSegment.getBytes(StandardCharsets.UTF_8).length <= ObjectKey.MAX_SEGMENT_BYTES);
        List<String> keys = List.of("%41", "A", "a", "^a", "%5ea", "x~obj", "x~obj/y", "x", "x/y~obj",
                "~", "%", "%zz", "^", "^^", "a~0123456789abcdef0123456789abcdef01234567",
                longSegment, longSegment + "/inner", longSegment + "/inner/" + otherLong, otherLong + "/z",
                "objects", "tmp/x", "locks/keys.lock", "onewindow-store");
        for (String key : keys) {
            store.put(key, utf8("content of " + key), PutOptions.defaults());
        }
        for (String key : keys) {
            assertArrayEquals(utf8("content of " + key), store.readAllBytes(key), key);
            assertEquals(key, store.head(key).orElseThrow().key());
        }
        List<String> expected = new ArrayList<>(keys);
        expected.sort(UTF8_ORDER);
        assertEquals(expected, listAll("", 2));
        assertEquals(List.of(longSegment, longSegment + "/inner", longSegment + "/inner/" + otherLong),
                listAll(longSegment, 1));
        assertEquals(List.of(longSegment + "/inner/" + otherLong), listAll(longSegment + "/inner/", 5));
        assertEquals(List.of("x~obj", "x~obj/y"), listAll("x~", 5));

        for (String key : keys) {
            assertTrue(store.delete(key), key);
        }
        assertEquals(List.of(), listAll("", 5));
    }

    @Test
    void aReadSeesOneWholeVersionWhileTheObjectIsReplaced() throws Exception {
        byte[] first = randomBytes(2 * 1024 * 1024, 1);
        store.put("doc", first, PutOptions.defaults());
        try (var open = store.get("doc")) {
            byte[] start = open.content().readNBytes(1000);
            store.put("doc", randomBytes(3 * 1024 * 1024, 2), PutOptions.defaults());
            store.delete("doc");
            byte[] rest = open.content().readAllBytes();
            byte[] all = new byte[start.length + rest.length];
            System.arraycopy(start, 0, all, 0, start.length);
            System.arraycopy(rest, 0, all, start.length, rest.length);
            assertArrayEquals(first, all);
        }
    }

    @Test
    void aBrokenTempDirectoryFailsTheHealthCheck() throws Exception {
        Path objects = root.resolve("objects");
        store.put("x", utf8("x"), PutOptions.defaults());
        Path tmp = root.resolve("tmp");
        Files.delete(tmp);
        Files.writeString(tmp, "not a directory");

        StorageUnavailableException e = assertThrows(StorageUnavailableException.class, store::checkHealth);
        assertTrue(e.getMessage().contains(tmp.toString()), e.getMessage());
        assertTrue(Files.isDirectory(objects));
    }

    @Test
    void aFileWhereTheRootShouldBeIsReported() throws Exception {
        Path file = Files.writeString(root.resolve("plain-file"), "x");
        StorageUnavailableException e = assertThrows(StorageUnavailableException.class,
                () -> new FileSystemObjectStore(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void closedStoreRefusesWork() {
        store.close();
        assertThrows(StorageUnavailableException.class, () -> store.head("x"));
        assertThrows(StorageUnavailableException.class, () -> store.put("x", utf8("x"), PutOptions.defaults()));
        store = null;
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
