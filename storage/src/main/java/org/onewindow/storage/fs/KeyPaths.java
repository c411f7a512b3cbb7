package org.onewindow.storage.fs;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Maps object keys to file names under {@code objects/} and back.
 *
 * <p>Each key segment becomes one file-name component made only of {@code [a-z0-9._-^%~]}, so names work on any
 * locale (Java cannot open non-ASCII names when the JVM runs with a POSIX locale) and on case-insensitive
 * filesystems:
 * <ul>
 *   <li>{@code a-z 0-9 . _ -} stand for themselves;</li>
 *   <li>an upper-case ASCII letter {@code X} becomes {@code ^x};</li>
 *   <li>every other byte of the segment's UTF-8 becomes {@code %hh} (lower-case hex).</li>
 * </ul>
 * An escaped segment longer than {@value #MAX_PLAIN_NAME} characters is shortened to its first (at most)
 * {@value #HASHED_PREFIX} characters, {@code ~} and 40 hex digits of the segment's SHA-256; such a name cannot be
 * decoded, so the store reads the real key from the object's header instead.
 * An object is the file {@code <name>~obj}; a key's parent segments are directories named {@code <name>}.
 * Escaped names never contain {@code ~} and hashed names end in hex digits, so object files and directories
 * can never collide: both {@code a} and {@code a/b} can be keys.
 */
final class KeyPaths {
    static final String OBJECT_SUFFIX = "~obj";
    static final int MAX_PLAIN_NAME = 160;
    static final int HASHED_PREFIX = 100;
    private static final int HASH_HEX_CHARS = 40;
    private static final HexFormat HEX = HexFormat.of();

    private KeyPaths() {
    }

    /** The object file of a valid key. */
    static Path objectFile(Path objectsDir, String key) {
        String[] segments = key.split("/", -1);
        Path path = objectsDir;
        for (int i = 0; i < segments.length - 1; i++) {
            path = path.resolve(name(segments[i]));
        }
        return path.resolve(name(segments[segments.length - 1]) + OBJECT_SUFFIX);
    }

    /** The directory holding the keys that start with {@code dirSegments + "/"}; {@code ""} is the root. */
    static Path directory(Path objectsDir, String dirSegments) {
        Path path = objectsDir;
        if (dirSegments.isEmpty()) {
            return path;
        }
        for (String segment : dirSegments.split("/", -1)) {
            path = path.resolve(name(segment));
        }
        return path;
    }

    /** The file-name component of one key segment. */
    static String name(String segment) {
        String escaped = escape(segment);
        if (escaped.length() <= MAX_PLAIN_NAME) {
            return escaped;
        }
        int cut = HASHED_PREFIX;
        // Never cut an escape sequence in half: the prefix only helps people browsing the directory.
        int percent = escaped.lastIndexOf('%', cut - 1);
        if (percent >= 0 && percent > cut - 3) {
            cut = percent;
        } else if (escaped.charAt(cut - 1) == '^') {
            cut--;
        }
        byte[] hash = sha256(segment.getBytes(StandardCharsets.UTF_8));
        return escaped.substring(0, cut) + "~" + HEX.formatHex(hash).substring(0, HASH_HEX_CHARS);
    }

    static String escape(String segment) {
        byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-') {
                out.append((char) c);
            } else if (c >= 'A' && c <= 'Z') {
                out.append('^').append((char) (c - 'A' + 'a'));
            } else {
                out.append('%').append(HEX.toHexDigits((byte) c));
            }
        }
        return out.toString();
    }

    /** Whether a name is a shortened (hashed) one whose segment must be read from an object header. */
    static boolean isHashed(String name) {
        return name.indexOf('~') >= 0;
    }

    /**
     * The segment that {@code name} (without {@link #OBJECT_SUFFIX}) stands for, or {@code null} when the name
     * is hashed or is not a name this store would produce (foreign files are ignored, never misread).
     */
    static String decode(String name) {
        if (name.isEmpty() || isHashed(name)) {
            return null;
        }
        ByteBuffer bytes = ByteBuffer.allocate(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-') {
                bytes.put((byte) c);
            } else if (c == '^' && i + 1 < name.length() && name.charAt(i + 1) >= 'a' && name.charAt(i + 1) <= 'z') {
                bytes.put((byte) (name.charAt(++i) - 'a' + 'A'));
            } else if (c == '%' && i + 2 < name.length()) {
                int hi = Character.digit(name.charAt(i + 1), 16);
                int lo = Character.digit(name.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.put((byte) (hi << 4 | lo));
                i += 2;
            } else {
                return null;
            }
        }
        bytes.flip();
        String segment;
        try {
            segment = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        // Only the canonical spelling counts ("%61" is not "a").
        return name(segment).equals(name) ? segment : null;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
