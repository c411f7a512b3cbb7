package org.onewindow.service.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.audit.AuditLog;
import org.onewindow.service.audit.HmacCheckpointSigner;
import org.onewindow.service.config.Config;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.fs.FileSystemObjectStore;

/** The default seed: once with two instances starting together, resumed after a crash, and the stale-lease rule. */
class SealSeedTest {
    @TempDir
    Path dataDir;

    private SealServices services(ObjectStore store, Clock clock) {
        Config config = Config.fromEnvironment(SealHttp.env(dataDir, "ec-p256"));
        AuditLog audit = new AuditLog(store, clock, new HmacCheckpointSigner(new byte[32]));
        return SealServices.start(config, store, audit, clock);
    }

    @Test
    void twoInstancesStartingTogetherSeedEachSealOnce() throws Exception {
        int expected = 2 + DepartmentDirectory.builtIn().all().size();
        CyclicBarrier together = new CyclicBarrier(2);
        List<ObjectStore> stores = List.of(new FileSystemObjectStore(dataDir), new FileSystemObjectStore(dataDir));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<SealSeeder.Result>> results = new ArrayList<>();
            for (ObjectStore store : stores) {
                results.add(pool.submit(() -> {
                    together.await();
                    return services(store, Clock.systemUTC()).seeder().seedIfNeeded();
                }));
            }
            List<SealSeeder.Result> outcomes = new ArrayList<>();
            for (Future<SealSeeder.Result> result : results) {
                outcomes.add(result.get());
            }
            assertEquals(expected, outcomes.stream().mapToInt(r -> r.created().size()).sum(), outcomes.toString());
            assertTrue(outcomes.stream().anyMatch(r -> r.outcome() == SealSeeder.Outcome.SEEDED), outcomes.toString());
            SealServices after = services(stores.get(0), Clock.systemUTC());
            List<Seal> seals = after.registry().list();
            assertEquals(expected, seals.size());
            // one good certificate per seal: no loser left a second one behind
            Set<String> serials = seals.stream().map(s -> s.certificate().serial()).collect(Collectors.toSet());
            assertEquals(expected, serials.size());
            assertEquals(SealSeeder.Outcome.ALREADY_DONE, after.seeder().seedIfNeeded().outcome());
        } finally {
            pool.shutdownNow();
            stores.forEach(ObjectStore::close);
        }
    }

    @Test
    void aStoppedSeedIsCompletedByTheNextStartAndAStaleLeaseIsTakenOver() {
        int expected = 2 + DepartmentDirectory.builtIn().all().size();
        try (ObjectStore store = new FileSystemObjectStore(dataDir)) {
            SealServices first = services(store, Clock.systemUTC());
            AtomicInteger asked = new AtomicInteger();
            SealSeeder.Result stopped = first.seeder().seedIfNeeded(() -> asked.incrementAndGet() > 3);
            assertEquals(SealSeeder.Outcome.CANCELLED, stopped.outcome());
            assertTrue(stopped.created().size() < expected, "stopped early: " + stopped.created().size());
            int made = first.registry().list().size();
            assertEquals(stopped.created().size(), made);

            // a crashed instance left its lease: fresh → someone is at work; stale → taken over
            store.put(SealSeeder.LEASE_KEY, "{}".getBytes(), PutOptions.of("application/json"));
            assertEquals(SealSeeder.Outcome.IN_PROGRESS_ELSEWHERE, first.seeder().seedIfNeeded().outcome());
            Clock later = Clock.offset(Clock.systemUTC(), SealSeeder.STALE_LEASE.plus(Duration.ofMinutes(1)));
            SealServices restarted = services(store, later);
            SealSeeder.Result completed = restarted.seeder().seedIfNeeded();
            assertEquals(SealSeeder.Outcome.SEEDED, completed.outcome());
            assertEquals(expected - made, completed.created().size());
            assertEquals(expected, restarted.registry().list().size());
            assertTrue(store.head(SealSeeder.LEASE_KEY).isEmpty(), "lease released");
        }
    }
}
