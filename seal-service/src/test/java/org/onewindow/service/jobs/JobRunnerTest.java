package org.onewindow.service.jobs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.errors.TooManyRequestsException;
import org.onewindow.storage.fs.FileSystemObjectStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobRunnerTest {
    @TempDir
    Path temp;

    @Test
    void progressAndResultAreRecordedAndSurviveARestart() throws Exception {
        try (FileSystemObjectStore store = new FileSystemObjectStore(temp)) {
            String id;
            try (JobRunner runner = new JobRunner(store, 1, 4, Clock.systemUTC())) {
                JobRecord queued = runner.submit("test", 3, progress -> {
                    for (int i = 1; i <= 3; i++) {
                        progress.pages(i, 3);
                    }
                    return Map.of("answer", "42");
                });
                id = queued.id();
                JobRecord done = runner.await(id, Duration.ofSeconds(10));
                assertEquals(JobState.SUCCEEDED, done.state());
                assertEquals(3, done.pagesDone());
                assertEquals("42", done.result().get("answer"));
            }
            try (JobRunner restarted = new JobRunner(store, 1, 4, Clock.systemUTC())) {
                JobRecord stored = restarted.find(id).orElseThrow();
                assertEquals(JobState.SUCCEEDED, stored.state());
                assertEquals("42", stored.result().get("answer"));
                assertTrue(restarted.find("not-a-uuid").isEmpty());
                assertTrue(restarted.find("00000000-0000-0000-0000-000000000000").isEmpty());
            }
        }
    }

    @Test
    void failureIsRecordedWithItsMessage() throws Exception {
        try (FileSystemObjectStore store = new FileSystemObjectStore(temp);
             JobRunner runner = new JobRunner(store, 1, 4, Clock.systemUTC())) {
            JobRecord job = runner.submit("test", 1, progress -> {
                throw new IllegalStateException("scanner on fire");
            });
            JobRecord done = runner.await(job.id(), Duration.ofSeconds(10));
            assertEquals(JobState.FAILED, done.state());
            assertTrue(done.error().contains("scanner on fire"), done.error());
        }
    }

    @Test
    void runningJobIsReportedInterruptedAfterARestartAndFullQueueIs429() throws Exception {
        try (FileSystemObjectStore store = new FileSystemObjectStore(temp)) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            JobRunner runner = new JobRunner(store, 1, 1, Clock.systemUTC());
            try {
                JobRecord running = runner.submit("test", 1, progress -> {
                    started.countDown();
                    release.await();
                    return Map.of();
                });
                assertTrue(started.await(10, TimeUnit.SECONDS));
                runner.submit("test", 1, progress -> Map.of());
                assertThrows(TooManyRequestsException.class, () -> runner.submit("test", 1, progress -> Map.of()));
                try (JobRunner restarted = new JobRunner(store, 1, 1, Clock.systemUTC())) {
                    JobRecord seen = restarted.find(running.id()).orElseThrow();
                    assertEquals(JobState.FAILED, seen.state());
                    assertEquals("interrupted by a service restart", seen.error());
                }
            } finally {
                release.countDown();
                runner.close();
            }
        }
    }
}
