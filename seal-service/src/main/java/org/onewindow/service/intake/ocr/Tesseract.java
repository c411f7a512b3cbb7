package org.onewindow.service.intake.ocr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the tesseract command on one page image and reads its TSV output (word boxes). Each process is
 * single-threaded ({@code OMP_THREAD_LIMIT=1}): on small machines tesseract's own OpenMP threading is several
 * times slower than running one process per core on different pages.
 *
 * @param executable path or name of the tesseract binary (Debian package {@code tesseract-ocr})
 * @param languages  e.g. {@code chi_sim+eng} ({@code tesseract-ocr-chi-sim})
 * @param timeout    longest time one page may take
 */
public record Tesseract(String executable, String languages, Duration timeout) {
    public static Tesseract defaults() {
        return new Tesseract("tesseract", "chi_sim+eng", Duration.ofMinutes(5));
    }

    /** The command line used for one page; {@code tsv} config writes word boxes to stdout. */
    public List<String> command(Path image, int dpi) {
        return List.of(executable, image.toString(), "stdout", "-l", languages, "--dpi", Integer.toString(dpi),
                "--psm", "3", "tsv");
    }

    /** Recognizes the page image (PNG/PNM/TIFF/JPEG file) rendered at {@code dpi}. */
    public OcrPage recognize(Path image, int widthPixels, int heightPixels, int dpi) {
        ProcessBuilder builder = new ProcessBuilder(command(image, dpi));
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new TesseractException("cannot run '" + executable
                    + "': install the Debian packages tesseract-ocr and tesseract-ocr-chi-sim", e);
        }
        try (InputStream out = process.getInputStream()) {
            byte[] tsv = out.readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new TesseractException("tesseract took longer than " + timeout + " on one page");
            }
            if (process.exitValue() != 0) {
                throw new TesseractException("tesseract failed with exit code " + process.exitValue()
                        + " (are the language data " + languages + " installed? Debian: tesseract-ocr-chi-sim)");
            }
            return new OcrPage(widthPixels, heightPixels, dpi, parseTsv(new String(tsv, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            process.destroyForcibly();
            throw new TesseractException("reading tesseract output failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TesseractException("interrupted while waiting for tesseract", e);
        }
    }

    /** Word rows (level 5) of tesseract's TSV output, in output order. */
    static List<OcrWord> parseTsv(String tsv) {
        List<OcrWord> words = new ArrayList<>();
        for (String row : tsv.split("\n")) {
            String[] f = row.split("\t", -1);
            if (f.length < 12 || !f[0].equals("5")) {
                continue;
            }
            String text = f[11].strip();
            if (text.isEmpty()) {
                continue;
            }
            try {
                words.add(new OcrWord(text, Integer.parseInt(f[6]), Integer.parseInt(f[7]), Integer.parseInt(f[8]),
                        Integer.parseInt(f[9]), Double.parseDouble(f[10]), f[1] + "." + f[2] + "." + f[3] + "." + f[4]));
            } catch (NumberFormatException e) {
                throw new TesseractException("unexpected tesseract TSV row: " + row);
            }
        }
        return words;
    }

    /** Checks that the binary runs and has the languages. */
    public void checkInstalled() {
        try {
            Process process = new ProcessBuilder(executable, "--list-langs").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            for (String language : languages.split("\\+")) {
                if (!out.lines().map(String::strip).toList().contains(language)) {
                    throw new TesseractException("tesseract language '" + language
                            + "' is not installed (Debian: tesseract-ocr-" + language.replace('_', '-') + ")");
                }
            }
        } catch (IOException e) {
            throw new TesseractException("cannot run '" + executable + "': install the Debian package tesseract-ocr", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TesseractException("interrupted", e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // temporary page images are private to the service
        }
    }
}
