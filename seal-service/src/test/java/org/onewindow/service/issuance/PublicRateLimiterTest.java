package org.onewindow.service.issuance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.onewindow.service.testsupport.MutableClock;

class PublicRateLimiterTest {
    @Test
    void aBurstUpToTheLimitPassesThenTheBucketRefillsOverTheMinute() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T08:00:00Z"));
        PublicRateLimiter limiter = new PublicRateLimiter(3, clock);
        assertTrue(limiter.tryAcquire("10.0.0.1"));
        assertTrue(limiter.tryAcquire("10.0.0.1"));
        assertTrue(limiter.tryAcquire("10.0.0.1"));
        assertFalse(limiter.tryAcquire("10.0.0.1"));
        assertTrue(limiter.tryAcquire("10.0.0.2"), "each address has its own bucket");
        clock.advance(Duration.ofSeconds(19));
        assertFalse(limiter.tryAcquire("10.0.0.1"), "one token takes 20 s at 3 per minute");
        clock.advance(Duration.ofSeconds(2));
        assertTrue(limiter.tryAcquire("10.0.0.1"));
        assertFalse(limiter.tryAcquire("10.0.0.1"));
        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryAcquire("10.0.0.1"));
        }
        assertFalse(limiter.tryAcquire("10.0.0.1"), "a long pause refills to the limit, not beyond");
        assertEquals(20, limiter.retryAfterSeconds());
        assertThrows(IllegalArgumentException.class, () -> new PublicRateLimiter(0, clock));
    }

    @Test
    void escapingCoversMarkupAndQuotes() {
        assertEquals("&lt;script&gt;&amp;&quot;&#39;敦煌", PublicVerifyRoutes.esc("<script>&\"'敦煌"));
        assertEquals("", PublicVerifyRoutes.esc(null));
    }
}
