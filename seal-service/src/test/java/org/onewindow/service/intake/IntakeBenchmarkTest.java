package org.onewindow.service.intake;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.intake.ocr.OcrEngine;
import org.onewindow.service.intake.ocr.OcrPage;
import org.onewindow.service.intake.ocr.OcrProgress;
import org.onewindow.service.intake.ocr.Tesseract;
import org.onewindow.storage.fs.FileSystemObjectStore;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Intake figures for docs/benchmarks.md: OCR character accuracy on degraded synthetic scans, image → PDF/A
 * pages/s, and OCR pages/s through {@link OcrEngine} against the tesseract CLI on the same pages in the same
 * run. Run with {@code mvn -o -pl seal-service -am test -Dtest=IntakeBenchmarkTest -Donewindow.test.excludedGroups=none
 * -Dsurefire.failIfNoSpecifiedTests=false}. Results are also written to {@code target/intake-benchmark.md}.
 */
@Tag("benchmark")
class IntakeBenchmarkTest {
    @TempDir
    Path temp;
    private final StringBuilder report = new StringBuilder();

    @Test
    void ocrAccuracyOnDegradedScans() throws Exception {
        int pagesPerLevel = Integer.getInteger("intake.bench.accuracyPages", 3);
        List<SyntheticScans.Scan> scans = new ArrayList<>();
        List<SyntheticScans.Degradation> levels = new ArrayList<>();
        for (SyntheticScans.Degradation level : SyntheticScans.Degradation.values()) {
            for (int i = 0; i < pagesPerLevel; i++) {
                scans.add(SyntheticScans.page(1000L * level.ordinal() + i, 16, level));
                levels.add(level);
            }
        }
        Path pdf = normalize(scans.stream().map(s -> TestFiles.png(s.image())).toList(), "accuracy.pdf");
        List<OcrPage> pages;
        try (OcrEngine engine = new OcrEngine(Tesseract.defaults(), cores(), 40_000_000L, temp.resolve("scratch"))) {
            pages = engine.recognize(pdf, OcrProgress.NONE, OcrEngine.PageVisitor.NONE);
        }
        line("## OCR accuracy");
        line("");
        line("Synthetic A5 pages at 300 dpi, 16 lines each of government-form sentences (Chinese with some digits and");
        line("Latin), AR PL SungtiL GB 12 pt, then skewed, blurred, with Gaussian noise and speckles; ground truth known.");
        line("Through the full path: PNG → PDF/A-2u → PDFBox render (gray, 300 dpi) → tesseract 5.3 `chi_sim+eng`, psm 3.");
        line("Character accuracy = 1 − edit distance / reference length, whitespace ignored; \"NFKC\" also folds");
        line("full-width/half-width punctuation and digits before comparing.");
        line("");
        line("| degradation | skew | noise σ | speckles | pages | char accuracy | char accuracy (NFKC) |");
        line("|---|---|---|---|---|---|---|");
        double overall = 0;
        for (SyntheticScans.Degradation level : SyntheticScans.Degradation.values()) {
            double sum = 0;
            double sumNfkc = 0;
            int n = 0;
            for (int i = 0; i < scans.size(); i++) {
                if (levels.get(i) != level) {
                    continue;
                }
                String truth = scans.get(i).groundTruth();
                String read = pages.get(i).text();
                sum += SyntheticScans.characterAccuracy(truth, read);
                sumNfkc += SyntheticScans.characterAccuracy(nfkc(truth), nfkc(read));
                n++;
                if (i % pagesPerLevel == 0) {
                    System.out.println("[" + level + "] truth: " + truth.lines().findFirst().orElse("")
                            + "\n[" + level + "] read:  " + read.lines().findFirst().orElse(""));
                }
            }
            overall += sum / n;
            line(String.format(Locale.ROOT, "| %s | ±%.1f° | %.0f | %.2f%% | %d | %.2f%% | %.2f%% |",
                    level.name().toLowerCase(Locale.ROOT), level.skewDegrees, level.noiseSigma,
                    level.speckleRate * 100, n, 100 * sum / n, 100 * sumNfkc / n));
        }
        flush("accuracy");
        assertTrue(overall / 3 > 0.8, "OCR accuracy collapsed: " + overall / 3);
    }

    @Test
    void throughputAgainstTesseractCli() throws Exception {
        int ocrPages = Integer.getInteger("intake.bench.ocrPages", 4);
        // image → PDF/A: A4 300 dpi scans as JPEG (pass-through) and CCITT G4 TIFF (bilevel office scanner)
        List<byte[]> jpegs = new ArrayList<>();
        List<java.awt.image.BufferedImage> bilevel = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            SyntheticScans.Scan scan = SyntheticScans.page(i, 16, SyntheticScans.Degradation.LIGHT);
            if (i < 10) {
                jpegs.add(TestFiles.jpeg(toRgb(scan.image())));
            } else {
                bilevel.add(scan.image());
            }
        }
        byte[] tiff = TestFiles.tiffG4(bilevel, 300);
        normalize(jpegs, "warmup.pdf");
        long start = System.nanoTime();
        normalize(jpegs, "jpeg.pdf");
        double jpegRate = jpegs.size() / seconds(start);
        start = System.nanoTime();
        normalize(List.of(tiff), "tiff.pdf");
        double tiffRate = bilevel.size() / seconds(start);

        // OCR: the same page images through the CLI and through OcrEngine
        List<SyntheticScans.Scan> scans = new ArrayList<>();
        for (int i = 0; i < ocrPages; i++) {
            scans.add(SyntheticScans.page(500 + i, 16, SyntheticScans.Degradation.MEDIUM));
        }
        List<Path> images = new ArrayList<>();
        for (int i = 0; i < scans.size(); i++) {
            Path image = temp.resolve("cli-" + i + ".png");
            ImageIO.write(scans.get(i).image(), "png", image.toFile());
            images.add(image);
        }
        Path pdf = normalize(scans.stream().map(s -> TestFiles.png(s.image())).toList(), "ocr.pdf");
        Tesseract tesseract = Tesseract.defaults();
        int cores = cores();
        int rounds = Integer.getInteger("intake.bench.rounds", 3);
        // The machine is shared: the configurations alternate round by round and each keeps its best round.
        double cliSerial = 0;
        double cliParallel = 0;
        double oursSerial = 0;
        double oursParallel = 0;
        double cliCpu = 0;
        double oursCpu = 0;
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        try (OcrEngine one = new OcrEngine(tesseract, 1, 40_000_000L, temp.resolve("s1"));
             OcrEngine both = new OcrEngine(tesseract, cores, 40_000_000L, temp.resolve("s2"))) {
            for (int round = 0; round < rounds; round++) {
                start = System.nanoTime();
                double cpu = cpuSeconds();
                for (Path image : images) {
                    runCli(tesseract, image);
                }
                cliCpu += cpuSeconds() - cpu;
                cliSerial = Math.max(cliSerial, images.size() / seconds(start));
                start = System.nanoTime();
                cpu = cpuSeconds();
                one.recognize(pdf, OcrProgress.NONE, OcrEngine.PageVisitor.NONE);
                oursCpu += cpuSeconds() - cpu;
                oursSerial = Math.max(oursSerial, images.size() / seconds(start));
                start = System.nanoTime();
                List<Future<?>> futures = new ArrayList<>();
                for (Path image : images) {
                    futures.add(pool.submit(() -> runCli(tesseract, image)));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
                cliParallel = Math.max(cliParallel, images.size() / seconds(start));
                start = System.nanoTime();
                both.recognize(pdf, OcrProgress.NONE, OcrEngine.PageVisitor.NONE);
                oursParallel = Math.max(oursParallel, images.size() / seconds(start));
                System.out.printf(Locale.ROOT, "round %d best so far: cli1 %.3f ours1 %.3f cli%d %.3f ours%d %.3f%n",
                        round, cliSerial, oursSerial, cores, cliParallel, cores, oursParallel);
            }
        } finally {
            pool.shutdown();
        }
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        line("## Intake throughput");
        line("");
        line("Same run, same machine (" + cores + " cores, load average at the end " + String.format(Locale.ROOT, "%.1f", load)
                + " from other builds). Pages are synthetic A5 300 dpi scans (1748×2480 px); OCR figures are the best of "
                + rounds + " alternating rounds over " + images.size() + " pages.");
        line("");
        line("| what | pages/s |");
        line("|---|---|");
        line(String.format(Locale.ROOT, "| JPEG → PDF/A-2u (pass-through, %d pages) | %.1f |", jpegs.size(), jpegRate));
        line(String.format(Locale.ROOT, "| CCITT G4 TIFF → PDF/A-2u (%d pages) | %.1f |", bilevel.size(), tiffRate));
        line(String.format(Locale.ROOT, "| tesseract CLI, 1 process at a time (OMP_THREAD_LIMIT=1), PNG in | %.3f |", cliSerial));
        line(String.format(Locale.ROOT, "| tesseract CLI, %d processes at once | %.3f |", cores, cliParallel));
        line(String.format(Locale.ROOT, "| OcrEngine, 1 worker (PDF in: render + tesseract) | %.3f |", oursSerial));
        line(String.format(Locale.ROOT, "| OcrEngine, %d workers | %.3f |", cores, oursParallel));
        line("");
        double cliCpuPerPage = cliCpu / (rounds * images.size());
        double oursCpuPerPage = oursCpu / (rounds * images.size());
        line(String.format(Locale.ROOT, "| CPU seconds per page, tesseract CLI (children's user+sys) | %.2f s |", cliCpuPerPage));
        line(String.format(Locale.ROOT, "| CPU seconds per page, OcrEngine (JVM + children, user+sys) | %.2f s |", oursCpuPerPage));
        line("");
        line(String.format(Locale.ROOT, "Per-core efficiency from CPU time (insensitive to the other builds): OcrEngine does %.2f× the"
                + " pages per CPU-second of the CLI.", cliCpuPerPage / oursCpuPerPage));
        line(String.format(Locale.ROOT, "Ratios: OcrEngine/CLI per core %.2f×; with %d workers vs %d CLI processes %.2f×;"
                        + " OcrEngine scaling 1 → %d workers %.2f×.",
                oursSerial / cliSerial, cores, cores, oursParallel / cliParallel, cores, oursParallel / oursSerial));
        flush("throughput");
    }

    private static void runCli(Tesseract tesseract, Path image) {
        try {
            ProcessBuilder builder = new ProcessBuilder(tesseract.command(image, 300));
            builder.environment().put("OMP_THREAD_LIMIT", "1");
            builder.redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            int exit = builder.start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("tesseract exit " + exit);
            }
        } catch (IOException e) {
            throw new IllegalStateException("tesseract missing (Debian tesseract-ocr)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Path normalize(List<byte[]> files, String name) {
        try (FileSystemObjectStore store = new FileSystemObjectStore(temp.resolve("store-" + name))) {
            MaterialIntake intake = new MaterialIntake(store, IntakeLimits.defaults(), temp.resolve("spool"));
            List<InspectedFile> inspected = new ArrayList<>();
            try {
                for (byte[] file : files) {
                    inspected.add(intake.receive(new ByteArrayInputStream(file), null));
                }
                return new MaterialNormalizer().normalize(inspected, temp.resolve(name)).file();
            } finally {
                inspected.forEach(f -> f.upload().close());
            }
        }
    }

    /** This JVM's CPU time plus that of its finished children (tesseract), from /proc/self/stat (Linux). */
    private static double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields after "(comm)": state=0 ... utime=11 stime=12 cutime=13 cstime=14, in clock ticks (100 Hz)
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return ticks / 100.0;
    }

    private static java.awt.image.BufferedImage toRgb(java.awt.image.BufferedImage gray) {
        java.awt.image.BufferedImage rgb = new java.awt.image.BufferedImage(gray.getWidth(), gray.getHeight(),
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        rgb.createGraphics().drawImage(gray, 0, 0, null);
        return rgb;
    }

    private static String nfkc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC);
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private void line(String text) {
        report.append(text).append('\n');
    }

    private void flush(String name) throws IOException {
        System.out.println(report);
        Path out = Path.of("target", "intake-benchmark-" + name + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
    }
}
