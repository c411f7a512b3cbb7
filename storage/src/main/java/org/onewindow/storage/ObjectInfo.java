package org.onewindow.storage;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What is known about a stored object.
 *
 * @param key          the object's key
 * @param size         length in bytes
 * @param sha256       lower-case hex SHA-256 of the content, computed when it was written
 * @param version      opaque version token; changes on every write; used by {@link WriteCondition#ifVersionMatches}
 * @param contentType  the content type given when it was written ({@code application/octet-stream} by default)
 * @param lastModified when it was written
 * @param userMetadata user metadata, UTF-8 safe (Chinese file names included)
 */
public record ObjectInfo(String key, long size, String sha256, String version, String contentType,
                         Instant lastModified, Map<String, String> userMetadata) {
    public ObjectInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(lastModified, "lastModified");
        userMetadata = Map.copyOf(userMetadata);
    }
}
