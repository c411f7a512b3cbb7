package org.onewindow.storage.s3;

import java.io.InputStream;

/**
 * {@code size} bytes of a deterministic, non-repeating-looking pattern, generated on the fly (no memory held), so
 * large uploads can be checked byte by byte and range by range.
 */
final class PatternInputStream extends InputStream {
    private final long size;
    private long position;

    PatternInputStream(long size) {
        this.size = size;
    }

    /** The byte at {@code index} of every pattern stream. */
    static byte byteAt(long index) {
        long x = index * 0x9E3779B97F4A7C15L;
        x ^= x >>> 29;
        return (byte) (x ^ (x >>> 41));
    }

    @Override
    public int read() {
        if (position >= size) {
            return -1;
        }
        return byteAt(position++) & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(length, size - position);
        for (int i = 0; i < n; i++) {
            buffer[offset + i] = byteAt(position + i);
        }
        position += n;
        return n;
    }
}
