package org.onewindow.storage.s3;

import io.minio.ListMultipartUploadsResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import io.minio.messages.Upload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * A real S3 server for tests: S3Proxy 4.1.0 in-process on a loopback port, with real AWS signature
 * authentication and its filesystem backend in a temporary directory (so large objects cost disk, not heap).
 *
 * <p>The blob store is wrapped in {@link S3SemanticsBlobStore}, which gives S3Proxy's filesystem backend three
 * properties of AWS S3 and MinIO that it lacks: atomic {@code If-Match}/{@code If-None-Match} (S3Proxy checks
 * them outside its write lock), keys that are not paths ({@code a} and {@code a/b} can both exist) and listings in
 * UTF-8 byte order. Without it, 6 of the 35 contract tests fail for the server's sake, not the client's.
 *
 * <p>Reused by other modules' tests through the storage test-jar:
 * <pre>{@code
 * try (S3TestServer s3 = S3TestServer.start(); ObjectStore store = s3.newStore()) { ... }
 * }</pre>
 */
public final class S3TestServer implements AutoCloseable {
    private static final String ACCESS_KEY = "onewindow-test";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path directory;
    private final BlobStore blobStore;
    private final S3Proxy proxy;
    private final String endpoint;
    private final String secretKey;
    private final String bucket;
    private final AtomicInteger bucketCounter = new AtomicInteger();

    private S3TestServer(Path directory, BlobStore blobStore, S3Proxy proxy, String endpoint, String secretKey) {
        this.directory = directory;
        this.blobStore = blobStore;
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.secretKey = secretKey;
        this.bucket = createBucket();
    }

    /** Starts a server on a free loopback port with one empty bucket, {@link #bucket()}. */
    public static S3TestServer start() {
        return start(true);
    }

    /** {@code s3Semantics = false} serves S3Proxy's filesystem backend as it is; for experiments only. */
    static S3TestServer start(boolean s3Semantics) {
        Path directory;
        try {
            directory = Files.createTempDirectory("onewindow-s3-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String secret = UUID.randomUUID().toString();
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", directory.toString());
        BlobStore backend = BlobStores.create("filesystem", properties);
        BlobStore blobStore = s3Semantics ? new S3SemanticsBlobStore(backend) : backend;
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, secret)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start within " + START_TIMEOUT);
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            deleteRecursively(directory);
            throw new IllegalStateException("could not start S3Proxy: " + e, e);
        }
        return new S3TestServer(directory, blobStore, proxy, "http://127.0.0.1:" + proxy.getPort(), secret);
    }

    public String endpoint() {
        return endpoint;
    }

    /** The bucket created at start. */
    public String bucket() {
        return bucket;
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return secretKey;
    }

    /** Creates a new, empty bucket and returns its name. */
    public String createBucket() {
        String name = "bucket-" + bucketCounter.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            adminClient().makeBucket(MakeBucketArgs.builder().bucket(name).build());
        } catch (Exception e) {
            throw new IllegalStateException("could not create bucket " + name + ": " + e, e);
        }
        return name;
    }

    /** Config for {@code bucketName} with the smallest part size S3 allows (5 MiB) and quick retries. */
    public S3StoreConfig config(String bucketName) {
        return new S3StoreConfig(endpoint, "us-east-1", bucketName, ACCESS_KEY, secretKey, S3StoreConfig.MIN_PART_SIZE)
                .withRetries(3, Duration.ofMillis(20));
    }

    /** A store on {@link #bucket()}. */
    public S3ObjectStore store() {
        return new S3ObjectStore(config(bucket));
    }

    /** A store on a new, empty bucket. */
    public S3ObjectStore newStore() {
        return new S3ObjectStore(config(createBucket()));
    }

    /** Multipart uploads started and neither completed nor aborted in {@code bucketName}. */
    public List<String> pendingUploads(String bucketName) {
        try {
            ListMultipartUploadsResponse response = asyncAdminClient()
                    .listMultipartUploadsAsync(bucketName, "us-east-1", null, null, null, 1000, null, null, null, null)
                    .get();
            List<String> uploads = new ArrayList<>();
            for (Upload upload : response.result().uploads()) {
                uploads.add(upload.objectName() + " " + upload.uploadId());
            }
            return uploads;
        } catch (Exception e) {
            throw new IllegalStateException("could not list multipart uploads: " + e, e);
        }
    }

    /** Every key in {@code bucketName}, including the store's hidden staging keys. */
    public List<String> allKeys(String bucketName) {
        List<String> keys = new ArrayList<>();
        try {
            for (Result<Item> result : adminClient().listObjects(
                    ListObjectsArgs.builder().bucket(bucketName).recursive(true).build())) {
                keys.add(result.get().objectName());
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not list " + bucketName + ": " + e, e);
        }
        return keys;
    }

    /** Writes an object directly, bypassing the store (e.g. to leave what a crashed writer would leave). */
    public void putRaw(String bucketName, String key, byte[] content) {
        try {
            adminClient().putObject(PutObjectArgs.builder().bucket(bucketName).object(key)
                    .stream(new ByteArrayInputStream(content), content.length, -1).build());
        } catch (Exception e) {
            throw new IllegalStateException("could not write " + key + ": " + e, e);
        }
    }

    private MinioClient adminClient() {
        return MinioClient.builder().endpoint(endpoint).region("us-east-1").credentials(ACCESS_KEY, secretKey).build();
    }

    private io.minio.MinioAsyncClient asyncAdminClient() {
        return io.minio.MinioAsyncClient.builder().endpoint(endpoint).region("us-east-1")
                .credentials(ACCESS_KEY, secretKey).build();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop S3Proxy: " + e, e);
        } finally {
            try {
                blobStore.close();
            } finally {
                deleteRecursively(directory);
            }
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }
}
