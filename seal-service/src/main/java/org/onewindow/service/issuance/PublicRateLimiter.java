package org.onewindow.service.issuance;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address for the public verification pages: {@code perMinute} requests at once, refilled
 * evenly over a minute. In memory and per instance (like the login throttle).
 */
public final class PublicRateLimiter {
    public static final int DEFAULT_PER_MINUTE = 30;
    private static final int MAX_TRACKED = 100_000;
    private static final double MINUTE_NANOS = 60e9;

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long lastNanos) {
            this.tokens = tokens;
            this.lastNanos = lastNanos;
        }
    }

    public PublicRateLimiter(int perMinute, Clock clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1");
        }
        this.perMinute = perMinute;
        this.clock = clock;
    }

    public int perMinute() {
        return perMinute;
    }

    /** Takes a token for {@code client}; false when its bucket is empty. */
    public boolean tryAcquire(String client) {
        long now = nanos();
        if (buckets.size() > MAX_TRACKED) {
            buckets.clear(); // a flood of addresses: forget them all rather than grow without bound
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(perMinute, now));
        synchronized (bucket) {
            double refill = (now - bucket.lastNanos) / MINUTE_NANOS * perMinute;
            bucket.tokens = Math.min(perMinute, bucket.tokens + Math.max(0, refill));
            bucket.lastNanos = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return true;
            }
            return false;
        }
    }

    /** Seconds until {@code client} has a token again (at least 1). */
    public long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(60.0 / perMinute));
    }

    private long nanos() {
        java.time.Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
