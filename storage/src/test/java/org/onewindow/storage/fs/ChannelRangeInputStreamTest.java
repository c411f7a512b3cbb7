package org.onewindow.storage.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read path of the filesystem store: every way of reading a range (single bytes, small reads served from the
 * read-ahead buffer, large reads straight from the file, skips, transferTo into a file or a plain stream, and mixes
 * of them) yields exactly the range's bytes.
 */
class ChannelRangeInputStreamTest {
    private static final int SIZE = 3 * ChannelRangeInputStream.TRANSFER_CHUNK + 12_345;

    @TempDir
    Path dir;

    private Path file;
    private byte[] content;

    @BeforeEach
    void writeFile() throws IOException {
        content = new byte[SIZE];
        new Random(7).nextBytes(content);
        file = dir.resolve("object");
        Files.write(file, content);
    }

    @Test
    void mixedReadSizesSkipsAndSingleBytesYieldTheRange() throws IOException {
        long offset = 1000;
        int length = SIZE - 2000;
        // Sizes below, at and above the read-ahead size, so both paths alternate and cross buffer boundaries.
        int[] readSizes = {1, 7, 8192, ChannelRangeInputStream.READ_AHEAD - 1, ChannelRangeInputStream.READ_AHEAD,
                200_000, 3};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = open(offset, length)) {
            int step = 0;
            while (true) {
                if (step % 5 == 4) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    out.write(b);
                } else if (step % 11 == 10) {
                    long skipped = in.skip(100);
                    out.write(content, (int) offset + out.size(), (int) skipped); // skipped bytes count as read
                } else {
                    byte[] buffer = new byte[readSizes[step % readSizes.length] + 5];
                    int n = in.read(buffer, 5, buffer.length - 5);
                    if (n < 0) {
                        break;
                    }
                    out.write(buffer, 5, n);
                }
                step++;
            }
            assertEquals(-1, in.read(new byte[10], 0, 10));
            assertEquals(0, in.available());
        }
        assertArrayEquals(Arrays.copyOfRange(content, (int) offset, (int) offset + length), out.toByteArray());
    }

    @Test
    void transferToAPlainStreamAfterSmallReadsYieldsTheRest() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = open(5, SIZE - 10)) {
            byte[] head = new byte[100];
            assertEquals(100, in.read(head));
            out.write(head);
            assertEquals(SIZE - 110, in.transferTo(out));
        }
        assertArrayEquals(Arrays.copyOfRange(content, 5, SIZE - 5), out.toByteArray());
    }

    @Test
    void transferToAFileCopiesInTheKernelAndYieldsTheRange() throws IOException {
        Path copy = dir.resolve("copy");
        try (InputStream in = open(17, SIZE - 40); FileOutputStream out = new FileOutputStream(copy.toFile())) {
            byte[] head = in.readNBytes(256); // leaves read-ahead bytes buffered: transferTo must send them first
            out.write(head);
            assertEquals(SIZE - 40 - 256, in.transferTo(out));
        }
        assertArrayEquals(Arrays.copyOfRange(content, 17, SIZE - 23), Files.readAllBytes(copy));
    }

    @Test
    void emptyRangeEndsAtOnce() throws IOException {
        try (InputStream in = open(SIZE, 0)) {
            assertEquals(-1, in.read());
            assertEquals(-1, in.read(new byte[4]));
            assertEquals(0, in.skip(10));
            assertEquals(0, in.transferTo(new ByteArrayOutputStream()));
        }
    }

    @Test
    void aFileShorterThanItsRangeIsAnError() throws IOException {
        try (InputStream in = open(SIZE - 10, 20)) {
            assertThrows(IOException.class, () -> in.transferTo(new ByteArrayOutputStream()));
        }
        try (InputStream in = open(SIZE - 10, 20)) {
            assertThrows(IOException.class, () -> in.readNBytes(20));
        }
    }

    private InputStream open(long offset, long length) throws IOException {
        return new ChannelRangeInputStream(FileChannel.open(file, StandardOpenOption.READ), offset, length);
    }
}
