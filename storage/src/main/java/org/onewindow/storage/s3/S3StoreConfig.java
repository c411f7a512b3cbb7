package org.onewindow.storage.s3;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach an S3 bucket.
 *
 * @param endpoint       e.g. {@code http://127.0.0.1:9000} (MinIO) or {@code https://s3.amazonaws.com}
 * @param region         may be {@code null}: the client then asks the server for the bucket's location once
 * @param bucket         the bucket; it must exist
 * @param accessKey      access key id
 * @param secretKey      secret key; never logged, never part of {@link #toString()}
 * @param partSize       multipart part size in bytes (5 MiB to 1 GiB); also the memory bound of one upload
 *                       (one part buffer); objects that fit in one part are written with a single PUT.
 *                       {@code 0} means {@link #DEFAULT_PART_SIZE}
 * @param maxAttempts    attempts per request (≥ 1) when the server answers 5xx or the connection fails
 * @param initialBackoff wait before the second attempt; doubled for each further attempt
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout read/write timeout of one request (time without progress, not total time)
 */
public record S3StoreConfig(String endpoint, String region, String bucket, String accessKey, String secretKey,
                            long partSize, int maxAttempts, Duration initialBackoff, Duration connectTimeout,
                            Duration requestTimeout) {
    public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    public static final long MAX_PART_SIZE = 1024L * 1024 * 1024;
    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    public S3StoreConfig {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("S3 endpoint must be set");
        }
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("S3 bucket must be set");
        }
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        if (partSize == 0) {
            partSize = DEFAULT_PART_SIZE;
        }
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException("S3 part size must be between 5 MiB and 1 GiB, was " + partSize);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        initialBackoff = Objects.requireNonNullElse(initialBackoff, DEFAULT_INITIAL_BACKOFF);
        connectTimeout = Objects.requireNonNullElse(connectTimeout, DEFAULT_CONNECT_TIMEOUT);
        requestTimeout = Objects.requireNonNullElse(requestTimeout, DEFAULT_REQUEST_TIMEOUT);
    }

    /** Config with default retries and timeouts. */
    public S3StoreConfig(String endpoint, String region, String bucket, String accessKey, String secretKey,
                         long partSize) {
        this(endpoint, region, bucket, accessKey, secretKey, partSize, DEFAULT_MAX_ATTEMPTS,
                DEFAULT_INITIAL_BACKOFF, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    public S3StoreConfig withRetries(int newMaxAttempts, Duration newInitialBackoff) {
        return new S3StoreConfig(endpoint, region, bucket, accessKey, secretKey, partSize, newMaxAttempts,
                newInitialBackoff, connectTimeout, requestTimeout);
    }

    public S3StoreConfig withTimeouts(Duration newConnectTimeout, Duration newRequestTimeout) {
        return new S3StoreConfig(endpoint, region, bucket, accessKey, secretKey, partSize, maxAttempts,
                initialBackoff, newConnectTimeout, newRequestTimeout);
    }

    public S3StoreConfig withPartSize(long newPartSize) {
        return new S3StoreConfig(endpoint, region, bucket, accessKey, secretKey, newPartSize, maxAttempts,
                initialBackoff, connectTimeout, requestTimeout);
    }

    public S3StoreConfig withCredentials(String newAccessKey, String newSecretKey) {
        return new S3StoreConfig(endpoint, region, bucket, newAccessKey, newSecretKey, partSize, maxAttempts,
                initialBackoff, connectTimeout, requestTimeout);
    }

    public S3StoreConfig withBucket(String newBucket) {
        return new S3StoreConfig(endpoint, region, newBucket, accessKey, secretKey, partSize, maxAttempts,
                initialBackoff, connectTimeout, requestTimeout);
    }

    public S3StoreConfig withEndpoint(String newEndpoint) {
        return new S3StoreConfig(newEndpoint, region, bucket, accessKey, secretKey, partSize, maxAttempts,
                initialBackoff, connectTimeout, requestTimeout);
    }

    @Override
    public String toString() {
        return "S3StoreConfig[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket
                + ", accessKey=" + accessKey + ", partSize=" + partSize + ", maxAttempts=" + maxAttempts + "]";
    }
}
