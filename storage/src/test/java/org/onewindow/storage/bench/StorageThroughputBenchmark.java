package org.onewindow.storage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.StoredObject;
import org.onewindow.storage.fs.FileSystemObjectStore;
import org.onewindow.storage.s3.S3ObjectStore;
import org.onewindow.storage.s3.S3StoreConfig;
import org.onewindow.storage.s3.S3TestServer;

/**
 * Put/get throughput of both backends against their baselines in the same run. Filesystem store: a plain
 * durable file copy (write + fsync) and the minimal durable atomic write (plus rename and directory fsync), a plain
 * read and a read in 128 KiB chunks. S3 store: the plain MinIO SDK {@code putObject} / {@code getObject} against
 * the same S3 server. Rounds interleave store and baselines, rotating who goes first, so drift of the machine
 * hits all alike. Warm-up first: a quarter as many puts as measured rounds, and 512 MiB of gets, per contender.
 * Run with {@code ./onewindow bench StorageThroughputBenchmark}; the table is printed and written to
 * {@code target/benchmarks/storage.md}.
 */
@Tag("benchmark")
class StorageThroughputBenchmark {
    private static final int MIB = 1024 * 1024;
    private static final long WARM_READ_BYTES = 512L * MIB;
    private static final byte[] BLOCK = randomBlock();

    @TempDir
    Path tmp;

    private final List<String> rows = new ArrayList<>();

    @Test
    void compareAgainstBaselines() throws Exception {
        Path fsRoot = Files.createDirectories(tmp.resolve("store"));
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        Path atomic = Files.createDirectories(tmp.resolve("atomic"));
        try (ObjectStore fs = new FileSystemObjectStore(fsRoot)) {
            List<Baseline> baselines = List.of(plainFileBaseline(plain), durableAtomicFileBaseline(atomic));
            measure("filesystem", 1, 40, fs, baselines);
            measure("filesystem", 256, 3, fs, baselines);
        }
        try (S3TestServer server = S3TestServer.start();
             ObjectStore s3 = new S3ObjectStore(server.config(server.bucket())
                     .withPartSize(S3StoreConfig.DEFAULT_PART_SIZE))) {
            S3StoreConfig config = server.config(server.bucket());
            MinioClient client = MinioClient.builder().endpoint(config.endpoint())
                    .credentials(config.accessKey(), config.secretKey()).build();
            List<Baseline> baselines = List.of(sdkBaseline(client, config.bucket()));
            measure("S3 (S3Proxy)", 1, 40, s3, baselines);
            measure("S3 (S3Proxy)", 256, 3, s3, baselines);
        }
        StringBuilder table = new StringBuilder();
        table.append("| backend | size | op | onewindow MB/s | baseline | baseline MB/s | ratio |\n");
        table.append("|---|---|---|---|---|---|---|\n");
        rows.forEach(row -> table.append(row).append('\n'));
        System.out.println(table);
        Path out = Path.of("target", "benchmarks");
        Files.createDirectories(out);
        Files.writeString(out.resolve("storage.md"), table.toString());
    }

    /** A plain implementation of the same put/get, to compare with. */
    interface Baseline {
        /** What the put does, for the table. */
        String putName();

        /** What the get does, for the table. */
        String getName();

        void put(String key, InputStream content) throws Exception;

        long get(String key) throws Exception;
    }

    /**
     * Rounds of: put by the store and each baseline, then get by each. Within a round the order rotates, so that
     * which one runs first after the writes (cold code, caches, the machine's other load) evens out over rounds.
     */
    private void measure(String backend, int sizeMib, int rounds, ObjectStore store, List<Baseline> baselines)
            throws Exception {
        long size = (long) sizeMib * MIB;
        List<Contender> contenders = new ArrayList<>();
        contenders.add(new Contender() {
            @Override
            public void put(String key) {
                store.put(key, new BlockStream(size), PutOptions.defaults());
            }

            @Override
            public long get(String key) throws Exception {
                try (StoredObject object = store.get(key)) {
                    return object.content().transferTo(OutputStream.nullOutputStream());
                }
            }
        });
        for (Baseline baseline : baselines) {
            contenders.add(new Contender() {
                @Override
                public void put(String key) throws Exception {
                    baseline.put(key, new BlockStream(size));
                }

                @Override
                public long get(String key) throws Exception {
                    return baseline.get(key);
                }
            });
        }
        int n = contenders.size();
        // Warm-up, not counted: a long-running service runs this code hot (JIT-compiled), and the baselines' code
        // is mostly the JDK's own, which the rest of the run warms anyway. Reads are cheap, so they get 512 MiB each.
        int warmReads = (int) Math.max(1, WARM_READ_BYTES / size);
        for (int i = 0; i < Math.max(1, rounds / 4); i++) {
            for (Contender contender : contenders) {
                contender.put("bench/warm");
            }
        }
        for (Contender contender : contenders) {
            for (int i = 0; i < warmReads; i++) {
                assertEquals(size, contender.get("bench/warm"));
            }
        }
        double[][] put = new double[n][rounds];
        double[][] get = new double[n][rounds];
        for (int i = 0; i < rounds; i++) {
            String key = "bench/" + sizeMib + "/" + i;
            for (int j = 0; j < n; j++) {
                int c = (i + j) % n;
                long start = System.nanoTime();
                contenders.get(c).put(key);
                put[c][i] = mbPerSecond(size, System.nanoTime() - start);
            }
            for (int j = 0; j < n; j++) {
                int c = (i + j) % n;
                long start = System.nanoTime();
                long read = contenders.get(c).get(key);
                get[c][i] = mbPerSecond(size, System.nanoTime() - start);
                assertEquals(size, read);
            }
        }
        for (int b = 0; b < baselines.size(); b++) {
            rows.add(row(backend, sizeMib, "put", median(put[0]), baselines.get(b).putName(), median(put[b + 1])));
        }
        for (int b = 0; b < baselines.size(); b++) {
            rows.add(row(backend, sizeMib, "get", median(get[0]), baselines.get(b).getName(), median(get[b + 1])));
        }
    }

    /** The store or a baseline, writing and reading generated content of the size being measured. */
    private interface Contender {
        void put(String key) throws Exception;

        long get(String key) throws Exception;
    }

    private static String row(String backend, int sizeMib, String op, double ours, String baselineName, double base) {
        return String.format(Locale.ROOT, "| %s | %d MiB | %s | %.0f | %s | %.0f | %.2f |", backend, sizeMib, op, ours,
                baselineName, base, ours / base);
    }

    /** The least a durable write can do (write + fsync), and the simplest read (JDK 17: 8 KiB reads). */
    private static Baseline plainFileBaseline(Path dir) {
        return new Baseline() {
            @Override
            public String putName() {
                return "plain file copy + fsync";
            }

            @Override
            public String getName() {
                return "plain read (InputStream.transferTo)";
            }

            @Override
            public void put(String key, InputStream content) throws IOException {
                Path file = dir.resolve(key.replace('/', '_'));
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                     OutputStream out = Channels.newOutputStream(channel)) {
                    content.transferTo(out);
                    channel.force(true);
                }
            }

            @Override
            public long get(String key) throws IOException {
                try (InputStream in = Files.newInputStream(dir.resolve(key.replace('/', '_')))) {
                    return in.transferTo(OutputStream.nullOutputStream());
                }
            }
        };
    }

    /**
     * The minimal durable atomic write: copy to a temp file, fsync it, rename it over the target, fsync the
     * directory (what the store must do too, so that a crash leaves the old or the new object, never a torn one);
     * and a read in 128 KiB chunks, the chunk size the store's own {@code transferTo} uses.
     */
    private static Baseline durableAtomicFileBaseline(Path dir) {
        return new Baseline() {
            @Override
            public String putName() {
                return "copy + fsync + rename + dir fsync";
            }

            @Override
            public String getName() {
                return "FileChannel read, 128 KiB chunks";
            }

            @Override
            public void put(String key, InputStream content) throws IOException {
                Path file = dir.resolve(key.replace('/', '_'));
                Path temp = dir.resolve(file.getFileName() + ".tmp");
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                     OutputStream out = Channels.newOutputStream(channel)) {
                    content.transferTo(out);
                    channel.force(true);
                }
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                    directory.force(true);
                }
            }

            @Override
            public long get(String key) throws IOException {
                try (FileChannel channel = FileChannel.open(dir.resolve(key.replace('/', '_')),
                        StandardOpenOption.READ)) {
                    ByteBuffer buffer = ByteBuffer.allocate(128 * 1024);
                    long total = 0;
                    int n;
                    while ((n = channel.read(buffer.clear())) > 0) {
                        total += n;
                    }
                    return total;
                }
            }
        };
    }

    private static Baseline sdkBaseline(MinioClient client, String bucket) {
        return new Baseline() {
            @Override
            public String putName() {
                return "MinIO SDK putObject";
            }

            @Override
            public String getName() {
                return "MinIO SDK getObject";
            }

            @Override
            public void put(String key, InputStream content) throws Exception {
                client.putObject(PutObjectArgs.builder().bucket(bucket).object("baseline/" + key)
                        .stream(content, -1, 8L * MIB).build());
            }

            @Override
            public long get(String key) throws Exception {
                try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket)
                        .object("baseline/" + key).build())) {
                    return in.transferTo(OutputStream.nullOutputStream());
                }
            }
        };
    }

    private static double mbPerSecond(long bytes, long nanos) {
        return bytes / 1e6 / (nanos / 1e9);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static byte[] randomBlock() {
        byte[] block = new byte[MIB];
        new Random(42).nextBytes(block);
        return block;
    }

    /** {@code size} bytes of a repeated random block: cheap to generate, so the benchmark measures storage. */
    private static final class BlockStream extends InputStream {
        private final long size;
        private long position;

        BlockStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            return BLOCK[(int) (position++ % BLOCK.length)] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int inBlock = (int) (position % BLOCK.length);
            int n = (int) Math.min(Math.min(length, BLOCK.length - inBlock), size - position);
            System.arraycopy(BLOCK, inBlock, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
