package org.onewindow.service.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.onewindow.storage.ObjectStore;

/** Runs appends from several threads over several AuditLog instances sharing one store. */
final class ConcurrentAppends {
    private ConcurrentAppends() {
    }

    /** What was appended, and how long it took. */
    record Result(List<AuditEvent> events, long nanos) {
    }

    /**
     * @param instances      AuditLog instances on {@code store} (as separate service instances would have)
     * @param threads        writer threads, spread round-robin over the instances
     * @param eventsPerThread appends per thread
     */
    static Result run(ObjectStore store, CheckpointSigner signer, int instances, int threads, int eventsPerThread,
                      int checkpointInterval) throws Exception {
        List<AuditLog> logs = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            logs.add(new AuditLog(store, Clock.systemUTC(), signer, checkpointInterval));
        }
        ConcurrentLinkedQueue<AuditEvent> appended = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                AuditLog log = logs.get(t % instances);
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < eventsPerThread; i++) {
                        appended.add(log.append(new AuditEntry("writer-" + thread, null, "bench.append",
                                AuditTarget.of("case", "C-" + thread), AuditOutcome.GRANTED,
                                "t" + thread + "-" + i, Map.of("i", Integer.toString(i)))));
                    }
                    return null;
                }));
            }
            long begin = System.nanoTime();
            start.countDown();
            for (Future<?> f : futures) {
                f.get(5, TimeUnit.MINUTES);
            }
            return new Result(new ArrayList<>(appended), System.nanoTime() - begin);
        } finally {
            pool.shutdownNow();
        }
    }
}
