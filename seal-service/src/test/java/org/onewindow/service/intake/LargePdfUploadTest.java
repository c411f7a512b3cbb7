package org.onewindow.service.intake;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.storage.fs.FileSystemObjectStore;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A 500 MB PDF upload must go through with a 512 MB heap: everything streams through temporary files. */
@Tag("benchmark")
class LargePdfUploadTest {
    private static final int PAGES = 100;
    private static final int IMAGE_WIDTH = 2000;
    private static final int IMAGE_HEIGHT = 2500;

    @TempDir
    Path temp;

    @Test
    void fiveHundredMegabytePdfWithHalfAGigabyteHeap() throws Exception {
        Path pdf = temp.resolve("big.pdf");
        String sha256 = writeLargePdf(pdf);
        assertTrue(Files.size(pdf) > 500_000_000L);

        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                LargePdfUploadMain.class.getName(), temp.toString(), pdf.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(10, TimeUnit.MINUTES));
        assertEquals(0, child.exitValue(), output);
        String ok = output.lines().filter(l -> l.startsWith("OK ")).findFirst().orElseThrow(() -> new AssertionError(output));
        System.out.println(ok);
        String[] fields = ok.split(" ");
        assertEquals(sha256, fields[1]);
        assertEquals(Integer.toString(PAGES), fields[2]);
        try (FileSystemObjectStore store = new FileSystemObjectStore(temp.resolve("store"))) {
            assertEquals(sha256, store.head(MaterialIntake.originalKey(sha256)).orElseThrow().sha256());
            assertEquals(sha256, store.head(fields[3]).orElseThrow().sha256(), "a clean PDF is kept byte for byte");
        }
    }

    /** Writes a PDF of {@value #PAGES} pages, each an uncompressed 5 MB noise image; returns its SHA-256. */
    private static String writeLargePdf(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        List<Long> offsets = new ArrayList<>();
        int objects = 2 + 3 * PAGES;
        try (CountingStream out = new CountingStream(new DigestOutputStream(
                new BufferedOutputStream(Files.newOutputStream(file), 1 << 20), digest))) {
            out.ascii("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
            offsets.add(out.count);
            out.ascii("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
            offsets.add(out.count);
            StringBuilder kids = new StringBuilder();
            for (int i = 0; i < PAGES; i++) {
                kids.append(3 + 3 * i).append(" 0 R ");
            }
            out.ascii("2 0 obj\n<< /Type /Pages /Count " + PAGES + " /Kids [" + kids + "] >>\nendobj\n");
            Random random = new Random(7);
            byte[] noise = new byte[IMAGE_WIDTH * IMAGE_HEIGHT];
            for (int i = 0; i < PAGES; i++) {
                int page = 3 + 3 * i;
                offsets.add(out.count);
                out.ascii(page + " 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 480 600] /Contents " + (page + 1)
                        + " 0 R /Resources << /XObject << /Im0 " + (page + 2) + " 0 R >> >> >>\nendobj\n");
                String content = "q 480 0 0 600 0 0 cm /Im0 Do Q\n";
                offsets.add(out.count);
                out.ascii((page + 1) + " 0 obj\n<< /Length " + content.length() + " >>\nstream\n" + content
                        + "endstream\nendobj\n");
                offsets.add(out.count);
                out.ascii((page + 2) + " 0 obj\n<< /Type /XObject /Subtype /Image /Width " + IMAGE_WIDTH + " /Height "
                        + IMAGE_HEIGHT + " /ColorSpace /DeviceGray /BitsPerComponent 8 /Length " + noise.length
                        + " >>\nstream\n");
                random.nextBytes(noise);
                out.write(noise);
                out.ascii("\nendstream\nendobj\n");
            }
            long xref = out.count;
            StringBuilder table = new StringBuilder("xref\n0 " + (objects + 1) + "\n0000000000 65535 f \n");
            for (long offset : offsets) {
                table.append(String.format("%010d 00000 n \n", offset));
            }
            out.ascii(table + "trailer\n<< /Size " + (objects + 1) + " /Root 1 0 R >>\nstartxref\n" + xref + "\n%%EOF\n");
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        private long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        void ascii(String text) throws IOException {
            write(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
