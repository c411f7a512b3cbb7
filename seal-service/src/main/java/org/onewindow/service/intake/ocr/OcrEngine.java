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
 * OCR of whole PDFs: pages are rendered one after another with PDFBox (greyscale, {@value #OCR_DPI} dpi, fewer
 * dpi for very large pages) and recognized by one single-threaded tesseract process per page, as many pages at
 * once as there are workers. A permit per worker bounds how many rendered pages wait on disk.
 */
public final class OcrEngine implements AutoCloseable {
    /** Tesseract reads best around 300 dpi. */
    public static final int OCR_DPI = 300;

    private final Tesseract tesseract;
    private final ExecutorService workers;
    private final int workerCount;
    private final long maxPixelsPerPage;
    private final Path scratch;

    /**
     * @param workerCount      tesseract processes at once (the number of cores)
     * @param maxPixelsPerPage the rendering resolution is lowered so that no page exceeds this
     * @param scratch          directory for page images
     */
    public OcrEngine(Tesseract tesseract, int workerCount, long maxPixelsPerPage, Path scratch) {
        this.tesseract = tesseract;
        this.workerCount = workerCount;
        this.maxPixelsPerPage = maxPixelsPerPage;
        this.scratch = scratch;
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

    /** Listener for each rendered page (e.g. to make previews); runs on the calling thread. */
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
        List<Future<OcrPage>> futures = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            PDFRenderer renderer = new PDFRenderer(document);
            // images finer than the rendering are decoded subsampled: less memory for huge scans
            renderer.setSubsamplingAllowed(true);
            int total = document.getNumberOfPages();
            for (int i = 0; i < total; i++) {
                visitor.visit(i, document, renderer);
                if (hasText(document.getPage(i))) {
                    // already searchable (e.g. a born-digital PDF): a second text layer would double every hit
                    futures.add(java.util.concurrent.CompletableFuture.completedFuture(null));
                    progress.pageDone(done.incrementAndGet(), total);
                    continue;
                }
                permits.acquire();
                Path image;
                int width;
                int height;
                int dpi;
                try {
                    var direct = DirectPageImage.extract(document.getPage(i), scratch, maxPixelsPerPage);
                    if (direct.isPresent()) {
                        image = direct.get().file();
                        width = direct.get().width();
                        height = direct.get().height();
                        dpi = direct.get().dpi();
                    } else {
                        dpi = renderDpi(document.getPage(i));
                        BufferedImage gray = renderer.renderImageWithDPI(i, dpi, ImageType.GRAY);
                        image = Files.createTempFile(scratch, "page-", ".pgm");
                        PageImages.writePgm(gray, image);
                        width = gray.getWidth();
                        height = gray.getHeight();
                    }
                } catch (IOException | RuntimeException e) {
                    permits.release();
                    throw e;
                }
                int pageWidth = width;
                int pageHeight = height;
                int renderedDpi = dpi;
                futures.add(workers.submit(() -> {
                    try {
                        return tesseract.recognize(image, pageWidth, pageHeight, renderedDpi);
                    } finally {
                        Tesseract.deleteQuietly(image);
                        permits.release();
                        progress.pageDone(done.incrementAndGet(), total);
                    }
                }));
            }
            List<OcrPage> pages = new ArrayList<>();
            for (Future<OcrPage> future : futures) {
                pages.add(future.get());
            }
            return pages;
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
        }
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
