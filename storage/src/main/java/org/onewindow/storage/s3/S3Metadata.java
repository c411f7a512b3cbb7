package org.onewindow.storage.s3;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Encodes user metadata values for HTTP headers and decodes them again.
 *
 * <p>S3 carries user metadata as {@code x-amz-meta-*} headers, which are ASCII in practice (S3Proxy answers 403
 * to non-ASCII values, HTTP clients refuse them). Values that are not plain printable ASCII are stored as an
 * RFC 2047 encoded word, {@code =?UTF-8?B?<base64>?=} — the form AWS documents for non-ASCII metadata and the most
 * compact ASCII form (4/3 of the UTF-8 size). Values that HTTP could alter (leading/trailing or doubled spaces,
 * empty values) and values that already look like an encoded word are encoded too, so every value round-trips
 * exactly.
 */
final class S3Metadata {
    private static final String ENCODED_START = "=?utf-8?b?";
    private static final String ENCODED_END = "?=";

    private S3Metadata() {
    }

    static String encode(String value) {
        if (!needsEncoding(value)) {
            return value;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + ENCODED_END;
    }

    static String decode(String headerValue) {
        if (headerValue == null) {
            return null;
        }
        String lower = headerValue.toLowerCase(Locale.ROOT);
        if (lower.startsWith(ENCODED_START) && headerValue.endsWith(ENCODED_END)
                && headerValue.length() >= ENCODED_START.length() + ENCODED_END.length()) {
            String base64 = headerValue.substring(ENCODED_START.length(), headerValue.length() - ENCODED_END.length());
            try {
                return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return headerValue;
            }
        }
        return headerValue;
    }

    private static boolean needsEncoding(String value) {
        if (value.isEmpty() || value.startsWith("=?") || value.startsWith(" ") || value.endsWith(" ")
                || value.contains("  ")) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return true;
            }
        }
        return false;
    }
}
