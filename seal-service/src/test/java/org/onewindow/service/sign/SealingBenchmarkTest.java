package org.onewindow.service.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.itextpdf.bouncycastleconnector.BouncyCastleFactoryCreator;
import com.itextpdf.io.image.ImageData;
import com.itextpdf.io.image.ImageDataFactory;
import com.itextpdf.kernel.geom.PageSize;
import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfPage;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.StampingProperties;
import com.itextpdf.kernel.pdf.canvas.PdfCanvas;
import com.itextpdf.signatures.BouncyCastleDigest;
import com.itextpdf.signatures.IExternalDigest;
import com.itextpdf.signatures.PdfSigner;
import com.itextpdf.signatures.PrivateKeySignature;
import com.itextpdf.signatures.ProviderDigest;
import com.itextpdf.signatures.SignerProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.keys.KeyRef;
import org.onewindow.service.pki.CertificateRequest;
import org.onewindow.service.pki.CertificateSubject;

/**
 * Seals/s through {@link PdfSealer} (key in PKCS#12 custody) against plain iText {@link PdfSigner} with a raw
 * {@link PrivateKeySignature} over the same RSA-2048 key, in the same run; B-LT/B-LTA cost; heap for a 200 MB scan
 * sealed in a child JVM with -Xmx256m. Writes docs/benchmarks.md section "Sealing".
 */
@Tag("benchmark")
class SealingBenchmarkTest {
    @TempDir
    static Path dir;
    static SealingFixture pki;
    static KeyPair pair;
    static List<Certificate> chain;
    static SealIdentity identity;

    @BeforeAll
    static void setUp() throws Exception {
        pki = new SealingFixture(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        pair = generator.generateKeyPair();
        X509Certificate leaf = pki.hierarchy.issuing().issue(CertificateRequest.seal(
                new CertificateSubject("受理专用章", CertificateSubject.CENTER), pair.getPublic(), Duration.ofDays(30)));
        chain = new ArrayList<>(List.of(leaf));
        chain.addAll(pki.hierarchy.issuing().chain());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("seal", pair.getPrivate(), "bench-passphrase".toCharArray(), chain.toArray(new Certificate[0]));
        var bytes = new java.io.ByteArrayOutputStream();
        store.store(bytes, "bench-passphrase".toCharArray());
        KeyRef ref = pki.custody.importPkcs12("bench-seal", bytes.toByteArray(), "bench-passphrase".toCharArray());
        identity = new SealIdentity(pki.custody, ref, pki.custody.certificateChain(ref), java.util.Optional.empty());
    }

    /**
     * Plain iText: PdfSigner, PrivateKeySignature, CAdES, same TSA client for B-T, hashing with {@code digest}:
     * the JDK's SHA-256 (as {@link PdfSealer} does, so the comparison measures only onewindow's own work) or Bouncy
     * Castle's (iText's documented default).
     */
    static void plainItext(Path input, Path output, PadesLevel level, IExternalDigest digest) throws Exception {
        try (PdfReader reader = new PdfReader(input.toFile()); OutputStream out = Files.newOutputStream(output)) {
            PdfSigner signer = new PdfSigner(reader, out, new StampingProperties().useAppendMode());
            signer.setSignerProperties(new SignerProperties().setFieldName("Plain").setReason("受理"));
            signer.signDetached(digest, new PrivateKeySignature(pair.getPrivate(), "SHA-256",
                            BouncyCastleFactoryCreator.getFactory().getProviderName()),
                    chain.toArray(new Certificate[0]), null, null,
                    level == PadesLevel.B_T ? new TimeStamperTsaClient(pki.context.timeStamper().orElseThrow()) : null,
                    0, PdfSigner.CryptoStandard.CADES);
        }
    }

    static void plainJdkDigest(Path input, Path output, PadesLevel level) throws Exception {
        plainItext(input, output, level, new ProviderDigest(null));
    }

    static void plainBcDigest(Path input, Path output, PadesLevel level) throws Exception {
        plainItext(input, output, level, new BouncyCastleDigest());
    }

    static void ours(Path input, Path output, PadesLevel level) {
        pki.sealer().seal(input, output, identity, SealRequest.of(level, new SealPlacement.Invisible(), "受理", ""));
    }

    /** Minimum warm-up of both sides together before each pair of rows is measured. */
    static final long WARM_UP_NANOS = 4_000_000_000L;

    interface Job {
        void run(Path input, Path output, PadesLevel level) throws Exception;
    }

    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * The three sides (ours, plain iText with the JDK digest, plain iText with Bouncy Castle's digest) warmed up in
     * turn for at least {@link #WARM_UP_NANOS} (a few seals are not enough: in a profile the first 300 seals of ours
     * took twice as long as the next 300), then {@code seals} seals each, the order rotating from seal to seal so
     * drift in the machine's load falls on all alike. Returns, per side, seals/s from the total wall time, from the
     * median wall time per seal (robust to other builds' bursts) and from the median CPU time of this thread per
     * seal (what the sealing itself costs, independent of how often other processes took the CPU away):
     * {@code [side][total, median, cpu]}.
     */
    static double[][] rates(Path input, PadesLevel level, int seals) throws Exception {
        Job[] jobs = {SealingBenchmarkTest::ours, SealingBenchmarkTest::plainJdkDigest,
                SealingBenchmarkTest::plainBcDigest};
        Path out = dir.resolve("bench-out.pdf");
        long warmStart = System.nanoTime();
        while (System.nanoTime() - warmStart < WARM_UP_NANOS) {
            for (Job job : jobs) {
                job.run(input, out, level);
            }
        }
        int sides = jobs.length;
        long[][] wall = new long[sides][seals];
        long[][] cpu = new long[sides][seals];
        for (int i = 0; i < seals; i++) {
            for (int k = 0; k < sides; k++) {
                int j = (i + k) % sides;
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                jobs[j].run(input, out, level);
                wall[j][i] = System.nanoTime() - start;
                cpu[j][i] = THREADS.getCurrentThreadCpuTime() - cpuStart;
            }
        }
        double[][] result = new double[sides][3];
        for (int j = 0; j < sides; j++) {
            result[j][0] = seals / (Arrays.stream(wall[j]).sum() / 1e9);
            result[j][1] = 1e9 / median(wall[j]);
            result[j][2] = 1e9 / median(cpu[j]);
        }
        return result;
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static double oursRate(Path input, PadesLevel level, int n) throws Exception {
        Path out = dir.resolve("bench-level.pdf");
        for (int i = 0; i < n / 2; i++) {
            ours(input, out, level);
        }
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ours(input, out, level);
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    @Test
    void sealingThroughputAndLargeDocumentHeap() throws Exception {
        Path onePage = SampleDocuments.notice(dir.resolve("p1.pdf"), 1, false);
        Path hundred = SampleDocuments.notice(dir.resolve("p100.pdf"), 100, false);
        Map<String, double[][]> results = new LinkedHashMap<>();
        results.put("1 page, B-B", rates(onePage, PadesLevel.B_B, 400));
        results.put("1 page, B-T", rates(onePage, PadesLevel.B_T, 200));
        results.put("100 pages, B-B", rates(hundred, PadesLevel.B_B, 200));
        results.put("100 pages, B-T", rates(hundred, PadesLevel.B_T, 150));
        double bb = oursRate(onePage, PadesLevel.B_B, 100);
        double lt = oursRate(onePage, PadesLevel.B_LT, 100);
        double lta = oursRate(onePage, PadesLevel.B_LTA, 100);

        StringBuilder md = new StringBuilder();
        md.append("## Sealing\n\n");
        md.append("`SealingBenchmarkTest` (`./onewindow bench SealingBenchmarkTest -o`), one thread, this 2-core machine, ")
                .append("RSA-2048 seal key, invisible signature, in-process TSA/CRL/OCSP. \"onewindow\" is ")
                .append("`PdfSealer` with the key in PKCS#12 custody (including its checks, the input inspection, the ")
                .append("verification of custody's signature against the certificate and the SHA-256 of input and ")
                .append("output); \"plain iText\" is `PdfSigner.signDetached` with a raw `PrivateKeySignature` over the ")
                .append("same key, also invisible, same run, once with the JDK's SHA-256 (`ProviderDigest`, the digest ")
                .append("`PdfSealer` uses, so the ratio measures only onewindow's own work: **ratio**) and once with ")
                .append("`BouncyCastleDigest` (iText's documented default: ratio vs BC). Each side warmed up for at ")
                .append("least 4 s (all in turn), then measured seal by seal, the order rotating from seal to seal. ")
                .append("Seals/s from the total wall time, from the median wall time per seal, and from the median CPU ")
                .append("time of the sealing thread per seal (not inflated when other builds take the CPU away).\n\n");
        md.append("| document, level | measure | onewindow seals/s | plain iText (JDK digest) | **ratio** | ")
                .append("plain iText (BC digest) | ratio vs BC |\n")
                .append("|---|---|---:|---:|---:|---:|---:|\n");
        String[] measures = {"total wall time", "median wall time", "median CPU time"};
        results.forEach((name, r) -> {
            for (int m = 0; m < 3; m++) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | **%.2f×** | %.1f | %.2f× |%n", name,
                        measures[m], r[0][m], r[1][m], r[0][m] / r[1][m], r[2][m], r[0][m] / r[2][m]));
            }
        });
        md.append(String.format(Locale.ROOT, "%nLevel cost (1 page, onewindow): B-B %.1f seals/s; B-LT %.1f seals/s "
                + "(%.2f× the time of B-B); B-LTA %.1f seals/s (%.2f× the time of B-B).%n", bb, lt, bb / lt, lta,
                bb / lta));

        // 200 MB scan, sealed in a child JVM with -Xmx256m
        Path big = bigScan(dir.resolve("scan-200mb.pdf"), 200L * 1024 * 1024);
        for (String level : List.of("B-T", "B-LTA")) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"), BigSealMain.class.getName(),
                    big.toString(), dir.resolve("scan-sealed-" + level + ".pdf").toString(),
                    dir.resolve("child-" + level).toString(), level).redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(10, TimeUnit.MINUTES));
            assertEquals(0, child.exitValue(), output);
            Matcher m = Pattern.compile("RESULT millis=(\\d+) peakHeapBytes=(\\d+) maxHeapBytes=(\\d+) outputBytes=(\\d+)")
                    .matcher(output);
            assertTrue(m.find(), output);
            md.append(String.format(Locale.ROOT, "%n200 MB scan (%d MB, 50 pages of incompressible images), %s, child "
                            + "JVM -Xmx256m: sealed in %.1f s, peak heap %d MB, output %d MB.%n",
                    Files.size(big) >> 20, level, Long.parseLong(m.group(1)) / 1000.0,
                    Long.parseLong(m.group(2)) >> 20, Long.parseLong(m.group(4)) >> 20));
        }
        md.append("\nLoad average at the end of the run (other builds share the machine, so figures vary from run to ")
                .append("run): ").append(Files.readString(Path.of("/proc/loadavg")).trim()).append(". onewindow's ")
                .append("per-seal work beyond plain iText: the revocation-registry check of the seal, the inspection of ")
                .append("the document (done on the document iText signs, no second parse), the verification of custody's ")
                .append("signature with the certificate and the SHA-256 of input and output (input hashed from the bytes ")
                .append("already read, output while it is written); at B-T the time-stamp dominates both.\n");
        String section = md.toString();
        System.out.println(section);
        writeSection(section);
        results.forEach((name, r) -> assertTrue(r[0][0] > 0 && r[1][0] > 0 && r[2][0] > 0));
    }

    /** A PDF of ~{@code bytes} made of incompressible RGB images, written page by page (flushed). */
    static Path bigScan(Path file, long bytes) throws Exception {
        int pages = 50;
        int side = (int) Math.sqrt(bytes / pages / 3.0);
        Random random = new Random(42);
        try (PdfDocument pdf = new PdfDocument(new PdfWriter(file.toString()))) {
            for (int p = 0; p < pages; p++) {
                byte[] pixels = new byte[side * side * 3];
                random.nextBytes(pixels);
                ImageData image = ImageDataFactory.create(side, side, 3, 8, pixels, null);
                PdfPage page = pdf.addNewPage(PageSize.A4);
                new PdfCanvas(page).addImageFittedIntoRectangle(image, new Rectangle(0, 0, 595, 842), false);
                page.flush(true);
            }
        }
        return file;
    }

    static void writeSection(String section) throws Exception {
        Path docs = Path.of(System.getProperty("user.dir")).getParent().resolve("docs").resolve("benchmarks.md");
        String text = Files.exists(docs) ? Files.readString(docs) : "# Benchmarks\n\n";
        int start = text.indexOf("## Sealing\n");
        if (start >= 0) {
            int end = text.indexOf("\n## ", start + 1);
            text = text.substring(0, start) + section + (end >= 0 ? text.substring(end + 1) : "");
        } else {
            text = text.stripTrailing() + "\n\n" + section;
        }
        Files.writeString(docs, text);
    }
}
