package org.onewindow.service.intake;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.intake.ocr.Deskew;
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
        // the same pages read twice: as they are, and straightened first
        List<OcrPage> plain;
        List<OcrPage> straightened;
        try (OcrEngine off = new OcrEngine(Tesseract.defaults(), cores(), 40_000_000L, temp.resolve("off"), Deskew.off());
             OcrEngine on = new OcrEngine(Tesseract.defaults(), cores(), 40_000_000L, temp.resolve("on"), Deskew.defaults())) {
            plain = off.recognize(pdf, OcrProgress.NONE, OcrEngine.PageVisitor.NONE);
            straightened = on.recognize(pdf, OcrProgress.NONE, OcrEngine.PageVisitor.NONE);
        }
        line("## OCR accuracy");
        line("");
        line("Synthetic A5 pages at 300 dpi, 16 lines each of government-form sentences (Chinese with some digits and");
        line("Latin), AR PL SungtiL GB 12 pt, then skewed, blurred, with Gaussian noise and speckles; ground truth known.");
        line("Through the full path: PNG → PDF/A-2u → page image → tesseract 5.3 `chi_sim+eng`, psm 3, without and with");
        line("deskew (" + Deskew.defaults() + ").");
        line("Character accuracy = 1 − edit distance / reference length, whitespace ignored; \"NFKC\" also folds");
        line("full-width/half-width punctuation and digits before comparing.");
        line("");
        line("| degradation | skew | noise σ | speckles | pages | no deskew | deskew | deskew (NFKC) | skew found by deskew |");
        line("|---|---|---|---|---|---|---|---|---|");
        double overallPlain = 0;
        double overallStraight = 0;
        for (SyntheticScans.Degradation level : SyntheticScans.Degradation.values()) {
            double sumPlain = 0;
            double sumStraight = 0;
            double sumNfkc = 0;
            List<String> found = new ArrayList<>();
            int n = 0;
            for (int i = 0; i < scans.size(); i++) {
                if (levels.get(i) != level) {
                    continue;
                }
                String truth = scans.get(i).groundTruth();
                sumPlain += SyntheticScans.characterAccuracy(truth, plain.get(i).text());
                String read = straightened.get(i).text();
                sumStraight += SyntheticScans.characterAccuracy(truth, read);
                sumNfkc += SyntheticScans.characterAccuracy(nfkc(truth), nfkc(read));
                found.add(String.format(Locale.ROOT, "%.2f°", straightened.get(i).deskewDegrees()));
                n++;
                if (i % pagesPerLevel == 0) {
                    System.out.println("[" + level + "] truth: " + truth.lines().findFirst().orElse("")
                            + "\n[" + level + "] read:  " + read.lines().findFirst().orElse(""));
                }
            }
            overallPlain += sumPlain / n;
            overallStraight += sumStraight / n;
            line(String.format(Locale.ROOT, "| %s | ±%.1f° | %.0f | %.2f%% | %d | %.2f%% | %.2f%% | %.2f%% | %s |",
                    level.name().toLowerCase(Locale.ROOT), level.skewDegrees, level.noiseSigma,
                    level.speckleRate * 100, n, 100 * sumPlain / n, 100 * sumStraight / n, 100 * sumNfkc / n,
                    String.join(" ", found)));
        }
        int levelCount = SyntheticScans.Degradation.values().length;
        line("");
        line(String.format(Locale.ROOT, "Mean over the levels: %.2f%% without deskew, %.2f%% with.",
                100 * overallPlain / levelCount, 100 * overallStraight / levelCount));
        flush("accuracy");
        assertTrue(overallStraight / levelCount > 0.8, "OCR accuracy collapsed: " + overallStraight / levelCount);
    }

    @Test
    void throughputAgainstTesseractCli() throws Exception {
        int ocrPages = Integer.getInteger("intake.bench.ocrPages", 8);
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
        int cores = cores();
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
        int rounds = Integer.getInteger("intake.bench.rounds", 5);
        String[] names = {"cli1", "ours1", "cli" + cores, "ours" + cores};
        // per configuration and round: pages/s (wall clock) and CPU seconds per page
        double[][] rate = new double[4][rounds];
        double[][] cpu = new double[4][rounds];
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        try (OcrEngine one = new OcrEngine(tesseract, 1, 40_000_000L, temp.resolve("s1"));
             OcrEngine both = new OcrEngine(tesseract, cores, 40_000_000L, temp.resolve("s2"))) {
            List<java.util.concurrent.Callable<Object>> runs = List.of(
                    () -> {
                        images.forEach(image -> runCli(tesseract, image));
                        return null;
                    },
                    () -> one.recognize(pdf, OcrProgress.NONE, OcrEngine.PageVisitor.NONE),
                    () -> {
                        List<Future<?>> futures = new ArrayList<>();
                        for (Path image : images) {
                            futures.add(pool.submit(() -> runCli(tesseract, image)));
                        }
                        for (Future<?> f : futures) {
                            f.get();
                        }
                        return null;
                    },
                    () -> both.recognize(pdf, OcrProgress.NONE, OcrEngine.PageVisitor.NONE));
            // one unmeasured round first: a long-running service runs this code JIT-compiled
            for (var run : runs) {
                run.call();
            }
            // The machine is shared: the configurations alternate round by round; medians are reported.
            for (int round = 0; round < rounds; round++) {
                for (int c = 0; c < runs.size(); c++) {
                    double cpuBefore = cpuSeconds();
                    long begin = System.nanoTime();
                    runs.get(c).call();
                    rate[c][round] = images.size() / seconds(begin);
                    cpu[c][round] = (cpuSeconds() - cpuBefore) / images.size();
                }
                StringBuilder text = new StringBuilder("round " + round + ":");
                for (int c = 0; c < runs.size(); c++) {
                    text.append(String.format(Locale.ROOT, " %s %.3f p/s %.2f cpu-s/p;", names[c], rate[c][round], cpu[c][round]));
                }
                System.out.println(text + " load " + loadAverage());
            }
        } finally {
            pool.shutdown();
        }
        line("## Intake throughput");
        line("");
        line("Same run, same machine (" + cores + " cores, load average at the end " + loadAverage()
                + "). Pages are synthetic A5 300 dpi scans (1748×2480 px, medium degradation); OCR figures are medians of "
                + rounds + " alternating rounds over " + images.size() + " pages after one unmeasured warm-up round.");
        line("");
        line("| what | pages/s (median) | CPU s per page (median) |");
        line("|---|---|---|");
        line(String.format(Locale.ROOT, "| JPEG → PDF/A-2u (pass-through, %d pages) | %.1f | |", jpegs.size(), jpegRate));
        line(String.format(Locale.ROOT, "| CCITT G4 TIFF → PDF/A-2u (%d pages) | %.1f | |", bilevel.size(), tiffRate));
        String[] labels = {"tesseract CLI, 1 process at a time (OMP_THREAD_LIMIT=1), PNG in",
                "OcrEngine, 1 worker (PDF in)", "tesseract CLI, " + cores + " processes at once",
                "OcrEngine, " + cores + " workers"};
        double[] medianRate = new double[4];
        double[] medianCpu = new double[4];
        for (int c = 0; c < 4; c++) {
            medianRate[c] = median(rate[c]);
            medianCpu[c] = median(cpu[c]);
            line(String.format(Locale.ROOT, "| %s | %.3f | %.2f |", labels[c], medianRate[c], medianCpu[c]));
        }
        line("");
        line(String.format(Locale.ROOT, "Per core, from CPU time: OcrEngine does %.2f× the pages per CPU-second of the CLI"
                + " (1 worker vs 1 process; %.2f× with %d each).", medianCpu[0] / medianCpu[1], medianCpu[2] / medianCpu[3], cores));
        line(String.format(Locale.ROOT, "Wall clock: OcrEngine/CLI %.2f× (1 each), %.2f× (%d each); scaling 1 → %d:"
                        + " OcrEngine %.2f×, CLI %.2f×.",
                medianRate[1] / medianRate[0], medianRate[3] / medianRate[2], cores, cores,
                medianRate[3] / medianRate[1], medianRate[2] / medianRate[0]));
        flush("throughput");
    }

    /**
     * What OcrEngine costs besides tesseract itself: the same pages through the engine with {@code true} as
     * the "tesseract" binary (it reads nothing and prints nothing), so that PDF parsing, image extraction,
     * skew estimation, temp files and process starts are all that is measured.
     */
    @Test
    void engineOverheadWithoutRecognition() throws Exception {
        int pages = Integer.getInteger("intake.bench.ocrPages", 8);
        List<SyntheticScans.Scan> scans = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            scans.add(SyntheticScans.page(500 + i, 16, SyntheticScans.Degradation.MEDIUM));
        }
        Path pdf = normalize(scans.stream().map(s -> TestFiles.png(s.image())).toList(), "overhead.pdf");
        Tesseract none = new Tesseract("true", "chi_sim+eng", java.time.Duration.ofMinutes(1));
        int rounds = 7;
        double[] withDeskew = new double[rounds];
        double[] withoutDeskew = new double[rounds];
        try (OcrEngine on = new OcrEngine(none, 1, 40_000_000L, temp.resolve("o1"), Deskew.defaults());
             OcrEngine off = new OcrEngine(none, 1, 40_000_000L, temp.resolve("o2"), Deskew.off())) {
            for (int warm = 0; warm < 3; warm++) {
                on.recognize(pdf, OcrProgress.NONE, OcrEngine.PageVisitor.NONE);
                off.recognize(pdf, OcrProgress.NONE, OcrEngine.PageVisitor.NONE);
            }
            for (int round = 0; round < rounds; round++) {
                double before = cpuSeconds();
                on.recognize(pdf, OcrProgress.NONE, OcrEngine.PageVisitor.NONE);
                withDeskew[round] = (cpuSeconds() - before) / pages;
                before = cpuSeconds();
                off.recognize(pdf, OcrProgress.NONE, OcrEngine.PageVisitor.NONE);
                withoutDeskew[round] = (cpuSeconds() - before) / pages;
            }
        }
        line("## OcrEngine overhead without recognition");
        line("");
        line(String.format(Locale.ROOT, "%d A5 300 dpi pages, `true` as tesseract, 1 worker, median of %d rounds after 3"
                + " warm-up rounds (load %s): %.0f ms CPU per page with deskew estimation, %.0f ms without.",
                pages, rounds, loadAverage(), 1000 * median(withDeskew), 1000 * median(withoutDeskew)));
        flush("overhead");
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
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
