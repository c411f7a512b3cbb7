package org.onewindow.service.intake;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Bounds-checked random reads from a spooled file; a read past the end means the file is truncated. */
final class BinaryFile implements AutoCloseable {
    private final FileChannel channel;
    private final long size;
    private final String name;
    private boolean bigEndian = true;

    BinaryFile(Path file, String name) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.size = channel.size();
        this.name = name;
    }

    long size() {
        return size;
    }

    void bigEndian(boolean value) {
        this.bigEndian = value;
    }

    byte[] read(long position, int length) throws IOException {
        if (position < 0 || length < 0 || position + length > size) {
            throw truncated();
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw truncated();
            }
        }
        return buffer.array();
    }

    /** Up to {@code length} bytes ending at the end of the file. */
    byte[] tail(int length) throws IOException {
        int n = (int) Math.min(size, length);
        return read(size - n, n);
    }

    int u8(long position) throws IOException {
        return read(position, 1)[0] & 0xFF;
    }

    int u16(long position) throws IOException {
        byte[] b = read(position, 2);
        return bigEndian ? ((b[0] & 0xFF) << 8) | (b[1] & 0xFF) : ((b[1] & 0xFF) << 8) | (b[0] & 0xFF);
    }

    long u32(long position) throws IOException {
        byte[] b = read(position, 4);
        if (bigEndian) {
            return ((long) (b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        }
        return ((long) (b[3] & 0xFF) << 24) | ((b[2] & 0xFF) << 16) | ((b[1] & 0xFF) << 8) | (b[0] & 0xFF);
    }

    CorruptMaterialException truncated() {
        return new CorruptMaterialException("file '" + name + "' is truncated or its structure points past its end");
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
