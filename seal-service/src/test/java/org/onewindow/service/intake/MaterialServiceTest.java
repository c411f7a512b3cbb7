package org.onewindow.service.intake;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.errors.BadRequestException;
import org.onewindow.service.intake.ocr.OcrEngine;
import org.onewindow.service.intake.ocr.Tesseract;
import org.onewindow.service.intake.ocr.TextLayerWriter;
import org.onewindow.service.jobs.JobRecord;
import org.onewindow.service.jobs.JobRunner;
import org.onewindow.service.jobs.JobState;
import org.onewindow.storage.StoredObject;
import org.onewindow.storage.fs.FileSystemObjectStore;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaterialServiceTest {
    @TempDir
    Path temp;
    private FileSystemObjectStore store;
    private OcrEngine ocr;
    private JobRunner jobs;
    private MaterialService service;

    @BeforeEach
    void setUp() {
        store = new FileSystemObjectStore(temp.resolve("store"));
        ocr = new OcrEngine(Tesseract.defaults(), 2, 40_000_000L, temp.resolve("work"));
        jobs = new JobRunner(store, 1, 10, Clock.systemUTC());
        service = new MaterialService(store, new MaterialIntake(store, IntakeLimits.defaults(), temp.resolve("work")),
                new MaterialNormalizer(), ocr, new TextLayerWriter(TextLayerWriter.DEFAULT_FONT),
                PreviewRenderer.defaults(), jobs, temp.resolve("work"), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        jobs.close();
        ocr.close();
        store.close();
    }

    @Test
    void materialIsStoredNormalizedOcrdAndPreviewed() throws Exception {
        byte[] page1 = TestFiles.jpeg(TestFiles.textPage(1000, 300, List.of("不动产登记申请"), 56f));
        byte[] page2 = TestFiles.png(TestFiles.textPage(1000, 300, List.of("委托书 Power of Attorney"), 48f));
        MaterialSubmission submission = service.submit("C2026-001", "M01", List.of(
                new Upload("申请.jpg", "image/jpeg", new ByteArrayInputStream(page1)),
                new Upload("委托.png", null, new ByteArrayInputStream(page2))));
        assertEquals(2, submission.pages());
        assertEquals(2, submission.originals().size());
        assertEquals("PDF/A-2U", submission.conformance());
        assertNotNull(submission.ocrJobId());

        JobRecord job = jobs.await(submission.ocrJobId(), Duration.ofMinutes(2));
        assertEquals(JobState.SUCCEEDED, job.state(), String.valueOf(job.error()));
        assertEquals(2, job.pagesDone());
        assertEquals(2, job.pagesTotal());

        MaterialStatus status = service.latest("C2026-001", "M01").orElseThrow();
        assertEquals(submission, status.submission());
        assertEquals(2, status.previewPages());
        assertNotNull(status.searchableKey());
        try (StoredObject document = service.document("C2026-001", "M01");
             PDDocument pdf = Loader.loadPDF(document.content().readAllBytes())) {
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s", "");
            assertTrue(text.contains("不动产登记申请") && text.contains("委托书"), text);
        }
        try (StoredObject thumb = service.preview("C2026-001", "M01", 2, PreviewSize.THUMB);
             StoredObject large = service.preview("C2026-001", "M01", 2, PreviewSize.LARGE)) {
            BufferedImage small = ImageIO.read(thumb.content());
            BufferedImage big = ImageIO.read(large.content());
            assertEquals(200, small.getWidth());
            assertEquals(1200, big.getWidth());
        }

        // a restarted service still answers for the finished job
        try (JobRunner restarted = new JobRunner(store, 1, 10, Clock.systemUTC())) {
            JobRecord stored = restarted.find(submission.ocrJobId()).orElseThrow();
            assertEquals(JobState.SUCCEEDED, stored.state());
            assertEquals(status.searchableKey(), stored.result().get("searchableKey"));
        }
        assertEquals(List.of("M01"), List.copyOf(service.uploadedMaterialCodes("C2026-001")));
        assertNoWorkFilesLeft();
    }

    @Test
    void oneBadFileLeavesNothingInStorage() throws IOException {
        byte[] good = TestFiles.jpeg(TestFiles.markedImage(200, 200));
        byte[] bomb = TestFiles.pngHeaderOnly(50_000, 50_000);
        assertThrows(MaterialLimitException.class, () -> service.submit("C1", "M01", List.of(
                new Upload("a.jpg", null, new ByteArrayInputStream(good)),
                new Upload("b.png", null, new ByteArrayInputStream(bomb)))));
        assertEquals(List.of(), store.list("", null, 1000).objects());
        assertNoWorkFilesLeft();
    }

    @Test
    void declaredContentTypeMustAgreeWithContent() {
        byte[] png = TestFiles.png(TestFiles.markedImage(100, 100));
        MaterialTypeException e = assertThrows(MaterialTypeException.class, () -> service.submit("C1", "M01",
                List.of(new Upload("scan", "application/pdf", new ByteArrayInputStream(png)))));
        assertTrue(e.getMessage().contains("sent as application/pdf"), e.getMessage());
        assertEquals(List.of(), store.list("", null, 1000).objects());
    }

    @Test
    void idsThatCouldEscapeTheirPrefixAreRejected() {
        byte[] png = TestFiles.png(TestFiles.markedImage(100, 100));
        for (String bad : List.of("../x", "a/b", "", ".hidden")) {
            assertThrows(BadRequestException.class, () -> service.submit(bad, "M01",
                    List.of(new Upload("a.png", null, new ByteArrayInputStream(png)))));
        }
    }

    private void assertNoWorkFilesLeft() throws IOException {
        Path work = temp.resolve("work");
        if (Files.exists(work)) {
            try (Stream<Path> files = Files.list(work)) {
                assertEquals(List.of(), files.toList());
            }
        }
    }
}
