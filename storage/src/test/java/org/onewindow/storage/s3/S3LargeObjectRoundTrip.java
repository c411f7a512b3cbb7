package org.onewindow.storage.s3;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.onewindow.storage.ObjectInfo;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.StoredObject;

/**
 * Child-JVM program of {@link S3LargeObjectTest}: streams a generated object of the given size through
 * {@link S3ObjectStore#put} and {@link S3ObjectStore#get}, checks SHA-256 both ways and prints one result line.
 * Arguments: endpoint, bucket, access key, size in bytes; the secret key comes from {@code S3_SECRET_KEY}.
 */
public final class S3LargeObjectRoundTrip {
    private S3LargeObjectRoundTrip() {
    }

    public static void main(String[] args) throws Exception {
        String endpoint = args[0];
        String bucket = args[1];
        String accessKey = args[2];
        long size = Long.parseLong(args[3]);
        S3StoreConfig config = new S3StoreConfig(endpoint, "us-east-1", bucket, accessKey,
                System.getenv("S3_SECRET_KEY"), S3StoreConfig.DEFAULT_PART_SIZE);

        String expected = sha256(new PatternInputStream(size));
        try (S3ObjectStore store = new S3ObjectStore(config)) {
            long start = System.nanoTime();
            ObjectInfo written = store.put("large/object.bin", new PatternInputStream(size), PutOptions.defaults());
            long putNanos = System.nanoTime() - start;
            start = System.nanoTime();
            String read;
            try (StoredObject object = store.get("large/object.bin")) {
                read = sha256(object.content());
            }
            long getNanos = System.nanoTime() - start;
            boolean ok = expected.equals(written.sha256()) && expected.equals(read) && written.size() == size;
            System.out.printf("RESULT %s size=%d put=%.1fs (%.0f MB/s) get=%.1fs (%.0f MB/s) peakHeap=%dMiB maxHeap=%dMiB%n",
                    ok ? "sha256-ok" : "sha256-MISMATCH", size, putNanos / 1e9, size / 1e6 / (putNanos / 1e9),
                    getNanos / 1e9, size / 1e6 / (getNanos / 1e9), peakHeapBytes() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
            System.exit(ok ? 0 : 1);
        }
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
