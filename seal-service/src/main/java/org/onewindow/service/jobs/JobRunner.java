package org.onewindow.service.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.onewindow.service.errors.OnewindowException;
import org.onewindow.service.errors.TooManyRequestsException;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PutOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Runs background jobs on a bounded executor. Job records live in memory and are written to the object store
 * ({@code jobs/{id}.json}) when the state changes and at most once a second during progress, so the final state
 * of a job can be read after a restart. A job that was queued or running when the service stopped is reported
 * as failed ("interrupted by a restart").
 */
public final class JobRunner implements AutoCloseable {
    public static final String PREFIX = "jobs/";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Duration PROGRESS_WRITE_INTERVAL = Duration.ofSeconds(1);
    private static final int MAX_RECORDS_IN_MEMORY = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final ObjectStore store;
    private final Clock clock;
    private final ThreadPoolExecutor executor;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Map<String, JobRecord> records = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, JobRecord> eldest) {
                    return size() > MAX_RECORDS_IN_MEMORY && eldest.getValue().state().isFinal();
                }
            });
    private final Map<String, CompletableFuture<JobRecord>> completions = new ConcurrentHashMap<>();

    /**
     * @param threads       jobs run at once
     * @param queueCapacity jobs that may wait; beyond that {@link #submit} answers 429
     */
    public JobRunner(ObjectStore store, int threads, int queueCapacity, Clock clock) {
        this.store = store;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), r -> {
            Thread t = new Thread(r, "job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Queues a job.
     *
     * @throws TooManyRequestsException when the queue is full
     */
    public JobRecord submit(String kind, int pagesTotal, JobTask task) {
        Instant now = clock.instant();
        JobRecord queued = new JobRecord(UUID.randomUUID().toString(), kind, JobState.QUEUED, 0, pagesTotal, null,
                Map.of(), now, now);
        CompletableFuture<JobRecord> completion = new CompletableFuture<>();
        completions.put(queued.id(), completion);
        update(queued, true);
        try {
            executor.execute(() -> run(queued.id(), task, completion));
        } catch (RejectedExecutionException e) {
            completions.remove(queued.id());
            records.remove(queued.id());
            store.delete(key(queued.id()));
            throw new TooManyRequestsException("the background job queue is full; try again later");
        }
        return queued;
    }

    private void run(String id, JobTask task, CompletableFuture<JobRecord> completion) {
        JobRecord start = records.get(id);
        update(start.with(JobState.RUNNING, 0, start.pagesTotal(), null, Map.of(), clock.instant()), true);
        Instant[] lastWrite = {clock.instant()};
        JobRecord finished;
        try {
            Map<String, String> result = task.run((done, total) -> {
                synchronized (lastWrite) {
                    JobRecord current = records.get(id);
                    Instant now = clock.instant();
                    boolean write = Duration.between(lastWrite[0], now).compareTo(PROGRESS_WRITE_INTERVAL) >= 0;
                    update(current.with(JobState.RUNNING, Math.max(done, current.pagesDone()), total, null, Map.of(), now),
                            write);
                    if (write) {
                        lastWrite[0] = now;
                    }
                }
            });
            JobRecord current = records.get(id);
            finished = current.with(JobState.SUCCEEDED, current.pagesTotal() == 0 ? current.pagesDone()
                    : current.pagesTotal(), current.pagesTotal(), null, result, clock.instant());
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            // errors too: a job whose thread died silently would stay RUNNING for ever
            boolean interrupted = Thread.currentThread().isInterrupted() || e instanceof InterruptedException
                    || e.getCause() instanceof InterruptedException;
            String message = interrupted ? "interrupted by a service shutdown"
                    : e instanceof OnewindowException ? e.getMessage()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.warn("job {} failed: {}", id, message, interrupted ? null : e);
            JobRecord current = records.get(id);
            finished = current.with(JobState.FAILED, current.pagesDone(), current.pagesTotal(), message, Map.of(),
                    clock.instant());
        }
        update(finished, true);
        completion.complete(finished);
        completions.remove(id);
    }

    private void update(JobRecord record, boolean persist) {
        records.put(record.id(), record);
        if (persist) {
            try {
                store.put(key(record.id()), json.writeValueAsBytes(record), PutOptions.of("application/json"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                LOG.warn("could not write job record {}: {}", record.id(), e.getMessage());
            }
        }
    }

    /** The job's record from memory, or from storage after a restart; empty for an unknown or malformed id. */
    public Optional<JobRecord> find(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        JobRecord inMemory = records.get(id);
        if (inMemory != null) {
            return Optional.of(inMemory);
        }
        if (store.head(key(id)).isEmpty()) {
            return Optional.empty();
        }
        try {
            JobRecord stored = json.readValue(store.readAllBytes(key(id)), JobRecord.class);
            if (!stored.state().isFinal()) {
                stored = stored.with(JobState.FAILED, stored.pagesDone(), stored.pagesTotal(),
                        "interrupted by a service restart", Map.of(), stored.updatedAt());
            }
            return Optional.of(stored);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the job is finished (tests, CLI). */
    public JobRecord await(String id, Duration timeout) throws InterruptedException, TimeoutException {
        CompletableFuture<JobRecord> completion = completions.get(id);
        if (completion == null) {
            return find(id).orElseThrow(() -> new IllegalArgumentException("unknown job " + id));
        }
        try {
            return completion.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    static String key(String id) {
        return PREFIX + id + ".json";
    }

    /** Interrupts running jobs and waits briefly so that their final records reach the store before it closes. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
