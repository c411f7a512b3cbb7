package org.onewindow.storage;

import java.nio.charset.StandardCharsets;

/**
 * The rules every object key follows, in every backend, so that a key that works on the filesystem works on
 * S3 and the other way round.
 *
 * <ul>
 *   <li>1 to {@value #MAX_KEY_BYTES} bytes of UTF-8, well-formed Unicode;</li>
 *   <li>segments separated by {@code /}: no leading, trailing or doubled {@code /};</li>
 *   <li>no {@code .} or {@code ..} segment, each segment at most {@value #MAX_SEGMENT_BYTES} UTF-8 bytes;</li>
 *   <li>no control characters (C0, DEL, C1) and no backslash.</li>
 * </ul>
 */
public final class ObjectKey {
    public static final int MAX_KEY_BYTES = 1024;
    public static final int MAX_SEGMENT_BYTES = 200;

    private ObjectKey() {
    }

    /**
     * Returns {@code key} when it is valid.
     *
     * @throws InvalidKeyException naming the rule it breaks
     */
    public static String validate(String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidKeyException("object key must not be empty");
        }
        checkCharacters(key, "object key");
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new InvalidKeyException("object key is longer than " + MAX_KEY_BYTES + " UTF-8 bytes");
        }
        if (key.startsWith("/")) {
            throw new InvalidKeyException("object key must not start with '/': '" + key + "'");
        }
        if (key.endsWith("/")) {
            throw new InvalidKeyException("object key must not end with '/': '" + key + "'");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty()) {
                throw new InvalidKeyException("object key must not contain '//': '" + key + "'");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new InvalidKeyException("object key must not contain a '" + segment + "' segment: '" + key + "'");
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw new InvalidKeyException("object key segment is longer than " + MAX_SEGMENT_BYTES
                        + " UTF-8 bytes: '" + key + "'");
            }
        }
        return key;
    }

    /**
     * Returns {@code prefix} when it is a valid listing prefix: empty, or the start of a valid key (it may end
     * with {@code /}).
     */
    public static String validatePrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "";
        }
        checkCharacters(prefix, "prefix");
        if (prefix.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new InvalidKeyException("prefix is longer than " + MAX_KEY_BYTES + " UTF-8 bytes");
        }
        if (prefix.startsWith("/")) {
            throw new InvalidKeyException("prefix must not start with '/': '" + prefix + "'");
        }
        String[] segments = prefix.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.isEmpty() && !last) {
                throw new InvalidKeyException("prefix must not contain '//': '" + prefix + "'");
            }
            if (!last && (segment.equals(".") || segment.equals(".."))) {
                throw new InvalidKeyException("prefix must not contain a '" + segment + "' segment: '" + prefix + "'");
            }
            if (segment.equals("..")) {
                throw new InvalidKeyException("prefix must not contain a '..' segment: '" + prefix + "'");
            }
        }
        return prefix;
    }

    private static void checkCharacters(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
                throw new InvalidKeyException(what + " must not contain control character U+"
                        + String.format("%04X", (int) c) + " (at index " + i + ")");
            }
            if (c == '\\') {
                throw new InvalidKeyException(what + " must not contain '\\' (at index " + i + ")");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    throw new InvalidKeyException(what + " is not well-formed Unicode (at index " + i + ")");
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw new InvalidKeyException(what + " is not well-formed Unicode (at index " + i + ")");
            }
        }
    }
}
