package org.onewindow.storage.s3;

/**
 * Where and how to reach an S3 bucket.
 *
 * @param endpoint  e.g. {@code http://127.0.0.1:9000} (MinIO) or {@code https://s3.amazonaws.com}
 * @param region    may be {@code null} (MinIO ignores it)
 * @param bucket    the bucket; it must exist
 * @param accessKey access key id
 * @param secretKey secret key; never logged, never part of {@link #toString()}
 * @param partSize  multipart part size in bytes (≥ 5 MiB); also the memory bound of one upload
 */
public record S3StoreConfig(String endpoint, String region, String bucket, String accessKey, String secretKey,
                            long partSize) {
    public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;

    @Override
    public String toString() {
        return "S3StoreConfig[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket
                + ", accessKey=" + accessKey + ", partSize=" + partSize + "]";
    }
}
