package org.onewindow.storage.fs;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Pseudo-random content of any length that is never held in memory: byte {@code i} depends only on the seed and
 * {@code i}, so any range can be checked, and the SHA-256 of what was handed out is computed on the way.
 */
final class GeneratedContent extends InputStream {
    private final long seed;
    private final long size;
    private final MessageDigest digest;
    private long position;

    GeneratedContent(long seed, long size) {
        this.seed = seed;
        this.size = size;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The byte at {@code index}. */
    static byte byteAt(long seed, long index) {
        return (byte) (mix(seed + (index >>> 3)) >>> ((index & 7) * 8));
    }

    /** SplitMix64 finalizer: a good 64-bit mix of the block number. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
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
        int i = 0;
        while (i < n && ((position + i) & 7) != 0) {
            buffer[offset + i] = byteAt(seed, position + i);
            i++;
        }
        while (i + 8 <= n) {
            long block = mix(seed + ((position + i) >>> 3));
            for (int b = 0; b < 8; b++) {
                buffer[offset + i + b] = (byte) (block >>> (b * 8));
            }
            i += 8;
        }
        while (i < n) {
            buffer[offset + i] = byteAt(seed, position + i);
            i++;
        }
        digest.update(buffer, offset, n);
        position += n;
        return n;
    }

    /** SHA-256 (hex) of everything read so far. */
    String sha256Hex() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    long position() {
        return position;
    }
}
