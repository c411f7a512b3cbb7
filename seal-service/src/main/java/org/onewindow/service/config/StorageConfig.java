package org.onewindow.service.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/** Where objects are stored: parsed from {@code ONEWINDOW_STORAGE} and the {@code ONEWINDOW_S3_*} variables. */
public sealed interface StorageConfig {

    /** A short description for logs and the startup line; never contains credentials. */
    String describe();

    /**
     * The embedded filesystem backend.
     *
     * @param root absolute, normalized directory
     */
    record FileSystem(Path root) implements StorageConfig {
        public FileSystem {
            Objects.requireNonNull(root, "root");
            root = root.toAbsolutePath().normalize();
        }

        @Override
        public String describe() {
            return "fs:" + root;
        }
    }

    /**
     * An S3-compatible bucket (MinIO, Ceph, AWS ...).
     *
     * @param endpoint      e.g. {@code http://127.0.0.1:9000}
     * @param region        may be {@code null}
     * @param bucket        the bucket; it must exist
     * @param accessKey     access key id
     * @param secretKey     secret key, hidden in {@link #toString()}
     * @param partSizeBytes multipart part size (at least 5 MiB)
     */
    record S3(URI endpoint, String region, String bucket, String accessKey, Secret secretKey, long partSizeBytes)
            implements StorageConfig {
        public S3 {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(accessKey, "accessKey");
            Objects.requireNonNull(secretKey, "secretKey");
        }

        @Override
        public String describe() {
            return "s3://" + bucket + " at " + endpoint;
        }
    }
}
