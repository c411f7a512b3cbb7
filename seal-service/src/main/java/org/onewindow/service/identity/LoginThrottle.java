package org.onewindow.service.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per user id and per client IP in a sliding window and refuses further attempts for a while
 * once a limit is reached. Kept in memory: each service instance counts on its own (with N instances an attacker
 * gets at most N times the limit), and a restart forgets the counts.
 */
public final class LoginThrottle {
    /**
     * @param maxFailuresPerUser failures of one user id within {@code window} that lock it
     * @param maxFailuresPerIp   failures from one client IP within {@code window} that block it
     * @param window             how long a failure counts
     * @param lockout            how long a lock or block lasts after the last failure
     */
    public record Limits(int maxFailuresPerUser, int maxFailuresPerIp, Duration window, Duration lockout) {
        public static Limits defaults() {
            return new Limits(5, 20, Duration.ofMinutes(15), Duration.ofMinutes(15));
        }
    }

    /** Why an attempt is refused and until when. */
    public record Refusal(String reason, Instant until) {
        public long retryAfterSeconds(Instant now) {
            return Math.max(1, Duration.between(now, until).toSeconds() + 1);
        }
    }

    private static final int MAX_TRACKED = 100_000;
    private final Limits limits;
    private final Clock clock;
    private final Map<String, Deque<Instant>> byUser = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> byIp = new ConcurrentHashMap<>();

    public LoginThrottle(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    /** Empty when an attempt for {@code userId} from {@code ip} may go ahead. */
    public Optional<Refusal> check(String userId, String ip) {
        Instant now = clock.instant();
        Optional<Refusal> user = refusal(byUser.get(userId), limits.maxFailuresPerUser(), now,
                "too many failed logins for this user");
        return user.isPresent() ? user
                : refusal(byIp.get(ip), limits.maxFailuresPerIp(), now, "too many failed logins from this address");
    }

    public void recordFailure(String userId, String ip) {
        Instant now = clock.instant();
        record(byUser, userId, now);
        record(byIp, ip, now);
    }

    /** A successful login clears the user's count (not the address's: one good account must not reset it). */
    public void recordSuccess(String userId) {
        byUser.remove(userId);
    }

    private Optional<Refusal> refusal(Deque<Instant> failures, int max, Instant now, String reason) {
        if (failures == null) {
            return Optional.empty();
        }
        synchronized (failures) {
            prune(failures, now);
            if (failures.size() < max) {
                return Optional.empty();
            }
            Instant until = failures.peekLast().plus(limits.lockout());
            return until.isAfter(now) ? Optional.of(new Refusal(reason, until)) : Optional.empty();
        }
    }

    private void record(Map<String, Deque<Instant>> map, String id, Instant now) {
        if (map.size() > MAX_TRACKED) {
            map.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    prune(e.getValue(), now);
                    return e.getValue().isEmpty();
                }
            });
        }
        Deque<Instant> failures = map.computeIfAbsent(id, k -> new ArrayDeque<>());
        synchronized (failures) {
            prune(failures, now);
            failures.addLast(now);
        }
    }

    private void prune(Deque<Instant> failures, Instant now) {
        Instant horizon = now.minus(limits.window().compareTo(limits.lockout()) > 0 ? limits.window()
                : limits.lockout());
        while (!failures.isEmpty() && failures.peekFirst().isBefore(horizon)) {
            failures.removeFirst();
        }
    }
}
