package org.onewindow.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onewindow.storage.ByteRange;
import org.onewindow.storage.InvalidKeyException;
import org.onewindow.storage.InvalidMetadataException;
import org.onewindow.storage.ListPage;
import org.onewindow.storage.ObjectInfo;
import org.onewindow.storage.PreconditionFailedException;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.StorageUnavailableException;
import org.onewindow.storage.StoredObject;
import org.onewindow.storage.WriteCondition;

/** S3-specific behaviour of {@link S3ObjectStore} against a real S3 server (S3Proxy, see {@link S3TestServer}). */
class S3ObjectStoreSpecificTest {
    private static final int MIB = 1024 * 1024;
    private static S3TestServer server;

    private String bucket;
    private S3ObjectStore store;

    @BeforeAll
    static void startServer() {
        server = S3TestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void newBucket() {
        bucket = server.createBucket();
        store = new S3ObjectStore(server.config(bucket));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void multipartConditionalCreateOnExistingKeyIsRefusedAndLeavesNothingBehind() throws Exception {
        store.put("records/case-1.json", "原件".getBytes(StandardCharsets.UTF_8), PutOptions.defaults());

        PutOptions ifAbsent = PutOptions.defaults().withCondition(WriteCondition.ifAbsent());
        assertThrows(PreconditionFailedException.class,
                () -> store.put("records/case-1.json", new PatternInputStream(11L * MIB), ifAbsent));

        assertEquals("原件", new String(store.readAllBytes("records/case-1.json"), StandardCharsets.UTF_8));
        assertEquals(List.of(), server.pendingUploads(bucket));
        assertEquals(List.of("records/case-1.json"), server.allKeys(bucket));
    }

    @Test
    void multipartCreateRacedByAnotherWriterIsRefusedOnCompletion() throws Exception {
        // The other writer creates the key while the upload is under way, after this writer's early check.
        InputStream content = new SequenceInputStream(new PatternInputStream(6L * MIB),
                new SequenceInputStream(onFirstRead(() -> store.put("records/race.json",
                        "他人".getBytes(StandardCharsets.UTF_8), PutOptions.defaults())), new PatternInputStream(MIB)));

        assertThrows(PreconditionFailedException.class, () -> store.put("records/race.json", content,
                PutOptions.defaults().withCondition(WriteCondition.ifAbsent())));

        assertEquals("他人", new String(store.readAllBytes("records/race.json"), StandardCharsets.UTF_8));
        assertEquals(List.of(), server.pendingUploads(bucket));
        assertEquals(List.of("records/race.json"), server.allKeys(bucket));
    }

    @Test
    void multipartReplaceRacedByAnotherWriterIsRefusedOnCompletion() throws Exception {
        ObjectInfo original = store.put("records/race.json", "v1".getBytes(StandardCharsets.UTF_8),
                PutOptions.defaults());
        InputStream content = new SequenceInputStream(new PatternInputStream(6L * MIB),
                new SequenceInputStream(onFirstRead(() -> store.put("records/race.json",
                        "v2".getBytes(StandardCharsets.UTF_8), PutOptions.defaults())), new PatternInputStream(MIB)));

        assertThrows(PreconditionFailedException.class, () -> store.put("records/race.json", content,
                PutOptions.defaults().withCondition(WriteCondition.ifVersionMatches(original.version()))));

        assertEquals("v2", new String(store.readAllBytes("records/race.json"), StandardCharsets.UTF_8));
        assertEquals(List.of(), server.pendingUploads(bucket));
        assertEquals(List.of("records/race.json"), server.allKeys(bucket));
    }

    @Test
    void multipartConditionalCreateOnAbsentKeySucceeds() throws Exception {
        PutOptions ifAbsent = PutOptions.of("application/pdf").withCondition(WriteCondition.ifAbsent());
        ObjectInfo written = store.put("docs/big.pdf", new PatternInputStream(11L * MIB), ifAbsent);

        assertEquals(11L * MIB, written.size());
        assertEquals(sha256Of(new PatternInputStream(11L * MIB)), written.sha256());
        assertEquals(written, store.head("docs/big.pdf").orElseThrow());
        assertEquals(List.of("docs/big.pdf"), server.allKeys(bucket));
        assertEquals(List.of(), server.pendingUploads(bucket));
    }

    @Test
    void multipartIfMatchWithStaleVersionIsRefused() throws Exception {
        ObjectInfo first = store.put("records/state.json", new PatternInputStream(6L * MIB), PutOptions.defaults());
        ObjectInfo second = store.put("records/state.json", "v2".getBytes(StandardCharsets.UTF_8),
                PutOptions.defaults());
        assertNotEquals(first.version(), second.version());

        PutOptions stale = PutOptions.defaults().withCondition(WriteCondition.ifVersionMatches(first.version()));
        assertThrows(PreconditionFailedException.class,
                () -> store.put("records/state.json", new PatternInputStream(6L * MIB), stale));
        assertEquals("v2", new String(store.readAllBytes("records/state.json"), StandardCharsets.UTF_8));
        assertEquals(List.of(), server.pendingUploads(bucket));
        assertEquals(List.of("records/state.json"), server.allKeys(bucket));

        PutOptions current = PutOptions.defaults().withCondition(WriteCondition.ifVersionMatches(second.version()));
        ObjectInfo third = store.put("records/state.json", new PatternInputStream(6L * MIB), current);
        assertEquals(6L * MIB, store.head("records/state.json").orElseThrow().size());
        assertEquals(third.version(), store.head("records/state.json").orElseThrow().version());
    }

    @Test
    void ifMatchOnMissingObjectIsRefused() {
        PutOptions options = PutOptions.defaults().withCondition(WriteCondition.ifVersionMatches("abc"));
        assertThrows(PreconditionFailedException.class,
                () -> store.put("records/none.json", "x".getBytes(StandardCharsets.UTF_8), options));
        assertThrows(PreconditionFailedException.class,
                () -> store.put("records/none.json", new PatternInputStream(6L * MIB), options));
        assertEquals(List.of(), server.allKeys(bucket));
        assertEquals(List.of(), server.pendingUploads(bucket));
    }

    @Test
    void interruptedMultipartUploadLeavesNoObjectAndNoPendingUpload() {
        InputStream breaking = new SequenceInputStream(new PatternInputStream(7L * MIB), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("client went away");
            }
        });

        StorageUnavailableException e = assertThrows(StorageUnavailableException.class,
                () -> store.put("docs/cut.pdf", breaking, PutOptions.defaults()));

        assertTrue(e.getMessage().contains("client went away"), e.getMessage());
        assertTrue(store.head("docs/cut.pdf").isEmpty());
        assertEquals(List.of(), server.pendingUploads(bucket));
        assertEquals(List.of(), server.allKeys(bucket));
    }

    @Test
    void interruptedThreadDuringMultipartUploadLeavesNothingBehind() {
        InputStream content = new SequenceInputStream(new PatternInputStream(6L * MIB),
                new SequenceInputStream(onFirstRead(() -> Thread.currentThread().interrupt()),
                        new PatternInputStream(MIB)));

        assertThrows(StorageUnavailableException.class, () -> store.put("docs/interrupted.bin", content,
                PutOptions.defaults()));

        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        assertEquals(List.of(), server.pendingUploads(bucket));
        assertEquals(List.of(), server.allKeys(bucket));
    }

    @Test
    void largeObjectRoundTripWithSha256AndRanges() throws Exception {
        long size = 64L * MIB + 12345;
        ObjectInfo written = store.put("docs/scan.tiff", new PatternInputStream(size), PutOptions.of("image/tiff"));

        String expected = sha256Of(new PatternInputStream(size));
        assertEquals(expected, written.sha256());
        ObjectInfo head = store.head("docs/scan.tiff").orElseThrow();
        assertEquals(expected, head.sha256());
        assertEquals(size, head.size());
        assertEquals("image/tiff", head.contentType());

        try (StoredObject object = store.get("docs/scan.tiff")) {
            assertEquals(expected, sha256Of(object.content()));
            assertEquals(expected, object.info().sha256());
        }
        long boundary = 5L * MIB;
        try (StoredObject object = store.get("docs/scan.tiff", ByteRange.of(boundary - 10, 20))) {
            byte[] bytes = object.content().readAllBytes();
            assertEquals(ByteRange.of(boundary - 10, 20), object.range());
            assertEquals(size, object.info().size());
            for (int i = 0; i < bytes.length; i++) {
                assertEquals(PatternInputStream.byteAt(boundary - 10 + i), bytes[i], "byte " + i);
            }
        }
        try (StoredObject tail = store.get("docs/scan.tiff", ByteRange.of(size - 5, 100))) {
            assertEquals(5, tail.content().readAllBytes().length);
            assertEquals(ByteRange.of(size - 5, 5), tail.range());
        }
        assertEquals(List.of(), server.pendingUploads(bucket));
        assertEquals(List.of("docs/scan.tiff"), server.allKeys(bucket));
    }

    @Test
    void chineseMetadataRoundTrips() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("filename", "营业执照（副本）.pdf");
        metadata.put("applicant", "张三 李四");
        metadata.put("padded", "  two leading spaces and a tab\t");
        metadata.put("empty", "");
        metadata.put("looks-encoded", "=?UTF-8?B?5byg5LiJ?=");
        metadata.put("plain", "ascii value");
        PutOptions options = PutOptions.of("application/pdf").withMetadata(metadata);

        ObjectInfo small = store.put("材料/执照.pdf", "%PDF".getBytes(StandardCharsets.US_ASCII), options);
        ObjectInfo large = store.put("材料/执照-大.pdf", new PatternInputStream(6L * MIB), options);

        assertEquals(metadata, small.userMetadata());
        assertEquals(metadata, store.head("材料/执照.pdf").orElseThrow().userMetadata());
        assertEquals(metadata, store.head("材料/执照-大.pdf").orElseThrow().userMetadata());
        try (StoredObject object = store.get("材料/执照.pdf")) {
            assertEquals(metadata, object.info().userMetadata());
        }
        ListPage page = store.list("材料/", null, 10);
        assertEquals(2, page.objects().size());
        for (ObjectInfo info : page.objects()) {
            assertEquals(metadata, info.userMetadata());
        }
        assertEquals(List.of("材料/执照-大.pdf", "材料/执照.pdf"), page.objects().stream().map(ObjectInfo::key).toList());
        assertEquals(large.sha256(), page.objects().get(0).sha256());
        assertEquals(small.sha256(), page.objects().get(1).sha256());
        ObjectInfo copied = store.copy("材料/执照.pdf", "材料/执照-副本.pdf", WriteCondition.ifAbsent());
        assertEquals(metadata, store.head("材料/执照-副本.pdf").orElseThrow().userMetadata());
        assertEquals(small.sha256(), copied.sha256());
    }

    @Test
    void contentTypesThatCannotTravelAsHeadersAreRejected() {
        for (String contentType : List.of("not a mime type", "text/plain; name=文件")) {
            assertThrows(InvalidMetadataException.class, () -> store.put("x", "x".getBytes(StandardCharsets.UTF_8),
                    PutOptions.of(contentType)), contentType);
        }
        assertEquals(List.of(), server.allKeys(bucket));
    }

    @Test
    void badCredentialsAreReportedByName() {
        S3StoreConfig wrongSecret = server.config(bucket).withCredentials(server.accessKey(), "not-the-secret");
        try (S3ObjectStore bad = new S3ObjectStore(wrongSecret)) {
            StorageUnavailableException e = assertThrows(StorageUnavailableException.class, bad::checkHealth);
            assertTrue(e.getMessage().contains("SignatureDoesNotMatch"), e.getMessage());
            assertTrue(e.getMessage().contains("secret key"), e.getMessage());
            assertFalse(e.getMessage().contains("not-the-secret"), e.getMessage());
            assertThrows(StorageUnavailableException.class,
                    () -> bad.put("a.txt", "x".getBytes(StandardCharsets.UTF_8), PutOptions.defaults()));
        }
        S3StoreConfig wrongKey = server.config(bucket).withCredentials("nobody", server.secretKey());
        try (S3ObjectStore bad = new S3ObjectStore(wrongKey)) {
            StorageUnavailableException e = assertThrows(StorageUnavailableException.class, bad::checkHealth);
            assertTrue(e.getMessage().contains("InvalidAccessKeyId"), e.getMessage());
            assertThrows(StorageUnavailableException.class, () -> bad.head("a.txt"));
        }
    }

    @Test
    void missingBucketIsReportedByName() {
        try (S3ObjectStore missing = new S3ObjectStore(server.config("no-such-bucket-here"))) {
            StorageUnavailableException e = assertThrows(StorageUnavailableException.class, missing::checkHealth);
            assertTrue(e.getMessage().contains("NoSuchBucket"), e.getMessage());
            assertTrue(e.getMessage().contains("no-such-bucket-here"), e.getMessage());
            StorageUnavailableException onPut = assertThrows(StorageUnavailableException.class,
                    () -> missing.put("a.txt", "x".getBytes(StandardCharsets.UTF_8), PutOptions.defaults()));
            assertTrue(onPut.getMessage().contains("NoSuchBucket"), onPut.getMessage());
            StorageUnavailableException onHead = assertThrows(StorageUnavailableException.class,
                    () -> missing.head("a.txt"));
            assertTrue(onHead.getMessage().contains("NoSuchBucket"), onHead.getMessage());
        }
    }

    @Test
    void unreachableEndpointIsReportedClearly() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        S3StoreConfig config = server.config(bucket).withEndpoint("http://127.0.0.1:" + closedPort);
        try (S3ObjectStore unreachable = new S3ObjectStore(config)) {
            StorageUnavailableException e = assertThrows(StorageUnavailableException.class, unreachable::checkHealth);
            assertTrue(e.getMessage().contains("cannot reach S3 at http://127.0.0.1:" + closedPort), e.getMessage());
            assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
        }
    }

    @Test
    void serverErrorsAreRetriedAndConditionFailuresAreNot() throws Exception {
        try (FlakyHttpProxy proxy = new FlakyHttpProxy(server.endpoint());
             S3ObjectStore viaProxy = new S3ObjectStore(server.config(bucket).withEndpoint(proxy.endpoint()))) {
            proxy.failNext(2, 503);
            ObjectInfo written = viaProxy.put("records/r.json", "{}".getBytes(StandardCharsets.UTF_8),
                    PutOptions.defaults().withCondition(WriteCondition.ifAbsent()));
            assertEquals(3, count(proxy.requests(), "PUT /" + bucket + "/records/r.json"), proxy.requests().toString());
            assertEquals(written.version(), store.head("records/r.json").orElseThrow().version());

            proxy.clearRequests();
            assertThrows(PreconditionFailedException.class, () -> viaProxy.put("records/r.json",
                    "{}".getBytes(StandardCharsets.UTF_8), PutOptions.defaults().withCondition(WriteCondition.ifAbsent())));
            assertEquals(1, count(proxy.requests(), "PUT /" + bucket + "/records/r.json"), proxy.requests().toString());

            proxy.clearRequests();
            proxy.failNext(1, 500);
            ObjectInfo large = viaProxy.put("docs/large.bin", new PatternInputStream(6L * MIB), PutOptions.defaults());
            assertEquals(sha256Of(new PatternInputStream(6L * MIB)), large.sha256());
            assertEquals(List.of(), server.pendingUploads(bucket));

            proxy.failNext(10, 503);
            StorageUnavailableException e = assertThrows(StorageUnavailableException.class,
                    () -> viaProxy.head("records/r.json"));
            assertTrue(e.getMessage().contains("503") && e.getMessage().contains("after 3 attempts"), e.getMessage());
        }
    }

    @Test
    void uploadPartsAreRetriedOneByOne() throws Exception {
        try (FlakyHttpProxy proxy = new FlakyHttpProxy(server.endpoint());
             S3ObjectStore viaProxy = new S3ObjectStore(server.config(bucket).withEndpoint(proxy.endpoint()))) {
            proxy.failMatching("partNumber=2", 1, 503);
            ObjectInfo info = viaProxy.put("docs/three-parts.bin", new PatternInputStream(12L * MIB),
                    PutOptions.defaults());

            assertEquals(12L * MIB, info.size());
            assertEquals(sha256Of(new PatternInputStream(12L * MIB)), info.sha256());
            assertEquals(2, proxy.requests().stream().filter(r -> r.startsWith("PUT ") && r.contains("partNumber=2"))
                    .count(), proxy.requests().toString());
            assertEquals(1, proxy.requests().stream().filter(r -> r.startsWith("PUT ") && r.contains("partNumber=3"))
                    .count(), proxy.requests().toString());
            try (StoredObject object = store.get("docs/three-parts.bin")) {
                assertEquals(info.sha256(), sha256Of(object.content()));
            }
            assertEquals(List.of(), server.pendingUploads(bucket));
        }
    }

    @Test
    void concurrentIfMatchIncrementsLoseNoUpdate() throws Exception {
        store.put("counter", "0".getBytes(StandardCharsets.US_ASCII), PutOptions.defaults());
        int threads = 4;
        int incrementsEach = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(() -> {
                    int conflicts = 0;
                    for (int i = 0; i < incrementsEach; i++) {
                        while (true) {
                            ObjectInfo current = store.head("counter").orElseThrow();
                            int value;
                            try (StoredObject object = store.get("counter")) {
                                if (!object.info().version().equals(current.version())) {
                                    continue;
                                }
                                value = Integer.parseInt(new String(object.content().readAllBytes(),
                                        StandardCharsets.US_ASCII));
                            }
                            try {
                                store.put("counter", Integer.toString(value + 1).getBytes(StandardCharsets.US_ASCII),
                                        PutOptions.defaults().withCondition(
                                                WriteCondition.ifVersionMatches(current.version())));
                                break;
                            } catch (PreconditionFailedException e) {
                                conflicts++;
                            }
                        }
                    }
                    return conflicts;
                });
            }
            for (Future<Integer> future : pool.invokeAll(tasks)) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Integer.toString(threads * incrementsEach),
                new String(store.readAllBytes("counter"), StandardCharsets.US_ASCII));
    }

    @Test
    void copyIsConditionalOnTheTargetAndKeepsMetadata() {
        PutOptions options = PutOptions.of("text/plain").withMetadata(Map.of("name", "申请表"));
        ObjectInfo source = store.put("a/source.txt", new PatternInputStream(6L * MIB), options);
        ObjectInfo target = store.put("a/target.txt", "old".getBytes(StandardCharsets.UTF_8), PutOptions.defaults());

        assertThrows(PreconditionFailedException.class,
                () -> store.copy("a/source.txt", "a/target.txt", WriteCondition.ifAbsent()));
        assertThrows(PreconditionFailedException.class,
                () -> store.copy("a/source.txt", "a/target.txt", WriteCondition.ifVersionMatches(source.version())));
        assertEquals("old", new String(store.readAllBytes("a/target.txt"), StandardCharsets.UTF_8));

        ObjectInfo copied = store.copy("a/source.txt", "a/target.txt", WriteCondition.ifVersionMatches(target.version()));
        ObjectInfo head = store.head("a/target.txt").orElseThrow();
        assertEquals(source.sha256(), head.sha256());
        assertEquals(copied.version(), head.version());
        assertEquals("text/plain", head.contentType());
        assertEquals(Map.of("name", "申请表"), head.userMetadata());
        assertEquals(List.of(), server.pendingUploads(bucket));
        assertEquals(List.of("a/source.txt", "a/target.txt"), server.allKeys(bucket));
    }

    @Test
    void deleteIfVersionMatchesChecksTheVersion() {
        ObjectInfo first = store.put("r/x.json", "1".getBytes(StandardCharsets.UTF_8), PutOptions.defaults());
        ObjectInfo second = store.put("r/x.json", "2".getBytes(StandardCharsets.UTF_8), PutOptions.defaults());

        assertThrows(PreconditionFailedException.class, () -> store.deleteIfVersionMatches("r/x.json", first.version()));
        assertTrue(store.head("r/x.json").isPresent());
        store.deleteIfVersionMatches("r/x.json", second.version());
        assertTrue(store.head("r/x.json").isEmpty());
        assertThrows(PreconditionFailedException.class, () -> store.deleteIfVersionMatches("r/x.json", second.version()));
    }

    @Test
    void leftoverStagingObjectsAreHiddenFromListings() {
        store.put("a", "a".getBytes(StandardCharsets.UTF_8), PutOptions.defaults());
        store.put("b", "b".getBytes(StandardCharsets.UTF_8), PutOptions.defaults());
        server.putRaw(bucket, S3ObjectStore.STAGING_PREFIX + "left-by-a-crash", new byte[] {1});

        ListPage first = store.list("", null, 1);
        assertEquals(List.of("a"), first.objects().stream().map(ObjectInfo::key).toList());
        assertEquals("a", first.nextStartAfter());
        ListPage second = store.list("", first.nextStartAfter(), 1);
        assertEquals(List.of("b"), second.objects().stream().map(ObjectInfo::key).toList());
        assertEquals(List.of("a", "b"), store.list("", null, 1000).objects().stream().map(ObjectInfo::key).toList());
    }

    @Test
    void stagingKeysAreReservedAndHidden() {
        assertThrows(InvalidKeyException.class, () -> store.put(S3ObjectStore.STAGING_PREFIX + "x",
                "x".getBytes(StandardCharsets.UTF_8), PutOptions.defaults()));
        store.checkHealth();
        assertEquals(List.of(), server.allKeys(bucket));
        assertTrue(store.describe().contains(bucket));
        assertFalse(store.describe().contains(server.secretKey()));
    }

    /** An empty stream that runs {@code action} when it is first read. */
    private static InputStream onFirstRead(Runnable action) {
        return new InputStream() {
            private boolean done;

            @Override
            public int read() {
                if (!done) {
                    done = true;
                    action.run();
                }
                return -1;
            }
        };
    }

    private static long count(List<String> requests, String prefix) {
        return requests.stream().filter(r -> r.equals(prefix) || r.startsWith(prefix + "?")).count();
    }

    private static String sha256Of(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
