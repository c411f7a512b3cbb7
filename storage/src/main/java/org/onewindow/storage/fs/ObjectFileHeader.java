package org.onewindow.storage.fs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

import org.onewindow.storage.ObjectInfo;

/**
 * The header in front of an object's content in its file, so that metadata and content are replaced together by
 * one rename.
 *
 * <pre>
 * magic      8 bytes  "OWOBJv01"
 * length     int      header length in bytes (content starts here)
 * size       long     content length
 * sha256     32 bytes
 * modified   long     epoch milliseconds
 * version    str      (str = unsigned short length + UTF-8 bytes)
 * key        str
 * type       str      content type
 * count      unsigned short, then count x (name str, value str)
 * crc        int      CRC32C of every header byte before it
 * </pre>
 * Size, SHA-256 and time are known only after the content has been streamed; they have fixed positions, so the
 * header is written first with placeholders and rewritten in place before the file is synced and renamed.
 */
record ObjectFileHeader(int length, ObjectInfo info) {
    static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final byte[] MAGIC = "OWOBJv01".getBytes(StandardCharsets.US_ASCII);
    private static final int FIXED_PREFIX = MAGIC.length + 4;
    private static final int FIRST_READ = 4096;
    private static final int SIZE_OFFSET = FIXED_PREFIX;
    private static final int SHA_OFFSET = SIZE_OFFSET + 8;
    private static final int MODIFIED_OFFSET = SHA_OFFSET + 32;
    private static final HexFormat HEX = HexFormat.of();

    /** The header bytes with size 0, no hash and time 0; see {@link #complete}. */
    static byte[] draft(String key, String version, String contentType, Map<String, String> metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(MAGIC);
        out.writeBytes(new byte[4 + 8 + 32 + 8]);
        writeString(out, version);
        writeString(out, key);
        writeString(out, contentType);
        Map<String, String> sorted = new TreeMap<>(metadata);
        out.write(sorted.size() >>> 8);
        out.write(sorted.size());
        for (Map.Entry<String, String> entry : sorted.entrySet()) {
            writeString(out, entry.getKey());
            writeString(out, entry.getValue());
        }
        out.writeBytes(new byte[4]);
        byte[] header = out.toByteArray();
        if (header.length > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("object header would be " + header.length + " bytes");
        }
        ByteBuffer.wrap(header).putInt(MAGIC.length, header.length);
        return header;
    }

    /** Fills in what streaming the content found out and the checksum. */
    static void complete(byte[] header, long size, byte[] sha256, Instant modified) {
        ByteBuffer buffer = ByteBuffer.wrap(header);
        buffer.putLong(SIZE_OFFSET, size);
        buffer.put(SHA_OFFSET, sha256);
        buffer.putLong(MODIFIED_OFFSET, modified.toEpochMilli());
        buffer.putInt(header.length - 4, crc(header, header.length - 4));
    }

    /**
     * Reads the header of an object file from the channel's start.
     *
     * @throws CorruptObjectException when the file is not a complete object file
     */
    static ObjectFileHeader read(FileChannel channel, Path file) throws IOException {
        // One read usually holds the whole header (about 150 bytes plus metadata); a second one only when not.
        ByteBuffer first = ByteBuffer.allocate(FIRST_READ);
        while (first.position() < FIXED_PREFIX) {
            if (channel.read(first, first.position()) < 0) {
                throw new CorruptObjectException(file, "file ends inside the header");
            }
        }
        byte[] magic = Arrays.copyOf(first.array(), MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new CorruptObjectException(file, "not an object file (bad magic)");
        }
        int length = first.getInt(MAGIC.length);
        if (length < MODIFIED_OFFSET + 8 + 2 * 3 + 2 + 4 || length > MAX_HEADER_BYTES) {
            throw new CorruptObjectException(file, "bad header length " + length);
        }
        ByteBuffer header = ByteBuffer.allocate(length);
        header.put(first.array(), 0, Math.min(length, first.position()));
        readFully(channel, header, 0, file);
        byte[] bytes = header.array();
        if (header.getInt(length - 4) != crc(bytes, length - 4)) {
            throw new CorruptObjectException(file, "header checksum mismatch");
        }
        try {
            header.position(SIZE_OFFSET);
            long size = header.getLong();
            byte[] sha = new byte[32];
            header.get(sha);
            Instant modified = Instant.ofEpochMilli(header.getLong());
            String version = readString(header);
            String key = readString(header);
            String contentType = readString(header);
            int count = Short.toUnsignedInt(header.getShort());
            Map<String, String> metadata = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                metadata.put(readString(header), readString(header));
            }
            if (header.position() != length - 4 || size < 0) {
                throw new CorruptObjectException(file, "malformed header");
            }
            if (channel.size() != length + size) {
                throw new CorruptObjectException(file, "file has " + channel.size() + " bytes, header says "
                        + (length + size));
            }
            return new ObjectFileHeader(length, new ObjectInfo(key, size, HEX.formatHex(sha), version, contentType,
                    modified, metadata));
        } catch (BufferUnderflowException e) {
            throw new CorruptObjectException(file, "truncated header");
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position, Path file)
            throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new CorruptObjectException(file, "file ends inside the header");
            }
        }
    }

    private static void writeString(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("header field longer than 65535 bytes");
        }
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    private static String readString(ByteBuffer buffer) {
        int length = Short.toUnsignedInt(buffer.getShort());
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    /** An object file that cannot be read as one: damaged disk, foreign file, or a bug. */
    static final class CorruptObjectException extends IOException {
        CorruptObjectException(Path file, String reason) {
            super("object file " + file + " is corrupt: " + reason);
        }
    }
}
