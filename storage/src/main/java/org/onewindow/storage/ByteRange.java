package org.onewindow.storage;

/**
 * A byte range of an object: {@code length} bytes from {@code offset}; {@code length < 0} means "to the end".
 */
public record ByteRange(long offset, long length) {
    public ByteRange {
        if (offset < 0) {
            throw new IllegalArgumentException("range offset must be >= 0, was " + offset);
        }
        if (length == 0) {
            throw new IllegalArgumentException("range length must not be 0");
        }
    }

    public static ByteRange from(long offset) {
        return new ByteRange(offset, -1);
    }

    public static ByteRange of(long offset, long length) {
        return new ByteRange(offset, length);
    }

    public boolean toEnd() {
        return length < 0;
    }
}
