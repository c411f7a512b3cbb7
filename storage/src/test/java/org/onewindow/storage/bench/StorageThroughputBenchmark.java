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
 * the same S3 server. Rounds alternate between store and baseline so
 * drift of the machine hits both alike. Run with {@code ./onewindow bench StorageThroughputBenchmark}; the table
 * is printed and written to {@code target/benchmarks/storage.md}.
 */
@Tag("benchmark")
class StorageThroughputBenchmark {
    private static final int MIB = 1024 * 1024;
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

    private void measure(String backend, int sizeMib, int rounds, ObjectStore store, List<Baseline> baselines)
            throws Exception {
        long size = (long) sizeMib * MIB;
        int n = baselines.size();
        // Warm-up round for all, not counted.
        store.put("bench/warm", new BlockStream(size), PutOptions.defaults());
        for (Baseline baseline : baselines) {
            baseline.put("bench/warm", new BlockStream(size));
        }
        double[] storePut = new double[rounds];
        double[] storeGet = new double[rounds];
        double[][] basePut = new double[n][rounds];
        double[][] baseGet = new double[n][rounds];
        for (int i = 0; i < rounds; i++) {
            String key = "bench/" + sizeMib + "/" + i;
            long t0 = System.nanoTime();
            store.put(key, new BlockStream(size), PutOptions.defaults());
            storePut[i] = mbPerSecond(size, System.nanoTime() - t0);
            for (int b = 0; b < n; b++) {
                long start = System.nanoTime();
                baselines.get(b).put(key, new BlockStream(size));
                basePut[b][i] = mbPerSecond(size, System.nanoTime() - start);
            }
            long t1 = System.nanoTime();
            long read;
            try (StoredObject object = store.get(key)) {
                read = object.content().transferTo(OutputStream.nullOutputStream());
            }
            storeGet[i] = mbPerSecond(size, System.nanoTime() - t1);
            assertEquals(size, read);
            for (int b = 0; b < n; b++) {
                long start = System.nanoTime();
                long baseRead = baselines.get(b).get(key);
                baseGet[b][i] = mbPerSecond(size, System.nanoTime() - start);
                assertEquals(size, baseRead);
            }
        }
        for (int b = 0; b < n; b++) {
            rows.add(row(backend, sizeMib, "put", median(storePut), baselines.get(b).putName(), median(basePut[b])));
        }
        for (int b = 0; b < n; b++) {
            rows.add(row(backend, sizeMib, "get", median(storeGet), baselines.get(b).getName(), median(baseGet[b])));
        }
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
