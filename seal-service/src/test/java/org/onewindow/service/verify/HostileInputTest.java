package org.onewindow.service.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import com.itextpdf.kernel.pdf.CompressionConstants;
import com.itextpdf.kernel.pdf.PdfArray;
import com.itextpdf.kernel.pdf.PdfDictionary;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfName;
import com.itextpdf.kernel.pdf.PdfStream;
import com.itextpdf.kernel.pdf.PdfWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that are not (sane) PDFs get a typed refusal within bounded time and memory, never a crash. */
class HostileInputTest {
    private static final VerificationPolicy POLICY = new VerificationPolicy(List.of(), 1024 * 1024,
            Duration.ofSeconds(10), 4L * 1024 * 1024, false, java.util.Optional.empty());

    @TempDir
    Path dir;

    private UnverifiableDocumentException refused(byte[] input, VerificationPolicy policy) throws Exception {
        Path file = dir.resolve("input.pdf");
        Files.write(file, input);
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                UnverifiableDocumentException.class, () -> PdfVerifier.verify(file, policy)));
    }

    @Test
    void aNonPdfIsUnsupportedMediaType() throws Exception {
        UnverifiableDocumentException e = refused("PK\u0003\u0004 this is a zip".getBytes(StandardCharsets.ISO_8859_1),
                POLICY);
        assertEquals(UnverifiableDocumentException.Reason.NOT_PDF, e.reason());
        assertEquals(415, e.status());
    }

    @Test
    void aFileOverTheSizeCapIsRefusedBeforeParsing() throws Exception {
        byte[] big = new byte[POLICY.maxBytes() + 1 > Integer.MAX_VALUE ? 0 : (int) POLICY.maxBytes() + 1];
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 9);
        UnverifiableDocumentException e = refused(big, POLICY);
        assertEquals(UnverifiableDocumentException.Reason.TOO_LARGE, e.reason());
        assertEquals(413, e.status());
    }

    @Test
    void garbageAfterThePdfHeaderIsMalformed() throws Exception {
        byte[] garbage = new byte[64 * 1024];
        new Random(7).nextBytes(garbage);
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, garbage, 0, 9);
        UnverifiableDocumentException e = refused(garbage, POLICY);
        assertEquals(422, e.status());
        assertTrue(e.getMessage().contains("malformed") || e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void aPageTreeThatContainsItselfEndsBounded() throws Exception {
        String pdf = "%PDF-1.7\n"
                + "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                + "2 0 obj\n<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>\nendobj\n"
                + "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>\nendobj\n";
        String xref = xref(pdf, 3) + "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n" + pdf.length() + "\n%%EOF\n";
        Path file = dir.resolve("loop.pdf");
        Files.writeString(file, pdf + xref, StandardCharsets.ISO_8859_1);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try {
                VerificationReport report = PdfVerifier.verify(file, POLICY);
                assertNotEquals(Indication.TOTAL_PASSED, report.indication());
            } catch (UnverifiableDocumentException e) {
                assertEquals(422, e.status());
            }
        });
    }

    @Test
    void aDecompressionBombIsStoppedByTheMemoryLimit() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PdfDocument pdf = new PdfDocument(new PdfWriter(out))) {
            pdf.addNewPage();
            // 64 MB of zeros that compress to a few dozen KB, where the verifier reads: the DSS certificates
            PdfStream bomb = new PdfStream(new byte[64 * 1024 * 1024]);
            bomb.setCompressionLevel(CompressionConstants.BEST_COMPRESSION);
            PdfDictionary dss = new PdfDictionary();
            dss.put(PdfName.Certs, new PdfArray(bomb.makeIndirect(pdf)));
            pdf.getCatalog().put(PdfName.DSS, dss);
        }
        assertTrue(out.size() < 1024 * 1024, "the bomb is small: " + out.size());
        UnverifiableDocumentException e = refused(out.toByteArray(), POLICY);
        assertEquals(UnverifiableDocumentException.Reason.RESOURCE_LIMIT, e.reason(), e.getMessage());
    }

    @Test
    void anUnsignedPdfIsIndeterminate() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PdfDocument pdf = new PdfDocument(new PdfWriter(out))) {
            pdf.addNewPage();
        }
        Path file = dir.resolve("unsigned.pdf");
        Files.write(file, out.toByteArray());
        VerificationReport report = PdfVerifier.verify(file, POLICY);
        assertEquals(Indication.INDETERMINATE, report.indication());
        assertEquals(SubIndication.NO_SIGNATURE, report.subIndication().orElseThrow());
    }

    /** A classic xref table for objects 1..n of {@code body} (offsets found by searching "n 0 obj"). */
    private static String xref(String body, int n) {
        StringBuilder sb = new StringBuilder("xref\n0 " + (n + 1) + "\n0000000000 65535 f \n");
        for (int i = 1; i <= n; i++) {
            sb.append(String.format("%010d 00000 n \n", body.indexOf("\n" + i + " 0 obj") + 1));
        }
        return sb.toString();
    }
}
