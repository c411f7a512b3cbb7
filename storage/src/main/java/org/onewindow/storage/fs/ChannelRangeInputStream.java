package org.onewindow.storage.fs;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * Streams {@code length} bytes of an open file from {@code position} and closes the file when closed. The file
 * stays readable after a concurrent replace or delete (the open descriptor keeps the old content), so a reader
 * always sees one whole version.
 *
 * <p>Every read of the file is one positional read (no shared file position, no lock). The number of those
 * system calls is what costs, so: {@link #transferTo} reads {@value #TRANSFER_CHUNK} bytes at a time (the JDK's
 * default is 8 KiB) and hands the file to the kernel when the target is a file; reads asking for less than
 * {@value #READ_AHEAD} bytes are served from a read-ahead buffer of that size (allocated on the first such read);
 * larger reads go straight into the caller's array.
 */
final class ChannelRangeInputStream extends InputStream {
    static final int TRANSFER_CHUNK = 128 * 1024;
    static final int READ_AHEAD = 64 * 1024;

    private final FileChannel channel;
    /** File position of the next byte not yet read from the file (buffered bytes come before it). */
    private long position;
    /** Bytes of the range not yet read from the file. */
    private long remaining;
    private byte[] buffer;
    private int bufferPosition;
    private int bufferLimit;

    ChannelRangeInputStream(FileChannel channel, long position, long length) {
        this.channel = channel;
        this.position = position;
        this.remaining = length;
    }

    @Override
    public int read() throws IOException {
        if (bufferPosition == bufferLimit && fill() <= 0) {
            return -1;
        }
        return buffer[bufferPosition++] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        int buffered = bufferLimit - bufferPosition;
        if (buffered > 0) {
            int n = Math.min(length, buffered);
            System.arraycopy(buffer, bufferPosition, target, offset, n);
            bufferPosition += n;
            return n;
        }
        if (remaining <= 0) {
            return -1;
        }
        if (length < READ_AHEAD) {
            int n = Math.min(length, fill());
            System.arraycopy(buffer, 0, target, offset, n);
            bufferPosition = n;
            return n;
        }
        return readFromFile(ByteBuffer.wrap(target, offset, (int) Math.min(length, remaining)));
    }

    @Override
    public long transferTo(OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        long transferred = 0;
        int buffered = bufferLimit - bufferPosition;
        if (buffered > 0) {
            out.write(buffer, bufferPosition, buffered);
            bufferPosition = bufferLimit;
            transferred += buffered;
        }
        if (out instanceof FileOutputStream file) {
            FileChannel target = file.getChannel();
            while (remaining > 0) {
                long n = channel.transferTo(position, remaining, target);
                if (n <= 0) {
                    throw new IOException("object file ended " + remaining + " bytes early");
                }
                position += n;
                remaining -= n;
                transferred += n;
            }
            return transferred;
        }
        byte[] chunk = new byte[(int) Math.min(TRANSFER_CHUNK, Math.max(remaining, 1))];
        ByteBuffer wrapped = ByteBuffer.wrap(chunk);
        while (remaining > 0) {
            wrapped.clear().limit((int) Math.min(chunk.length, remaining));
            int n = readFromFile(wrapped);
            out.write(chunk, 0, n);
            transferred += n;
        }
        return transferred;
    }

    @Override
    public long skip(long n) {
        if (n <= 0) {
            return 0;
        }
        int buffered = bufferLimit - bufferPosition;
        if (buffered > 0) {
            int skipped = (int) Math.min(n, buffered);
            bufferPosition += skipped;
            return skipped;
        }
        long skipped = Math.min(n, remaining);
        position += skipped;
        remaining -= skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, remaining + (bufferLimit - bufferPosition));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Refills the empty read-ahead buffer; returns the bytes now in it, 0 at the end of the range. */
    private int fill() throws IOException {
        bufferPosition = 0;
        bufferLimit = 0;
        if (remaining <= 0) {
            return 0;
        }
        if (buffer == null) {
            buffer = new byte[(int) Math.min(READ_AHEAD, remaining)];
        }
        bufferLimit = readFromFile(ByteBuffer.wrap(buffer, 0, (int) Math.min(buffer.length, remaining)));
        return bufferLimit;
    }

    /** One positional read into {@code target} (which must not reach past the range); never returns 0 or less. */
    private int readFromFile(ByteBuffer target) throws IOException {
        int n = channel.read(target, position);
        if (n <= 0) {
            throw new IOException("object file ended " + remaining + " bytes early");
        }
        position += n;
        remaining -= n;
        return n;
    }
}
