package org.onewindow.service.intake;

import org.onewindow.service.intake.ocr.OcrEngine;
import org.onewindow.service.intake.ocr.Tesseract;
import org.onewindow.service.intake.ocr.TextLayerWriter;
import org.onewindow.service.jobs.JobRunner;
import org.onewindow.service.web.RequestBodies;
import org.onewindow.storage.ObjectStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Intake wired for the application: one OCR worker per core, one background job at a time (its pages use
 * every worker), a private work directory for spooled uploads and page images. Close it before the store.
 */
public final class IntakeModule implements AutoCloseable {
    private final Path workDirectory;
    private final OcrEngine ocr;
    private final JobRunner jobs;
    private final MaterialService materials;
    private final MaterialRoutes routes;

    private IntakeModule(Path workDirectory, OcrEngine ocr, JobRunner jobs, MaterialService materials,
                         MaterialRoutes routes) {
        this.workDirectory = workDirectory;
        this.ocr = ocr;
        this.jobs = jobs;
        this.materials = materials;
        this.routes = routes;
    }

    /**
     * @param maxUploadBytes the service's upload limit (also the largest accepted file)
     */
    public static IntakeModule create(ObjectStore store, RequestBodies bodies, long maxUploadBytes) {
        return create(store, bodies, maxUploadBytes, MaterialGate.none());
    }

    /**
     * @param gate the case flow's say on uploads (see {@link MaterialGate})
     */
    public static IntakeModule create(ObjectStore store, RequestBodies bodies, long maxUploadBytes, MaterialGate gate) {
        Path work;
        try {
            work = Files.createTempDirectory("onewindow-intake-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the intake work directory", e);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        OcrEngine ocr = new OcrEngine(Tesseract.defaults(), cores, 40_000_000L, work.resolve("ocr"));
        JobRunner jobs = new JobRunner(store, 1, 200, Clock.systemUTC());
        MaterialIntake intake = new MaterialIntake(store, IntakeLimits.defaults().withMaxFileBytes(maxUploadBytes),
                work.resolve("spool"));
        MaterialService materials = new MaterialService(store, intake, new MaterialNormalizer(), ocr,
                new TextLayerWriter(TextLayerWriter.DEFAULT_FONT), PreviewRenderer.defaults(), jobs, work.resolve("work"),
                Clock.systemUTC());
        return new IntakeModule(work, ocr, jobs, materials, new MaterialRoutes(materials, jobs, bodies, gate));
    }

    public MaterialRoutes routes() {
        return routes;
    }

    public MaterialService materials() {
        return materials;
    }

    public JobRunner jobs() {
        return jobs;
    }

    @Override
    public void close() {
        jobs.close();
        ocr.close();
        try (Stream<Path> files = Files.walk(workDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless
        }
    }
}
