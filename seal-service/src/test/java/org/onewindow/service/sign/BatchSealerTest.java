package org.onewindow.service.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch seals what it can, reports the rest precisely, and tells progress in order. */
class BatchSealerTest {
    @TempDir
    Path dir;

    @Test
    void sealsEachDocumentAndReportsFailuresWithoutStopping() throws Exception {
        SealingFixture pki = new SealingFixture(dir);
        SealIdentity seal = pki.acceptanceSeal();
        SealRequest request = SealRequest.of(PadesLevel.B_T, new SealPlacement.Anchor(SampleDocuments.ANCHOR),
                "受理", "敦煌市行政服务中心");
        List<BatchSealer.Job> jobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Path input = SampleDocuments.notice(dir.resolve("n" + i + ".pdf"), 1, false);
            jobs.add(new BatchSealer.Job("notice-" + i, input, dir.resolve("n" + i + "-sealed.pdf"), request));
        }
        Path broken = dir.resolve("broken.pdf");
        Files.write(broken, "%PDF-1.7 nothing else".getBytes(StandardCharsets.US_ASCII));
        jobs.add(2, new BatchSealer.Job("broken", broken, dir.resolve("broken-sealed.pdf"), request));

        List<String> progress = new ArrayList<>();
        List<BatchSealer.Outcome> outcomes = new BatchSealer(pki.sealer()).sealAll(seal, jobs,
                (done, total, outcome) -> progress.add(done + "/" + total + " " + outcome.id()));

        assertEquals(List.of("1/5 notice-0", "2/5 notice-1", "3/5 broken", "4/5 notice-2", "5/5 notice-3"), progress);
        BatchSealer.Outcome.Failed failed = assertInstanceOf(BatchSealer.Outcome.Failed.class, outcomes.get(2));
        assertEquals(422, failed.status());
        assertFalse(Files.exists(dir.resolve("broken-sealed.pdf")));
        Path nss = PdfOracles.nssDb(dir, pki.rootPem);
        for (int i : new int[] {0, 1, 3, 4}) {
            BatchSealer.Outcome.Sealed sealed = assertInstanceOf(BatchSealer.Outcome.Sealed.class, outcomes.get(i));
            assertEquals(PadesLevel.B_T, sealed.result().level());
            PdfOracles.assertPdfsigValid(jobs.get(i).output(), nss, 1);
        }
    }

    @Test
    void duplicateIdsAreRejectedBeforeAnythingIsSealed() throws Exception {
        SealingFixture pki = new SealingFixture(dir);
        SealRequest request = SealRequest.of(PadesLevel.B_B, new SealPlacement.Invisible(), "", "");
        Path input = SampleDocuments.notice(dir.resolve("d.pdf"), 1, false);
        List<BatchSealer.Job> jobs = List.of(new BatchSealer.Job("a", input, dir.resolve("a.pdf"), request),
                new BatchSealer.Job("a", input, dir.resolve("b.pdf"), request));
        assertThrows(IllegalArgumentException.class,
                () -> new BatchSealer(pki.sealer()).sealAll(pki.acceptanceSeal(), jobs, BatchSealer.Progress.none()));
        assertFalse(Files.exists(dir.resolve("a.pdf")));
    }
}
