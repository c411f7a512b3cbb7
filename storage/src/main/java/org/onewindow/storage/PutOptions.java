package org.onewindow.storage;

import java.util.Map;
import java.util.Objects;

/**
 * How to write an object.
 *
 * @param contentType  MIME type stored with the object
 * @param userMetadata small string pairs stored with the object; names are lower-case ASCII
 *                     ({@code [a-z0-9-]}, at most 64 chars); values are any Unicode text; total at most 2 KiB UTF-8
 * @param condition    the condition under which the write may happen
 */
public record PutOptions(String contentType, Map<String, String> userMetadata, WriteCondition condition) {
    public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";
    public static final int MAX_METADATA_BYTES = 2048;

    public PutOptions {
        contentType = contentType == null || contentType.isBlank() ? DEFAULT_CONTENT_TYPE : contentType;
        userMetadata = Map.copyOf(userMetadata == null ? Map.of() : userMetadata);
        condition = Objects.requireNonNullElse(condition, WriteCondition.none());
        UserMetadata.validate(userMetadata);
    }

    /** Unconditional write of {@code application/octet-stream}. */
    public static PutOptions defaults() {
        return new PutOptions(null, null, null);
    }

    public static PutOptions of(String contentType) {
        return new PutOptions(contentType, null, null);
    }

    public PutOptions withCondition(WriteCondition newCondition) {
        return new PutOptions(contentType, userMetadata, newCondition);
    }

    public PutOptions withMetadata(Map<String, String> metadata) {
        return new PutOptions(contentType, metadata, condition);
    }
}
