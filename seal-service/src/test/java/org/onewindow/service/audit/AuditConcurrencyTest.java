package org.onewindow.service.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.testsupport.S3ServerProcess;
import org.onewindow.service.testsupport.TestStores;
import org.onewindow.storage.ObjectStore;

/** Two AuditLog instances on the same store (FS and S3), several threads each: one chain, no gaps, no duplicates. */
class AuditConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void twoInstancesAppendingConcurrentlyKeepOneIntactChain() throws Exception {
        ObjectStore store = TestStores.fileSystem(dir);
        checkConcurrentAppends(store, 6, 40);
    }

    @Test
    void twoInstancesOnS3KeepOneIntactChain() throws Exception {
        try (S3ServerProcess s3 = new S3ServerProcess(); ObjectStore store = s3.newStore()) {
            checkConcurrentAppends(store, 4, 15);
        }
    }

    static void checkConcurrentAppends(ObjectStore store, int threads, int perThread) throws Exception {
        CheckpointSigner signer = KeyPairCheckpointSigner.ephemeralEd25519();
        ConcurrentAppends.Result result = ConcurrentAppends.run(store, signer, 2, threads, perThread, 50);
        int total = threads * perThread;

        Set<Long> seqs = result.events().stream().map(AuditEvent::seq).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(total, result.events().size());
        assertEquals(total, seqs.size(), "two appends got the same seq");
        assertEquals(1L, ((TreeSet<Long>) seqs).first());
        assertEquals(total, ((TreeSet<Long>) seqs).last(), "gap in seqs");
        Set<String> requestIds = result.events().stream().map(AuditEvent::requestId).collect(Collectors.toSet());
        assertEquals(total, requestIds.size(), "an entry was recorded twice or lost");

        VerificationReport report = new AuditVerifier(store, signer).verify();
        assertTrue(report.intact(), () -> String.valueOf(report.problem()));
        assertEquals(total, report.eventsChecked());
        assertEquals(total / 50, report.checkpointsChecked());
        // What each writer got back is exactly what is stored.
        AuditLog reader = new AuditLog(store, java.time.Clock.systemUTC(), signer);
        for (AuditEvent event : result.events()) {
            assertEquals(event, reader.read(event.seq()).orElseThrow());
        }
    }
}
