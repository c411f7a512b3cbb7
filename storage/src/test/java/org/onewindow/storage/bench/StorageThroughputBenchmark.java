package org.onewindow.storage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Put/get throughput of both backends against their baselines in the same run: a plain durable file copy
 * (write + fsync) and a plain read for the filesystem store; the plain MinIO SDK {@code putObject} /
 * {@code getObject} against the same S3 server for the S3 store. Rounds alternate between store and baseline so
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
        try (ObjectStore fs = new FileSystemObjectStore(fsRoot)) {
            measure("filesystem", "plain file copy + fsync", 1, 40, fs, fileBaseline(plain));
            measure("filesystem", "plain file copy + fsync", 256, 3, fs, fileBaseline(plain));
        }
        try (S3TestServer server = S3TestServer.start();
             ObjectStore s3 = new S3ObjectStore(server.config(server.bucket())
                     .withPartSize(S3StoreConfig.DEFAULT_PART_SIZE))) {
            S3StoreConfig config = server.config(server.bucket());
            MinioClient client = MinioClient.builder().endpoint(config.endpoint())
                    .credentials(config.accessKey(), config.secretKey()).build();
            measure("S3 (S3Proxy)", "MinIO SDK putObject/getObject", 1, 40, s3, sdkBaseline(client, config.bucket()));
            measure("S3 (S3Proxy)", "MinIO SDK putObject/getObject", 256, 3, s3, sdkBaseline(client, config.bucket()));
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
        String name();

        void put(String key, InputStream content) throws Exception;

        long get(String key) throws Exception;
    }

    private void measure(String backend, String baselineName, int sizeMib, int rounds, ObjectStore store,
                         Baseline baseline) throws Exception {
        long size = (long) sizeMib * MIB;
        // Warm-up round for both, not counted.
        store.put("bench/warm", new BlockStream(size), PutOptions.defaults());
        baseline.put("bench/warm", new BlockStream(size));
        double[] storePut = new double[rounds];
        double[] basePut = new double[rounds];
        double[] storeGet = new double[rounds];
        double[] baseGet = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            String key = "bench/" + sizeMib + "/" + i;
            long t0 = System.nanoTime();
            store.put(key, new BlockStream(size), PutOptions.defaults());
            long t1 = System.nanoTime();
            baseline.put(key, new BlockStream(size));
            long t2 = System.nanoTime();
            long read;
            try (StoredObject object = store.get(key)) {
                read = object.content().transferTo(OutputStream.nullOutputStream());
            }
            long t3 = System.nanoTime();
            long baseRead = baseline.get(key);
            long t4 = System.nanoTime();
            assertEquals(size, read);
            assertEquals(size, baseRead);
            storePut[i] = mbPerSecond(size, t1 - t0);
            basePut[i] = mbPerSecond(size, t2 - t1);
            storeGet[i] = mbPerSecond(size, t3 - t2);
            baseGet[i] = mbPerSecond(size, t4 - t3);
        }
        rows.add(row(backend, sizeMib, "put", median(storePut), baselineName, median(basePut)));
        rows.add(row(backend, sizeMib, "get", median(storeGet), baselineName, median(baseGet)));
    }

    private static String row(String backend, int sizeMib, String op, double ours, String baselineName, double base) {
        return String.format(Locale.ROOT, "| %s | %d MiB | %s | %.0f | %s | %.0f | %.2f |", backend, sizeMib, op, ours,
                baselineName, base, ours / base);
    }

    private static Baseline fileBaseline(Path dir) {
        return new Baseline() {
            @Override
            public String name() {
                return "plain file copy + fsync";
            }

            @Override
            public void put(String key, InputStream content) throws IOException {
                Path file = dir.resolve(key.replace('/', '_'));
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                     OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
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

    private static Baseline sdkBaseline(MinioClient client, String bucket) {
        return new Baseline() {
            @Override
            public String name() {
                return "MinIO SDK putObject/getObject";
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
