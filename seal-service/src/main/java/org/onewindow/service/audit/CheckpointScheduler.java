package org.onewindow.service.audit;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs a checkpoint of the chain head every {@code period} when events were added since the last one, so that
 * quiet periods (fewer events than the checkpoint interval) are sealed too. Every instance may run one: checkpoints
 * are written create-if-absent per seq.
 */
public final class CheckpointScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointScheduler.class);
    private final ScheduledExecutorService executor;
    private final AuditLog log;
    private long lastSealedSeq = -1; // only touched by the executor thread

    public CheckpointScheduler(AuditLog log, Duration period) {
        this.log = log;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::tick, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            long head = log.head().seq();
            if (head > 0 && head != lastSealedSeq) {
                log.checkpoint();
                lastSealedSeq = head;
            }
        } catch (RuntimeException e) {
            LOG.warn("periodic audit checkpoint failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
