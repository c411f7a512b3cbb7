package org.onewindow.storage.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import org.onewindow.storage.PutOptions;

/**
 * Child-process side of {@link FileSystemObjectStoreTest}: starts writing {@code args[1]} into the store at
 * {@code args[0]}, prints {@code streaming} once some megabytes are in, then stalls until the test kills the
 * process: a crash in the middle of an upload.
 */
public final class CrashingWriter {
    private CrashingWriter() {
    }

    public static void main(String[] args) {
        try (FileSystemObjectStore store = new FileSystemObjectStore(Path.of(args[0]))) {
            store.put(args[1], new StallingStream(4 * 1024 * 1024), PutOptions.defaults());
        }
        System.out.println("unexpectedly finished");
    }

    private static final class StallingStream extends InputStream {
        private final long stallAfter;
        private long position;

        StallingStream(long stallAfter) {
            this.stallAfter = stallAfter;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position >= stallAfter) {
                System.out.println("streaming");
                System.out.flush();
                System.in.read(); // blocks: the test never writes to stdin, it kills this process
                throw new IOException("stdin closed");
            }
            int n = (int) Math.min(length, stallAfter - position);
            position += n;
            return n;
        }
    }
}
