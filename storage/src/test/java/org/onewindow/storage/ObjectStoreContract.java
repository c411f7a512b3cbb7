package org.onewindow.storage;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The behaviour every {@link ObjectStore} backend must show. Each backend's test extends this class and
 * provides a fresh, empty store per test.
 *
 * <p>Only the interface is used, and nothing is assumed about the version format or about a clock finer than
 * seconds, so the suite runs unchanged against S3 servers.
 */
public abstract class ObjectStoreContract {
    protected static final Comparator<String> UTF8_ORDER =
            (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    private static final String CHINESE_FILE_NAME = "营业执照副本（复印件）.pdf";

    protected ObjectStore store;

    /** A new, empty store for one test. */
    protected abstract ObjectStore newStore() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    // ---- round trips ---------------------------------------------------------------------------------------

    @Test
    void putThenGetRoundTrip() throws Exception {
        byte[] content = "一窗受理".getBytes(StandardCharsets.UTF_8);
        Instant before = Instant.now();
        ObjectInfo info = store.put("docs/a.txt", content, PutOptions.of("text/plain"));
        Instant after = Instant.now();

        assertEquals("docs/a.txt", info.key());
        assertEquals(content.length, info.size());
        assertEquals(sha256Hex(content), info.sha256());
        assertEquals("text/plain", info.contentType());
        assertFalse(info.version().isBlank(), "version must not be blank");
        assertWrittenBetween(before, after, info.lastModified());
        try (StoredObject object = store.get("docs/a.txt")) {
            assertEquals("一窗受理", new String(object.content().readAllBytes(), StandardCharsets.UTF_8));
            assertSameObject(info, object.info());
            assertNull(object.range(), "a whole-object get serves no range");
        }
        assertSameObject(info, store.head("docs/a.txt").orElseThrow());
        assertArrayEquals(content, store.readAllBytes("docs/a.txt"));
    }

    @Test
    void emptyObjectRoundTrip() throws Exception {
        ObjectInfo info = store.put("empty", new byte[0], PutOptions.defaults());

        assertEquals(0, info.size());
        assertEquals(sha256Hex(new byte[0]), info.sha256());
        assertEquals(PutOptions.DEFAULT_CONTENT_TYPE, info.contentType());
        try (StoredObject object = store.get("empty")) {
            assertEquals(0, object.content().readAllBytes().length);
            assertEquals(0, object.info().size());
        }
        assertEquals(0, store.head("empty").orElseThrow().size());
    }

    @Test
    void multiMegabyteContentIsStreamedWithMatchingSha256() throws Exception {
        byte[] content = randomBytes(5 * 1024 * 1024 + 123, 42);
        ObjectInfo info = store.put("big/blob.bin", new ChunkyInputStream(content, 7),
                PutOptions.of("application/octet-stream"));

        assertEquals(content.length, info.size());
        assertEquals(sha256Hex(content), info.sha256());
        try (StoredObject object = store.get("big/blob.bin")) {
            MessageDigest digest = sha256();
            byte[] buffer = new byte[8191];
            long total = 0;
            for (int n; (n = object.content().read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
                total += n;
            }
            assertEquals(content.length, total);
            assertEquals(sha256Hex(content), HexFormat.of().formatHex(digest.digest()));
            assertEquals(info.sha256(), object.info().sha256());
        }
        ObjectInfo head = store.head("big/blob.bin").orElseThrow();
        assertEquals(content.length, head.size());
        assertEquals(info.sha256(), head.sha256());
    }

    @Test
    void overwriteReplacesContentAndMetadata() {
        ObjectInfo first = store.put("record.json", utf8("{\"v\":1}"),
                PutOptions.of("application/json").withMetadata(Map.of("author", "张三", "old", "x")));
        ObjectInfo second = store.put("record.json", utf8("{\"v\":2,\"more\":true}"),
                PutOptions.of("text/plain").withMetadata(Map.of("author", "李四")));

        assertNotEquals(first.version(), second.version(), "a write with other content must change the version");
        ObjectInfo head = store.head("record.json").orElseThrow();
        assertSameObject(second, head);
        assertEquals(Map.of("author", "李四"), head.userMetadata(), "metadata is replaced, not merged");
        assertEquals("text/plain", head.contentType());
        assertEquals("{\"v\":2,\"more\":true}", new String(store.readAllBytes("record.json"), StandardCharsets.UTF_8));
    }

    @Test
    void absentObjectsAreReportedAsAbsent() {
        assertEquals(Optional.empty(), store.head("no/such/object"));
        ObjectNotFoundException whole = assertThrows(ObjectNotFoundException.class, () -> store.get("no/such/object"));
        assertEquals("no/such/object", whole.key());
        assertThrows(ObjectNotFoundException.class, () -> store.get("no/such/object", ByteRange.of(0, 1)));
        assertThrows(ObjectNotFoundException.class, () -> store.readAllBytes("no/such/object"));
    }

    // ---- ranges --------------------------------------------------------------------------------------------

    @Test
    void rangesServeTheRequestedBytes() throws Exception {
        byte[] content = randomBytes(1000, 7);
        ObjectInfo info = store.put("ranged.bin", content, PutOptions.defaults());

        assertRange(info, content, ByteRange.of(0, 10), 0, 10);
        assertRange(info, content, ByteRange.of(100, 250), 100, 250);
        assertRange(info, content, ByteRange.from(990), 990, 10);
        assertRange(info, content, ByteRange.from(0), 0, 1000);
        assertRange(info, content, ByteRange.of(999, 1), 999, 1);
        assertRange(info, content, ByteRange.of(995, 100), 995, 5); // past the end: truncated
    }

    @Test
    void rangeStartingAtOrPastTheEndIsRejected() {
        store.put("ranged.bin", randomBytes(1000, 7), PutOptions.defaults());

        assertThrows(InvalidRangeException.class, () -> store.get("ranged.bin", ByteRange.from(1000)).close());
        assertThrows(InvalidRangeException.class, () -> store.get("ranged.bin", ByteRange.of(1000, 5)).close());
        assertThrows(InvalidRangeException.class, () -> store.get("ranged.bin", ByteRange.of(5000, 10)).close());
    }

    @Test
    void rangeOfAnEmptyObjectIsEmpty() throws Exception {
        store.put("empty", new byte[0], PutOptions.defaults());

        try (StoredObject object = store.get("empty", ByteRange.from(0))) {
            assertEquals(0, object.content().readAllBytes().length);
            assertEquals(0, object.info().size());
        }
    }

    private void assertRange(ObjectInfo info, byte[] content, ByteRange requested, long offset, long length)
            throws IOException {
        try (StoredObject object = store.get(info.key(), requested)) {
            byte[] expected = Arrays.copyOfRange(content, (int) offset, (int) (offset + length));
            assertArrayEquals(expected, object.content().readAllBytes(), "bytes of " + requested);
            assertEquals(ByteRange.of(offset, length), object.range(), "range served for " + requested);
            assertEquals(content.length, object.info().size(), "info describes the whole object");
            assertEquals(info.sha256(), object.info().sha256());
        }
    }

    // ---- metadata ------------------------------------------------------------------------------------------

    @Test
    void chineseMetadataAndContentTypeRoundTrip() throws Exception {
        Map<String, String> metadata = Map.of(
                "filename", CHINESE_FILE_NAME,
                "applicant", "北京市朝阳区 政务服务中心",
                "case-id", "2026-京-00017");
        byte[] content = utf8("%PDF-1.7 placeholder");
        ObjectInfo info = store.put("cases/2026/17/" + CHINESE_FILE_NAME, content,
                PutOptions.of("application/pdf").withMetadata(metadata));

        assertEquals(metadata, info.userMetadata());
        ObjectInfo head = store.head("cases/2026/17/" + CHINESE_FILE_NAME).orElseThrow();
        assertEquals("application/pdf", head.contentType());
        assertEquals(metadata, head.userMetadata());
        assertEquals(CHINESE_FILE_NAME, head.userMetadata().get("filename"));
        try (StoredObject object = store.get("cases/2026/17/" + CHINESE_FILE_NAME)) {
            assertEquals(metadata, object.info().userMetadata());
            assertEquals("application/pdf", object.info().contentType());
            assertArrayEquals(content, object.content().readAllBytes());
        }
    }

    /** Values that naive header encodings (trimming, RFC 2047 or percent decoding) would change. */
    @Test
    void metadataValuesRoundTripExactly() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("spaces", "  leading and trailing  ");
        metadata.put("empty", "");
        metadata.put("encoded-word", "=?UTF-8?B?5LiA?=");
        metadata.put("percent", "%E4%B8%80 100% + a=b&c;d, \"quoted\" 'single'");
        metadata.put("tab", "a\tb");
        metadata.put("emoji", "📄✅ 𠀀");
        metadata.put("fullwidth", "（）：，。、");
        ObjectInfo info = store.put("meta/edge", utf8("x"), PutOptions.defaults().withMetadata(metadata));

        assertEquals(metadata, info.userMetadata());
        assertEquals(metadata, store.head("meta/edge").orElseThrow().userMetadata());
    }

    @Test
    void metadataUpToTheLimitIsStored() {
        String name = "note";
        String value = "x".repeat(PutOptions.MAX_METADATA_BYTES - name.length());
        store.put("meta/full", utf8("x"), PutOptions.defaults().withMetadata(Map.of(name, value)));

        assertEquals(value, store.head("meta/full").orElseThrow().userMetadata().get(name));
    }

    @Test
    void invalidMetadataIsRejected() {
        List<Map<String, String>> invalid = List.of(
                Map.of("Upper", "x"),
                Map.of("with space", "x"),
                Map.of("under_score", "x"),
                Map.of("-leading-dash", "x"),
                Map.of("名字", "x"),
                Map.of("n".repeat(65), "x"),
                Map.of("ctl", "a\u0001b"),
                Map.of("newline", "a\nb"),
                Map.of("big", "x".repeat(PutOptions.MAX_METADATA_BYTES)),
                Map.of("chinese", "字".repeat(PutOptions.MAX_METADATA_BYTES / 3 + 1)));
        for (Map<String, String> metadata : invalid) {
            assertThrows(InvalidMetadataException.class,
                    () -> store.put("meta/bad", utf8("x"), PutOptions.defaults().withMetadata(metadata)),
                    "metadata " + metadata.keySet());
        }
        assertEquals(Optional.empty(), store.head("meta/bad"));
    }

    // ---- conditional writes --------------------------------------------------------------------------------

    @Test
    void createIfAbsentRefusesASecondCreate() {
        PutOptions create = PutOptions.of("text/plain").withCondition(WriteCondition.ifAbsent());
        ObjectInfo first = store.put("state/seal-1.json", utf8("first"), create);

        PreconditionFailedException refused = assertThrows(PreconditionFailedException.class,
                () -> store.put("state/seal-1.json", utf8("second"), create));
        assertEquals("state/seal-1.json", refused.key());
        assertEquals("first", new String(store.readAllBytes("state/seal-1.json"), StandardCharsets.UTF_8));
        assertEquals(first.version(), store.head("state/seal-1.json").orElseThrow().version());

        store.delete("state/seal-1.json");
        store.put("state/seal-1.json", utf8("third"), create);
        assertEquals("third", new String(store.readAllBytes("state/seal-1.json"), StandardCharsets.UTF_8));
    }

    @Test
    void replaceIfVersionMatchesRefusesAStaleVersion() {
        ObjectInfo v1 = store.put("state/case.json", utf8("v1"), PutOptions.defaults());
        ObjectInfo v2 = store.put("state/case.json", utf8("v2"),
                PutOptions.defaults().withCondition(WriteCondition.ifVersionMatches(v1.version())));
        assertNotEquals(v1.version(), v2.version());

        assertThrows(PreconditionFailedException.class, () -> store.put("state/case.json", utf8("lost update"),
                PutOptions.defaults().withCondition(WriteCondition.ifVersionMatches(v1.version()))));
        assertEquals("v2", new String(store.readAllBytes("state/case.json"), StandardCharsets.UTF_8));
        assertEquals(v2.version(), store.head("state/case.json").orElseThrow().version());

        ObjectInfo v3 = store.put("state/case.json", utf8("v3"),
                PutOptions.defaults().withCondition(WriteCondition.ifVersionMatches(v2.version())));
        assertEquals(v3.version(), store.head("state/case.json").orElseThrow().version());
        assertEquals("v3", new String(store.readAllBytes("state/case.json"), StandardCharsets.UTF_8));
    }

    @Test
    void replaceIfVersionMatchesRefusesAnAbsentObject() {
        ObjectInfo v1 = store.put("state/gone.json", utf8("v1"), PutOptions.defaults());
        store.delete("state/gone.json");

        assertThrows(PreconditionFailedException.class, () -> store.put("state/gone.json", utf8("v2"),
                PutOptions.defaults().withCondition(WriteCondition.ifVersionMatches(v1.version()))));
        assertEquals(Optional.empty(), store.head("state/gone.json"));
    }

    @Test
    void concurrentConditionalIncrementsLoseNoUpdate() throws Exception {
        int threads = 8;
        int incrementsPerThread = 25;
        ConditionalCounter counter = new ConditionalCounter(store, "counters/visits");
        counter.createIfAbsent();

        List<Integer> conflicts = runConcurrently(threads, thread -> {
            int total = 0;
            for (int i = 0; i < incrementsPerThread; i++) {
                total += counter.increment();
            }
            return total;
        });

        assertEquals((long) threads * incrementsPerThread, counter.value(),
                "conflicts seen: " + conflicts.stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void concurrentCreateIfAbsentHasExactlyOneWinner() throws Exception {
        int threads = 8;
        for (int round = 0; round < 5; round++) {
            String key = "races/round-" + round;
            List<Integer> won = runConcurrently(threads, thread -> {
                try {
                    store.put(key, utf8("writer " + thread),
                            PutOptions.defaults().withCondition(WriteCondition.ifAbsent()));
                    return 1;
                } catch (PreconditionFailedException e) {
                    return 0;
                }
            });
            int winners = won.stream().mapToInt(Integer::intValue).sum();
            assertEquals(1, winners, "winners in round " + round);
            int winner = won.indexOf(1);
            assertEquals("writer " + winner, new String(store.readAllBytes(key), StandardCharsets.UTF_8));
        }
    }

    // ---- failures leave nothing behind ---------------------------------------------------------------------

    @Test
    void interruptedUploadLeavesNothingVisible() {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> store.put("uploads/broken.pdf",
                new FailingInputStream(3 * 1024 * 1024), PutOptions.of("application/pdf")));

        assertUploadFailure(failure);
        assertEquals(Optional.empty(), store.head("uploads/broken.pdf"));
        assertThrows(ObjectNotFoundException.class, () -> store.get("uploads/broken.pdf"));
        assertEquals(List.of(), store.list("", null, 100).objects());
        assertEquals(List.of(), store.list("uploads/", null, 100).objects());
    }

    @Test
    void interruptedUploadKeepsThePreviousObject() {
        ObjectInfo previous = store.put("uploads/doc.pdf", utf8("previous"), PutOptions.of("application/pdf"));

        RuntimeException failure = assertThrows(RuntimeException.class, () -> store.put("uploads/doc.pdf",
                new FailingInputStream(2 * 1024 * 1024), PutOptions.of("application/pdf")));

        assertUploadFailure(failure);
        assertEquals(previous.version(), store.head("uploads/doc.pdf").orElseThrow().version());
        assertEquals("previous", new String(store.readAllBytes("uploads/doc.pdf"), StandardCharsets.UTF_8));
        assertEquals(List.of("uploads/doc.pdf"), keys(store.list("", null, 100)));
    }

    private static void assertUploadFailure(RuntimeException failure) {
        assertTrue(failure instanceof StorageException || failure instanceof UncheckedIOException,
                "an interrupted upload must fail with a StorageException or UncheckedIOException, got " + failure);
        assertTrue(failure.getMessage() != null && !failure.getMessage().isBlank(), "failure needs a message");
        boolean causeKept = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            causeKept |= t instanceof IOException && FailingInputStream.MESSAGE.equals(t.getMessage());
        }
        assertTrue(causeKept, "the stream's IOException must be kept as the cause: " + failure);
    }

    // ---- listing -------------------------------------------------------------------------------------------

    private static final List<String> LISTED_KEYS = List.of(
            "a", "a/b", "a/c/d", "a!", "a0", "ab", "B", "b", "b/中文.txt", "中文/营业执照 副本.pdf", "Z/z");

    @Test
    void listVisitsEveryKeyOnceInUtf8OrderAcrossPages() {
        putAll(LISTED_KEYS);
        List<String> expected = new ArrayList<>(LISTED_KEYS);
        expected.sort(UTF8_ORDER);

        assertEquals(expected, listAll("", 2));
        assertEquals(expected, listAll("", 3));
        assertEquals(expected, listAll("", 1000));
    }

    @Test
    void listFiltersByPrefix() {
        putAll(LISTED_KEYS);

        assertEquals(List.of("a", "a!", "a/b", "a/c/d", "a0", "ab"), listAll("a", 2));
        assertEquals(List.of("a/b", "a/c/d"), listAll("a/", 2));
        assertEquals(List.of("a/c/d"), listAll("a/c", 2));
        assertEquals(List.of("a/c/d"), listAll("a/c/", 2));
        assertEquals(List.of("b", "b/中文.txt"), listAll("b", 2));
        assertEquals(List.of("b/中文.txt"), listAll("b/中", 2));
        assertEquals(List.of("中文/营业执照 副本.pdf"), listAll("中", 2));
        assertEquals(List.of("B"), listAll("B", 2));
        assertEquals(List.of(), listAll("nothing/here", 2));
        assertEquals(List.of(), listAll("a/b/", 2));
    }

    @Test
    void listStartsAfterTheGivenKey() {
        putAll(LISTED_KEYS);
        List<String> sorted = new ArrayList<>(LISTED_KEYS);
        sorted.sort(UTF8_ORDER);

        ListPage afterAB = store.list("", "a/b", 1000);
        assertEquals(sorted.subList(sorted.indexOf("a/b") + 1, sorted.size()), keys(afterAB));
        assertFalse(afterAB.hasMore());
        assertEquals(List.of("a/c/d", "a0", "ab"), keys(store.list("a", "a/bz", 1000)), "startAfter need not exist");
        assertEquals(List.of("a!", "a/b", "a/c/d", "a0", "ab"), keys(store.list("a", "a", 1000)));
        assertEquals(List.of(), keys(store.list("", "中文/营业执照 副本.pdf", 1000)));
        assertEquals(List.of("a", "a!"), keys(store.list("a", "A", 2)));
    }

    @Test
    void listPagesReportWhetherMoreFollow() {
        putAll(List.of("p/1", "p/2", "p/3"));

        ListPage first = store.list("p/", null, 2);
        assertEquals(List.of("p/1", "p/2"), keys(first));
        assertTrue(first.hasMore());
        ListPage second = store.list("p/", first.nextStartAfter(), 2);
        assertEquals(List.of("p/3"), keys(second));
        assertFalse(second.hasMore());
        assertNull(second.nextStartAfter());

        ListPage all = store.list("p/", null, 3);
        assertEquals(3, all.objects().size());
        if (all.hasMore()) { // allowed, but then the next page must be empty and final
            ListPage rest = store.list("p/", all.nextStartAfter(), 3);
            assertEquals(List.of(), rest.objects());
            assertFalse(rest.hasMore());
        }
    }

    @Test
    void listOfAnEmptyStoreIsEmpty() {
        ListPage page = store.list("", null, 10);
        assertEquals(List.of(), page.objects());
        assertFalse(page.hasMore());
    }

    @Test
    void listReturnsCompleteObjectInfo() {
        byte[] content = utf8("内容");
        ObjectInfo written = store.put("info/one", content, PutOptions.of("text/plain"));

        ObjectInfo listed = store.list("info/", null, 10).objects().get(0);
        assertEquals("info/one", listed.key());
        assertEquals(content.length, listed.size());
        assertEquals(written.version(), listed.version());
        assertEquals(sha256Hex(content), listed.sha256());
    }

    @Test
    void listRejectsABadPageSize() {
        assertThrows(IllegalArgumentException.class, () -> store.list("", null, 0));
        assertThrows(IllegalArgumentException.class, () -> store.list("", null, 1001));
    }

    /**
     * Unsigned UTF-8 order differs from Java's UTF-16 {@code String} order beyond the BMP: U+FF08 (EF BC 88)
     * sorts before U+1F4C4 (F0 9F 93 84) in UTF-8, after it in UTF-16.
     */
    @Test
    protected void listOrderIsUtf8ByteOrderBeyondTheBasicPlane() {
        List<String> keys = List.of("x/（1）", "x/📄", "x/𠀀", "x/～", "x/z");
        putAll(keys);
        List<String> expected = new ArrayList<>(keys);
        expected.sort(UTF8_ORDER);
        assertEquals(List.of("x/z", "x/（1）", "x/～", "x/📄", "x/𠀀"), expected, "test's own expectation");

        assertEquals(expected, listAll("x/", 2));
    }

    // ---- delete and copy -----------------------------------------------------------------------------------

    @Test
    void deleteReportsWhetherAnObjectWasThere() {
        store.put("tmp/x", utf8("x"), PutOptions.defaults());
        store.put("tmp/x/y", utf8("y"), PutOptions.defaults());

        assertTrue(store.delete("tmp/x"));
        assertFalse(store.delete("tmp/x"));
        assertFalse(store.delete("never/there"));
        assertEquals(Optional.empty(), store.head("tmp/x"));
        assertEquals(List.of("tmp/x/y"), keys(store.list("tmp/", null, 10)), "deleting 'tmp/x' keeps 'tmp/x/y'");
        assertTrue(store.delete("tmp/x/y"));
        assertEquals(List.of(), keys(store.list("", null, 10)));
    }

    @Test
    void deleteIfVersionMatchesDeletesOnlyTheExpectedVersion() {
        ObjectInfo v1 = store.put("state/del.json", utf8("v1"), PutOptions.defaults());
        ObjectInfo v2 = store.put("state/del.json", utf8("v2"), PutOptions.defaults());

        assertThrows(PreconditionFailedException.class, () -> store.deleteIfVersionMatches("state/del.json", v1.version()));
        assertEquals(v2.version(), store.head("state/del.json").orElseThrow().version());

        store.deleteIfVersionMatches("state/del.json", v2.version());
        assertEquals(Optional.empty(), store.head("state/del.json"));
        assertThrows(PreconditionFailedException.class, () -> store.deleteIfVersionMatches("state/del.json", v2.version()));
    }

    @Test
    void copyKeepsContentTypeAndMetadata() throws Exception {
        byte[] content = randomBytes(300_000, 3);
        Map<String, String> metadata = Map.of("filename", CHINESE_FILE_NAME);
        ObjectInfo source = store.put("docs/original.pdf", content,
                PutOptions.of("application/pdf").withMetadata(metadata));

        ObjectInfo copy = store.copy("docs/original.pdf", "archive/copy.pdf", WriteCondition.none());

        assertEquals("archive/copy.pdf", copy.key());
        assertEquals(content.length, copy.size());
        assertEquals(source.sha256(), copy.sha256());
        ObjectInfo head = store.head("archive/copy.pdf").orElseThrow();
        assertEquals(copy.version(), head.version());
        assertEquals("application/pdf", head.contentType());
        assertEquals(metadata, head.userMetadata());
        assertEquals(source.sha256(), head.sha256());
        assertArrayEquals(content, store.readAllBytes("archive/copy.pdf"));
        assertArrayEquals(content, store.readAllBytes("docs/original.pdf"), "the source stays");
    }

    @Test
    void copyHonoursTheConditionOnTheTarget() {
        store.put("src", utf8("new"), PutOptions.defaults());
        ObjectInfo target = store.put("dst", utf8("old"), PutOptions.defaults());

        assertThrows(PreconditionFailedException.class, () -> store.copy("src", "dst", WriteCondition.ifAbsent()));
        assertEquals("old", new String(store.readAllBytes("dst"), StandardCharsets.UTF_8));
        store.put("dst", utf8("newer"), PutOptions.defaults());
        assertThrows(PreconditionFailedException.class,
                () -> store.copy("src", "dst", WriteCondition.ifVersionMatches(target.version())));
        assertEquals("newer", new String(store.readAllBytes("dst"), StandardCharsets.UTF_8));

        String current = store.head("dst").orElseThrow().version();
        ObjectInfo copied = store.copy("src", "dst", WriteCondition.ifVersionMatches(current));
        assertEquals("new", new String(store.readAllBytes("dst"), StandardCharsets.UTF_8));
        assertEquals(copied.version(), store.head("dst").orElseThrow().version());
        store.copy("src", "fresh", WriteCondition.ifAbsent());
        assertEquals("new", new String(store.readAllBytes("fresh"), StandardCharsets.UTF_8));
    }

    @Test
    void copyOfAnAbsentSourceFails() {
        assertThrows(ObjectNotFoundException.class, () -> store.copy("missing", "target", WriteCondition.none()));
        assertEquals(Optional.empty(), store.head("target"));
    }

    // ---- keys ----------------------------------------------------------------------------------------------

    @Test
    void unusualButValidKeysRoundTrip() {
        List<String> keys = List.of("with space/and+plus=equals&amp", "UPPER/lower/MiXeD", "dots.../.hidden/x.",
                "percent%2F/%41", "tilde~/caret^", "中文/目录/文件（一）.pdf", "emoji/📄.txt", "q?x#y:z;@!$'()*,[]");
        for (String key : keys) {
            store.put(key, utf8("content of " + key), PutOptions.defaults());
        }
        for (String key : keys) {
            assertEquals("content of " + key, new String(store.readAllBytes(key), StandardCharsets.UTF_8), key);
        }
        List<String> expected = new ArrayList<>(keys);
        expected.sort(UTF8_ORDER);
        assertEquals(expected, listAll("", 3));
    }

    @Test
    void theLongestKeysRoundTrip() {
        String chineseSegment = "字".repeat(ObjectKey.MAX_SEGMENT_BYTES / 3);
        String upperSegment = "Z".repeat(ObjectKey.MAX_SEGMENT_BYTES);
        String base = String.join("/", chineseSegment, upperSegment, chineseSegment, upperSegment, chineseSegment);
        String longest = base + "/" + "Q".repeat(ObjectKey.MAX_KEY_BYTES - utf8(base).length - 1);
        String sibling = base + "/" + "q";
        assertEquals(ObjectKey.MAX_KEY_BYTES, utf8(longest).length);
        List<String> keys = List.of(longest, sibling, chineseSegment, upperSegment + "/x");
        putAll(keys);

        for (String key : keys) {
            assertArrayEquals(utf8("content of " + key), store.readAllBytes(key));
        }
        List<String> expected = new ArrayList<>(keys);
        expected.sort(UTF8_ORDER);
        assertEquals(expected, listAll("", 1));
        assertEquals(List.of(longest, sibling), listAll(base + "/", 1));
        assertEquals(List.of(sibling), keys(store.list(base, longest, 10)));
    }

    @Test
    void invalidKeysAreRejectedByEveryMethod() {
        List<String> invalid = List.of("", "../x", "a/../x", "/x", "x/", "a//b", "a/./b", ".", "..", "a\u0001b",
                "a\u007fb", "a\u0085b", "a\\b", "a\nb", "x".repeat(ObjectKey.MAX_KEY_BYTES + 1),
                "字".repeat(ObjectKey.MAX_SEGMENT_BYTES / 3 + 1), "bad\uD800surrogate");
        store.put("valid", utf8("v"), PutOptions.defaults());
        String version = store.head("valid").orElseThrow().version();
        List<Executable> checks = new ArrayList<>();
        for (String key : invalid) {
            String shown = "key '" + key.replaceAll("\\p{Cntrl}", "?") + "'";
            checks.add(() -> assertInvalidKey(shown + " put", () -> store.put(key, utf8("x"), PutOptions.defaults())));
            checks.add(() -> assertInvalidKey(shown + " put stream",
                    () -> store.put(key, new FailingInputStream(0), PutOptions.defaults())));
            checks.add(() -> assertInvalidKey(shown + " get", () -> store.get(key).close()));
            checks.add(() -> assertInvalidKey(shown + " get range", () -> store.get(key, ByteRange.of(0, 1)).close()));
            checks.add(() -> assertInvalidKey(shown + " head", () -> store.head(key)));
            checks.add(() -> assertInvalidKey(shown + " delete", () -> store.delete(key)));
            checks.add(() -> assertInvalidKey(shown + " deleteIfVersionMatches",
                    () -> store.deleteIfVersionMatches(key, version)));
            checks.add(() -> assertInvalidKey(shown + " copy source",
                    () -> store.copy(key, "target", WriteCondition.none())));
            checks.add(() -> assertInvalidKey(shown + " copy target",
                    () -> store.copy("valid", key, WriteCondition.none())));
        }
        for (String prefix : List.of("/x", "a//", "../", "a/../", "a/./b", "..", "a\\", "a\u0000")) {
            checks.add(() -> assertInvalidKey("prefix '" + prefix + "'", () -> store.list(prefix, null, 10)));
        }
        assertAll(checks);
        assertEquals(List.of("valid"), keys(store.list("", null, 100)), "nothing but the valid key was written");
    }

    private static void assertInvalidKey(String what, Executable call) {
        assertThrows(InvalidKeyException.class, call, what);
    }

    // ---- health --------------------------------------------------------------------------------------------

    @Test
    void healthyStoreReportsHealthAndDescribesItself() {
        store.checkHealth();
        String description = store.describe();
        assertTrue(description != null && !description.isBlank());
        assertEquals(List.of(), keys(store.list("", null, 10)), "the health check leaves no object behind");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    protected void putAll(List<String> keys) {
        for (String key : keys) {
            store.put(key, utf8("content of " + key), PutOptions.of("text/plain"));
        }
    }

    /** Every key under {@code prefix}, page by page, checking the paging rules on the way. */
    protected List<String> listAll(String prefix, int pageSize) {
        List<String> keys = new ArrayList<>();
        String startAfter = null;
        for (int pages = 0; ; pages++) {
            assertTrue(pages < 10_000, "listing does not end");
            ListPage page = store.list(prefix, startAfter, pageSize);
            assertTrue(page.objects().size() <= pageSize, "page larger than " + pageSize);
            for (ObjectInfo info : page.objects()) {
                assertTrue(info.key().startsWith(prefix), info.key() + " does not start with " + prefix);
                assertEquals(utf8("content of " + info.key()).length, info.size(), "size of " + info.key());
                keys.add(info.key());
            }
            if (!page.hasMore()) {
                return keys;
            }
            assertFalse(page.objects().isEmpty(), "only the last page may be empty");
            assertEquals(page.objects().get(page.objects().size() - 1).key(), page.nextStartAfter());
            startAfter = page.nextStartAfter();
        }
    }

    protected static List<String> keys(ListPage page) {
        return page.objects().stream().map(ObjectInfo::key).toList();
    }

    /** Runs {@code task(threadIndex)} on {@code threads} threads released together; returns results by index. */
    protected static <T> List<T> runConcurrently(int threads, ThreadTask<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                Callable<T> call = () -> {
                    ready.countDown();
                    go.await();
                    return task.run(index);
                };
                futures.add(pool.submit(call));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS), "threads did not start");
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    results.add(future.get(120, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    fail("a concurrent task failed: " + e.getCause(), e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    protected interface ThreadTask<T> {
        T run(int threadIndex) throws Exception;
    }

    protected static void assertSameObject(ObjectInfo expected, ObjectInfo actual) {
        assertEquals(expected.key(), actual.key());
        assertEquals(expected.size(), actual.size());
        assertEquals(expected.sha256(), actual.sha256());
        assertEquals(expected.version(), actual.version());
        assertEquals(expected.contentType(), actual.contentType());
        assertEquals(expected.userMetadata(), actual.userMetadata());
        long apart = Math.abs(ChronoUnit.MILLIS.between(expected.lastModified(), actual.lastModified()));
        assertTrue(apart < 2000, "lastModified differs by " + apart + " ms");
    }

    private static void assertWrittenBetween(Instant before, Instant after, Instant lastModified) {
        Instant earliest = before.truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        Instant latest = after.plusSeconds(1);
        assertTrue(!lastModified.isBefore(earliest) && !lastModified.isAfter(latest),
                "lastModified " + lastModified + " not between " + earliest + " and " + latest);
    }

    protected static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    protected static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    protected static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String sha256Hex(byte[] content) {
        return HexFormat.of().formatHex(sha256().digest(content));
    }

    /** Hands out its bytes in irregular small chunks, like a network stream; its length is not known upfront. */
    protected static final class ChunkyInputStream extends InputStream {
        private final byte[] content;
        private final Random random;
        private int position;

        public ChunkyInputStream(byte[] content, long seed) {
            this.content = content;
            this.random = new Random(seed);
        }

        @Override
        public int read() {
            return position < content.length ? content[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (position >= content.length) {
                return -1;
            }
            int n = Math.min(Math.min(length, 1 + random.nextInt(70_000)), content.length - position);
            System.arraycopy(content, position, buffer, offset, n);
            position += n;
            return n;
        }
    }

    /** Yields {@code failAfter} bytes, then fails like a client that disconnects mid-upload. */
    protected static final class FailingInputStream extends InputStream {
        static final String MESSAGE = "simulated client disconnect";
        private final long failAfter;
        private long position;

        public FailingInputStream(long failAfter) {
            this.failAfter = failAfter;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (position >= failAfter) {
                throw new IOException(MESSAGE);
            }
            int n = (int) Math.min(length, failAfter - position);
            Arrays.fill(buffer, offset, offset + n, (byte) (position % 251));
            position += n;
            return n;
        }
    }
}
