package org.onewindow.service.intake.ocr;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

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

    /**
     * One page image for tesseract.
     *
     * @param file          PNM, PNG, TIFF or JPEG file
     * @param deskewDegrees the angle the image was straightened by (recorded in the result)
     */
    public record PageFile(Path file, int widthPixels, int heightPixels, int dpi, double deskewDegrees) {
    }

    /** Recognizes one page image rendered at {@code dpi}. */
    public OcrPage recognize(Path image, int widthPixels, int heightPixels, int dpi) {
        return recognizeAll(List.of(new PageFile(image, widthPixels, heightPixels, dpi, 0)), done -> {
        }).get(0);
    }

    /**
     * Recognizes several page images of the same resolution with one tesseract process (it then loads its
     * language models once instead of once per page), reporting each finished page.
     *
     * @param pageFinished called with the number of pages of this batch finished so far, from this thread
     */
    public List<OcrPage> recognizeAll(List<PageFile> pages, IntConsumer pageFinished) {
        if (pages.isEmpty()) {
            return List.of();
        }
        int dpi = pages.get(0).dpi();
        if (pages.stream().anyMatch(p -> p.dpi() != dpi)) {
            throw new IllegalArgumentException("one tesseract run reads pages of one resolution");
        }
        Path directory = pages.get(0).file().toAbsolutePath().getParent();
        Path list = null;
        Path tsv = null;
        try {
            Path input = pages.get(0).file();
            if (pages.size() > 1) {
                // tesseract reads a text file of image paths as a multi-page document
                list = Files.createTempFile(directory, "pages-", ".txt");
                StringBuilder names = new StringBuilder();
                for (PageFile page : pages) {
                    names.append(page.file().toAbsolutePath()).append('\n');
                }
                Files.writeString(list, names, StandardCharsets.UTF_8);
                input = list;
            }
            tsv = Files.createTempFile(directory, "words-", ".tsv");
            List<String> command = new ArrayList<>(command(input, dpi));
            // the words go to "stdout", which is redirected to a file: no pipe to drain next to the diagnostics
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("OMP_THREAD_LIMIT", "1");
            builder.redirectOutput(tsv.toFile());
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new TesseractException("cannot run '" + executable
                        + "': install the Debian packages tesseract-ocr and tesseract-ocr-chi-sim", e);
            }
            String problem = watch(process, pages.size(), pageFinished);
            if (process.exitValue() != 0) {
                throw new TesseractException("tesseract failed with exit code " + process.exitValue()
                        + (problem.isEmpty() ? "" : " (" + problem + ")")
                        + "; are the language data " + languages + " installed? Debian: tesseract-ocr-chi-sim");
            }
            List<List<OcrWord>> words = parseTsvPages(Files.readString(tsv, StandardCharsets.UTF_8), pages.size());
            List<OcrPage> result = new ArrayList<>(pages.size());
            for (int i = 0; i < pages.size(); i++) {
                PageFile page = pages.get(i);
                result.add(new OcrPage(page.widthPixels(), page.heightPixels(), page.dpi(), page.deskewDegrees(),
                        words.get(i)));
            }
            return result;
        } catch (IOException e) {
            throw new TesseractException("running tesseract failed: " + e.getMessage(), e);
        } finally {
            if (list != null) {
                deleteQuietly(list);
            }
            if (tsv != null) {
                deleteQuietly(tsv);
            }
        }
    }

    /**
     * Follows the process's diagnostics until it ends: tesseract announces each page of a multi-page input
     * ("Page n : file") before reading it, so the n-th announcement means n-1 pages are done. Returns the last
     * other diagnostic line (for error messages).
     */
    private String watch(Process process, int pages, IntConsumer pageFinished) {
        AtomicBoolean timedOut = new AtomicBoolean();
        process.onExit().orTimeout(timeout.toMillis() * pages, TimeUnit.MILLISECONDS).exceptionally(e -> {
            timedOut.set(true);
            process.destroyForcibly();
            return process;
        });
        String last = "";
        int announced = 0;
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                if (line.startsWith("Page ") && line.contains(" : ")) {
                    announced++;
                    if (announced > 1) {
                        pageFinished.accept(announced - 1);
                    }
                } else if (!line.isBlank()) {
                    last = line.strip();
                }
            }
            process.waitFor();
        } catch (IOException e) {
            process.destroyForcibly();
            throw new TesseractException("reading tesseract diagnostics failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TesseractException("interrupted while waiting for tesseract", e);
        }
        if (timedOut.get()) {
            throw new TesseractException("tesseract took longer than " + timeout + " per page");
        }
        if (process.exitValue() == 0) {
            pageFinished.accept(pages);
        }
        return last;
    }

    /** Word rows (level 5) of tesseract's TSV output, in output order. */
    static List<OcrWord> parseTsv(String tsv) {
        return parseTsvPages(tsv, 1).get(0);
    }

    /** Word rows (level 5) of a multi-page TSV output, per page (column page_num, 1-based), in output order. */
    static List<List<OcrWord>> parseTsvPages(String tsv, int pages) {
        List<List<OcrWord>> words = new ArrayList<>(pages);
        for (int i = 0; i < pages; i++) {
            words.add(new ArrayList<>());
        }
        int start = 0;
        while (start < tsv.length()) {
            int end = tsv.indexOf('\n', start);
            if (end < 0) {
                end = tsv.length();
            }
            String row = tsv.substring(start, end);
            start = end + 1;
            if (!row.startsWith("5\t")) {
                continue;
            }
            String[] f = row.split("\t", -1);
            if (f.length < 12) {
                continue;
            }
            String text = f[11].strip();
            if (text.isEmpty()) {
                continue;
            }
            try {
                int page = Integer.parseInt(f[1]);
                if (page < 1 || page > pages) {
                    throw new TesseractException("tesseract reported page " + page + " of " + pages);
                }
                words.get(page - 1).add(new OcrWord(text, Integer.parseInt(f[6]), Integer.parseInt(f[7]),
                        Integer.parseInt(f[8]), Integer.parseInt(f[9]), Double.parseDouble(f[10]),
                        f[2] + "." + f[3] + "." + f[4]));
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
