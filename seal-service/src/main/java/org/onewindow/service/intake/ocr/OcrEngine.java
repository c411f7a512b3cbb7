package org.onewindow.service.intake.ocr;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OCR of whole PDFs. Pages are prepared one after another on the calling thread: a page that is one upright
 * image goes to tesseract as that image ({@link DirectPageImage}), any other page is rendered with PDFBox
 * (greyscale, {@value #OCR_DPI} dpi, fewer dpi for very large pages); a skewed page is straightened first
 * ({@link Deskew}). Consecutive pages are grouped into batches that one single-threaded tesseract process reads
 * as a multi-page document (its language models are then loaded once per batch instead of once per page), as
 * many batches at once as there are workers. Batches shrink towards the end of a document so that all
 * workers finish together; permits bound how many prepared batches wait on disk.
 */
public final class OcrEngine implements AutoCloseable {
    /** Tesseract reads best around 300 dpi. */
    public static final int OCR_DPI = 300;
    /** Most pages one tesseract process reads. */
    static final int MAX_BATCH_PAGES = 8;
    /** Most pixels of the pages of one batch (they all wait on disk while it runs). */
    private static final long MAX_BATCH_PIXELS = 80_000_000L;

    private final Tesseract tesseract;
    private final ExecutorService workers;
    private final int workerCount;
    private final long maxPixelsPerPage;
    private final Path scratch;
    private final Deskew deskew;

    /** An engine that straightens skewed pages before reading them ({@link Deskew#defaults()}). */
    public OcrEngine(Tesseract tesseract, int workerCount, long maxPixelsPerPage, Path scratch) {
        this(tesseract, workerCount, maxPixelsPerPage, scratch, Deskew.defaults());
    }

    /**
     * @param workerCount      tesseract processes at once (the number of cores)
     * @param maxPixelsPerPage the rendering resolution is lowered so that no page exceeds this
     * @param scratch          directory for page images
     * @param deskew           whether and how pages are straightened before recognition
     */
    public OcrEngine(Tesseract tesseract, int workerCount, long maxPixelsPerPage, Path scratch, Deskew deskew) {
        this.tesseract = tesseract;
        this.workerCount = workerCount;
        this.maxPixelsPerPage = maxPixelsPerPage;
        this.scratch = scratch;
        this.deskew = deskew;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workerCount, r -> {
            Thread t = new Thread(r, "ocr-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public Tesseract tesseract() {
        return tesseract;
    }

    /** Listener for each page as it is prepared (e.g. to make previews); runs on the calling thread. */
    @FunctionalInterface
    public interface PageVisitor {
        void visit(int pageIndex, PDDocument document, PDFRenderer renderer) throws IOException;

        PageVisitor NONE = (index, document, renderer) -> {
        };
    }

    /**
     * Recognizes every page of {@code pdf}; the result list has one entry per page, {@code null} for pages
     * that already carry text (they use fonts) and are left alone.
     */
    public List<OcrPage> recognize(Path pdf, OcrProgress progress, PageVisitor visitor) {
        try {
            Files.createDirectories(scratch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Semaphore permits = new Semaphore(workerCount + 1);
        List<Future<?>> futures = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();
        List<Tesseract.PageFile> pending = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            PDFRenderer renderer = new PDFRenderer(document);
            // images finer than the rendering are decoded subsampled: less memory for huge scans
            renderer.setSubsamplingAllowed(true);
            int total = document.getNumberOfPages();
            OcrPage[] results = new OcrPage[total];
            int index = 0;
            Tesseract.PageFile carried = null; // prepared, but of another resolution than the batch before it
            int carriedIndex = -1;
            while (index < total || carried != null) {
                permits.acquire();
                List<Tesseract.PageFile> batch = new ArrayList<>();
                int first = -1;
                try {
                    if (carried != null) {
                        batch.add(carried);
                        first = carriedIndex;
                        carried = null;
                    }
                    int size = batchSize(total - index + batch.size());
                    long pixels = 0;
                    while (index < total && batch.size() < size && pixels < MAX_BATCH_PIXELS) {
                        visitor.visit(index, document, renderer);
                        if (hasText(document.getPage(index))) {
                            // already searchable (e.g. a born-digital PDF): a second text layer would double every hit
                            progress.pageDone(done.incrementAndGet(), total);
                            index++;
                            if (batch.isEmpty()) {
                                continue;
                            }
                            break; // a batch is a run of consecutive pages
                        }
                        Tesseract.PageFile page = prepare(document, renderer, index);
                        pending.add(page);
                        if (!batch.isEmpty() && page.dpi() != batch.get(0).dpi()) {
                            // one tesseract run reads one resolution: this page starts the next batch
                            carried = page;
                            carriedIndex = index++;
                            break;
                        }
                        if (batch.isEmpty()) {
                            first = index;
                        }
                        batch.add(page);
                        pixels += (long) page.widthPixels() * page.heightPixels();
                        index++;
                    }
                } catch (IOException | RuntimeException e) {
                    permits.release();
                    throw e;
                }
                if (batch.isEmpty()) {
                    permits.release();
                    continue;
                }
                pending.removeAll(batch);
                int offset = first;
                futures.add(workers.submit(() -> {
                    try {
                        AtomicInteger reported = new AtomicInteger();
                        List<OcrPage> read = tesseract.recognizeAll(batch, finished -> {
                            while (reported.get() < finished) {
                                reported.incrementAndGet();
                                progress.pageDone(done.incrementAndGet(), total);
                            }
                        });
                        for (int i = 0; i < read.size(); i++) {
                            results[offset + i] = read.get(i);
                        }
                        return null;
                    } finally {
                        batch.forEach(page -> Tesseract.deleteQuietly(page.file()));
                        permits.release();
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            return java.util.Arrays.asList(results);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            futures.forEach(f -> f.cancel(true));
            throw new TesseractException("OCR was interrupted", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new TesseractException("OCR failed: " + e.getCause(), e.getCause());
        } finally {
            pending.forEach(page -> Tesseract.deleteQuietly(page.file()));
        }
    }

    /**
     * Pages for the next batch when {@code remaining} pages are left: an even share per worker, at most
     * {@value #MAX_BATCH_PAGES}, so that the last batches are small and the workers finish together.
     */
    int batchSize(int remaining) {
        return Math.max(1, Math.min(MAX_BATCH_PAGES, (remaining + workerCount - 1) / workerCount));
    }

    /** The page image tesseract reads: the page's own image when it is one, else a grey rendering. */
    private Tesseract.PageFile prepare(PDDocument document, PDFRenderer renderer, int index) throws IOException {
        PDPage page = document.getPage(index);
        var direct = DirectPageImage.extract(page, scratch, maxPixelsPerPage, deskew);
        if (direct.isPresent()) {
            return direct.get();
        }
        int dpi = renderDpi(page);
        BufferedImage gray = renderer.renderImageWithDPI(index, dpi, ImageType.GRAY);
        byte[] samples = PageImages.greySamples(gray);
        int width = gray.getWidth();
        int height = gray.getHeight();
        return PageImages.write(samples, width, height, 1, dpi, deskew.estimate(samples, width, height, 1), scratch);
    }

    private static boolean hasText(PDPage page) {
        var resources = page.getResources();
        return resources != null && resources.getFontNames().iterator().hasNext();
    }

    /** {@value #OCR_DPI} dpi, lowered for pages so large that this would exceed the pixel limit. */
    int renderDpi(PDPage page) {
        PDRectangle box = page.getCropBox();
        double squareInches = (box.getWidth() / 72.0) * (box.getHeight() / 72.0);
        double limit = Math.sqrt(maxPixelsPerPage / Math.max(squareInches, 1e-6));
        return (int) Math.max(1, Math.min(OCR_DPI, Math.floor(limit)));
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
