package org.onewindow.service.audit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.testsupport.S3ServerProcess;
import org.onewindow.service.testsupport.TestStores;
import org.onewindow.storage.ObjectStore;

/**
 * Audit append throughput, 1 and 8 writers. Run with
 * {@code mvn -pl seal-service -am test -Dtest=AuditThroughputBenchmark -Donewindow.test.excludedGroups=none
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class AuditThroughputBenchmark {
    private static final int EVENTS = Integer.getInteger("onewindow.bench.auditEvents", 2000);
    @TempDir
    Path dir;

    @Test
    void fileSystem() throws Exception {
        measure("FS", () -> TestStores.fileSystem(dir.resolve("s" + System.nanoTime())));
    }

    @Test
    void s3() throws Exception {
        try (S3ServerProcess s3 = new S3ServerProcess()) {
            measure("S3 (S3Proxy, loopback)", s3::newStore);
        }
    }

    interface StoreFactory {
        ObjectStore create() throws Exception;
    }

    static void measure(String backend, StoreFactory stores) throws Exception {
        CheckpointSigner signer = KeyPairCheckpointSigner.ephemeralEd25519();
        // writers x instances: one writer; 8 threads in one instance (serialized inside it);
        // 8 threads over 8 instances (worst case: every append races every other instance).
        int[][] shapes = {{1, 1}, {8, 1}, {8, 8}};
        for (int[] shape : shapes) {
            try (ObjectStore store = stores.create()) {
                int threads = shape[0];
                int instances = shape[1];
                ConcurrentAppends.Result result = ConcurrentAppends.run(store, signer, instances, threads,
                        EVENTS / threads, 100);
                double perSecond = result.events().size() / (result.nanos() / 1e9);
                long verifyStart = System.nanoTime();
                VerificationReport report = new AuditVerifier(store, signer).verify();
                double verifySeconds = (System.nanoTime() - verifyStart) / 1e9;
                System.out.printf("audit append %s: %d writers / %d instances: %d events in %.2f s = %.0f events/s;"
                                + " verify %.2f s (%.0f events/s), intact=%s%n", backend, threads, instances,
                        result.events().size(), result.nanos() / 1e9, perSecond, verifySeconds,
                        report.eventsChecked() / verifySeconds, report.intact());
                assertTrue(report.intact(), () -> String.valueOf(report.problem()));
            }
        }
    }
}
