package org.onewindow.service.intake;

import org.onewindow.service.intake.ocr.OcrEngine;
import org.onewindow.service.intake.ocr.Tesseract;
import org.onewindow.service.intake.ocr.TextLayerWriter;
import org.onewindow.service.jobs.JobRunner;
import org.onewindow.storage.fs.FileSystemObjectStore;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Child-JVM entry for {@link LargePdfUploadTest}: uploads one file through MaterialService and reports. */
public final class LargePdfUploadMain {
    private LargePdfUploadMain() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Path file = Path.of(args[1]);
        try (FileSystemObjectStore store = new FileSystemObjectStore(root.resolve("store"));
             OcrEngine ocr = new OcrEngine(Tesseract.defaults(), 1, 40_000_000L, root.resolve("work"));
             JobRunner jobs = new JobRunner(store, 1, 4, Clock.systemUTC())) {
            MaterialService service = new MaterialService(store,
                    new MaterialIntake(store, IntakeLimits.defaults(), root.resolve("work")), new MaterialNormalizer(),
                    ocr, new TextLayerWriter(TextLayerWriter.DEFAULT_FONT), PreviewRenderer.defaults(), jobs,
                    root.resolve("work"), Clock.systemUTC());
            MaterialSubmission submission;
            try (InputStream in = Files.newInputStream(file)) {
                submission = service.submit("BIG", "M01", List.of(new Upload("big.pdf", "application/pdf", in)));
            }
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.println("OK " + submission.originals().get(0).sha256() + " " + submission.pages() + " "
                    + submission.documentKey() + " peakHeapMiB=" + peak / (1 << 20));
            System.out.flush();
            Runtime.getRuntime().halt(0); // do not wait for the OCR job of 100 noise pages
        }
    }
}
