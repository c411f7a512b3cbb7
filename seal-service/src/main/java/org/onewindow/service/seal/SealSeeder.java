package org.onewindow.service.seal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.onewindow.service.identity.IdentityService.Actor;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.identity.Role;
import org.onewindow.service.pki.CertificateSubject;
import org.onewindow.storage.ObjectInfo;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PreconditionFailedException;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.StorageException;
import org.onewindow.storage.WriteCondition;

/**
 * The default seals of a fresh install: the center's 受理专用章 and 审批专用章 and one seal per department of the
 * {@link DepartmentDirectory}. Keys are generated in parallel.
 *
 * <p>Safe when two instances start together: the instance that creates the lease {@value #LEASE_KEY}
 * (create-if-absent) seeds; the other one leaves it alone and sees the seals appear. A lease older than
 * {@link #STALE_LEASE} is taken over (its holder died), and seeding skips every seal that exists, so a crashed
 * seed is completed by the next start. {@value #DONE_KEY} marks the seed complete: later starts do nothing.
 */
public final class SealSeeder {
    public static final String LEASE_KEY = SealStore.PREFIX + "seed/lease.json";
    public static final String DONE_KEY = SealStore.PREFIX + "seed/done.json";
    static final Duration STALE_LEASE = Duration.ofMinutes(5);

    /** The id of the center's acceptance seal. */
    public static final String CENTER_ACCEPTANCE = "center-acceptance";
    /** The id of the center's approval seal. */
    public static final String CENTER_APPROVAL = "center-approval";
    /** Department seal ids are this prefix plus the department code, e.g. {@code dept-housing}. */
    public static final String DEPARTMENT_PREFIX = "dept-";

    /** What a seed run did. */
    public enum Outcome {
        /** This instance seeded (some or all seals were created now). */
        SEEDED,
        /** Seeded before: nothing to do. */
        ALREADY_DONE,
        /** Another instance holds the lease and is seeding right now. */
        IN_PROGRESS_ELSEWHERE,
        /** Stopped before finishing (the service shut down); the next start completes it. */
        CANCELLED,
        /** Turned off by configuration ({@code ONEWINDOW_DEMO_SEALS=false}). */
        DISABLED
    }

    /** The result: the outcome and the seals this run created. */
    public record Result(Outcome outcome, List<Seal> created) {
    }

    private final SealRegistry registry;
    private final DepartmentDirectory departments;
    private final ObjectStore store;
    private final Clock clock;
    private final int threads;

    /** @param threads how many seals to create at once (key generation is CPU-bound: about the core count) */
    public SealSeeder(SealRegistry registry, DepartmentDirectory departments, ObjectStore store, Clock clock,
                      int threads) {
        this.registry = registry;
        this.departments = departments;
        this.store = store;
        this.clock = clock;
        this.threads = Math.max(1, threads);
    }

    /** The seals a fresh install gets, in order. */
    public List<SealRegistry.NewSeal> defaults() {
        List<SealRegistry.NewSeal> plans = new ArrayList<>();
        SealOwner center = new SealOwner(CertificateSubject.CENTER, null);
        plans.add(new SealRegistry.NewSeal(CENTER_ACCEPTANCE, SealKind.ACCEPTANCE, center, null, "受理专用章", null,
                null, null));
        plans.add(new SealRegistry.NewSeal(CENTER_APPROVAL, SealKind.APPROVAL, center, null, "审批专用章", null,
                null, null));
        for (Department department : departments.all()) {
            plans.add(new SealRegistry.NewSeal(DEPARTMENT_PREFIX + department.code(), SealKind.DEPARTMENT,
                    new SealOwner(department.fullName(), department.shortName()), null, department.sealName(), null,
                    null, null));
        }
        return plans;
    }

    /** Seeds the default seals unless that was done before or another instance is doing it. */
    public Result seedIfNeeded() {
        return seedIfNeeded(() -> false);
    }

    /**
     * As {@link #seedIfNeeded()}, stopping early (no new seal started) once {@code cancelled} says so; the seals
     * made so far stay and the next start completes the rest.
     */
    public Result seedIfNeeded(java.util.function.BooleanSupplier cancelled) {
        if (store.head(DONE_KEY).isPresent()) {
            return new Result(Outcome.ALREADY_DONE, List.of());
        }
        if (!acquireLease()) {
            return new Result(Outcome.IN_PROGRESS_ELSEWHERE, List.of());
        }
        try {
            List<Seal> created = createMissing(cancelled);
            if (cancelled.getAsBoolean()) {
                return new Result(Outcome.CANCELLED, created);
            }
            store.put(DONE_KEY, json("doneAt", clock.instant()), PutOptions.of(SealStore.JSON_TYPE));
            return new Result(Outcome.SEEDED, created);
        } finally {
            try {
                store.delete(LEASE_KEY);
            } catch (StorageException e) {
                // a stale lease is taken over after STALE_LEASE; nothing else to do
            }
        }
    }

    private List<Seal> createMissing(java.util.function.BooleanSupplier cancelled) {
        Actor actor = new Actor(new Principal("system:seed", "初始化", Set.of(Role.SEAL_ADMIN), null, "system"), null);
        List<SealRegistry.NewSeal> missing = defaults().stream()
                .filter(plan -> !registry.store().exists(plan.id())).toList();
        if (missing.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, missing.size()), runnable -> {
            Thread thread = new Thread(runnable, "seal-seed");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Optional<Seal>>> futures = new ArrayList<>();
            for (SealRegistry.NewSeal plan : missing) {
                futures.add(pool.submit(() -> {
                    if (cancelled.getAsBoolean()) {
                        return Optional.<Seal>empty();
                    }
                    try {
                        return Optional.of(registry.create(actor, plan));
                    } catch (SealExistsException createdElsewhere) {
                        return Optional.<Seal>empty();
                    }
                }));
            }
            List<Seal> created = new ArrayList<>();
            for (Future<Optional<Seal>> future : futures) {
                future.get().ifPresent(created::add);
            }
            return created;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("seeding the default seals failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding the default seals", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private boolean acquireLease() {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                store.put(LEASE_KEY, json("since", clock.instant()),
                        PutOptions.of(SealStore.JSON_TYPE).withCondition(WriteCondition.ifAbsent()));
                return true;
            } catch (PreconditionFailedException held) {
                Optional<ObjectInfo> lease = store.head(LEASE_KEY);
                if (lease.isEmpty()) {
                    continue; // released meanwhile: try again
                }
                Instant since = lease.get().lastModified();
                if (since.plus(STALE_LEASE).isAfter(clock.instant())) {
                    return false;
                }
                try {
                    store.deleteIfVersionMatches(LEASE_KEY, lease.get().version());
                } catch (PreconditionFailedException takenOverByOther) {
                    return false;
                }
            }
        }
        return false;
    }

    private static byte[] json(String field, Instant at) {
        return ("{\"" + field + "\":\"" + at + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
