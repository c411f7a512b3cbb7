package org.onewindow.storage;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/** Validation of user metadata, shared by every backend. */
final class UserMetadata {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private UserMetadata() {
    }

    static void validate(Map<String, String> metadata) {
        int total = 0;
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            String name = entry.getKey();
            if (!NAME.matcher(name).matches()) {
                throw new InvalidMetadataException("metadata name '" + name
                        + "' must be 1-64 characters of [a-z0-9-], starting with a letter or digit");
            }
            String value = entry.getValue();
            if (value == null) {
                throw new InvalidMetadataException("metadata '" + name + "' has no value");
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7F) {
                    throw new InvalidMetadataException("metadata '" + name + "' contains a control character");
                }
            }
            total += name.length() + value.getBytes(StandardCharsets.UTF_8).length;
        }
        if (total > PutOptions.MAX_METADATA_BYTES) {
            throw new InvalidMetadataException("user metadata exceeds " + PutOptions.MAX_METADATA_BYTES + " bytes");
        }
    }
}
