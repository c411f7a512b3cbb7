package org.onewindow.service.sign;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creates (or replaces) its file only on the first write, so a sealing that is refused before iText writes
 * anything leaves an existing output untouched; {@link #discard()} removes what a failed sealing wrote.
 */
final class DeferredFileOutputStream extends OutputStream {
    private final Path file;
    private OutputStream out;
    private long written;

    DeferredFileOutputStream(Path file) {
        this.file = file;
    }

    private OutputStream out() throws IOException {
        if (out == null) {
            out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        }
        return out;
    }

    @Override
    public void write(int b) throws IOException {
        out().write(b);
        written++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out().write(b, off, len);
        written += len;
    }

    @Override
    public void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }

    /** Bytes written so far. */
    long written() {
        return written;
    }

    /** Closes and deletes the file if it was created; for a sealing that failed after writing began. */
    void discard() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException ignored) {
            // deleting it anyway
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // nothing more to do
        }
    }
}
