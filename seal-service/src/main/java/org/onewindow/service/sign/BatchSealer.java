package org.onewindow.service.sign;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.onewindow.service.errors.OnewindowException;

/**
 * Seals many documents with one seal after one authorization (e.g. today's 200 acceptance notices), reporting
 * progress and a result per document. A document that cannot be sealed does not stop the others; the seal itself is
 * re-checked for every document, so a seal suspended in the middle of a batch seals nothing after that.
 */
public final class BatchSealer {

    /**
     * One document of a batch.
     *
     * @param id     the caller's id for it (document id, file name), unique within the batch
     */
    public record Job(String id, Path input, Path output, SealRequest request) {
        public Job {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(request, "request");
        }
    }

    /** What happened to one document. */
    public sealed interface Outcome {
        String id();

        /** Sealed. */
        record Sealed(String id, SealResult result) implements Outcome {
        }

        /**
         * Not sealed; nothing was written to the job's output.
         *
         * @param status  the HTTP status the error maps to (422, 409, 503...; 500 for an unexpected failure)
         * @param type    the problem type slug
         * @param message the reason, for the person who started the batch
         */
        record Failed(String id, int status, String type, String message) implements Outcome {
        }
    }

    /** Told after each document, in order. */
    @FunctionalInterface
    public interface Progress {
        void completed(int done, int total, Outcome outcome);

        static Progress none() {
            return (done, total, outcome) -> {
            };
        }
    }

    private final PdfSealer sealer;

    public BatchSealer(PdfSealer sealer) {
        this.sealer = sealer;
    }

    /**
     * Seals every job in order with {@code identity}.
     *
     * @return one outcome per job, in the jobs' order
     * @throws IllegalArgumentException when two jobs share an id or an output
     */
    public List<Outcome> sealAll(SealIdentity identity, List<Job> jobs, Progress progress) {
        Set<String> ids = new HashSet<>();
        Set<Path> outputs = new HashSet<>();
        for (Job job : jobs) {
            if (!ids.add(job.id())) {
                throw new IllegalArgumentException("duplicate job id '" + job.id() + "' in the batch");
            }
            if (!outputs.add(job.output().toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("two jobs write to " + job.output());
            }
        }
        List<Outcome> outcomes = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            Outcome outcome;
            try {
                outcome = new Outcome.Sealed(job.id(), sealer.seal(job.input(), job.output(), identity, job.request()));
            } catch (OnewindowException e) {
                outcome = new Outcome.Failed(job.id(), e.status(), e.type(), e.getMessage());
            } catch (RuntimeException e) {
                outcome = new Outcome.Failed(job.id(), 500, "internal", "sealing failed: " + e.getMessage());
            }
            outcomes.add(outcome);
            progress.completed(outcomes.size(), jobs.size(), outcome);
        }
        return List.copyOf(outcomes);
    }
}
