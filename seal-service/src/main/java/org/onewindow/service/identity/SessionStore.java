package org.onewindow.service.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.onewindow.storage.ListPage;
import org.onewindow.storage.ObjectInfo;
import org.onewindow.storage.ObjectNotFoundException;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PreconditionFailedException;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.StoredObject;
import org.onewindow.storage.WriteCondition;

/**
 * Server-side sessions in object storage, so they survive restarts and work across several instances. A session
 * ends at its absolute expiry, after {@code idleTimeout} without requests, at logout, or when its user is disabled
 * or changes password (see {@link User#sessionsNotBefore()}).
 */
public final class SessionStore {
    public static final String PREFIX = "identity/sessions/";
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    private final ObjectStore store;
    private final Clock clock;
    private final SecureRandom random;
    private final Duration idleTimeout;
    private final Duration maxLifetime;
    private final StoredJson json = new StoredJson();

    /** A session found by its id, with the id. */
    public record Found(String sessionId, Session session) {
    }

    public SessionStore(ObjectStore store, Clock clock, SecureRandom random, Duration idleTimeout,
                        Duration maxLifetime) {
        this.store = store;
        this.clock = clock;
        this.random = random;
        this.idleTimeout = idleTimeout;
        this.maxLifetime = maxLifetime;
    }

    /** 30 minutes idle, 12 hours at most. */
    public SessionStore(ObjectStore store, Clock clock, SecureRandom random) {
        this(store, clock, random, Duration.ofMinutes(30), Duration.ofHours(12));
    }

    public Duration maxLifetime() {
        return maxLifetime;
    }

    private static String key(String sessionId) {
        return PREFIX + Secrets.sha256Hex(sessionId) + ".json";
    }

    /** Starts a session for {@code userId} and returns its new random id (256 bits). */
    public Found create(String userId, String clientIp) {
        Instant now = clock.instant();
        String sessionId = Secrets.random256(random);
        Session session = new Session(userId, Secrets.random256(random), now, now, now.plus(maxLifetime), clientIp);
        store.put(key(sessionId), json.write(session),
                PutOptions.of("application/json").withCondition(WriteCondition.ifAbsent()));
        return new Found(sessionId, session);
    }

    /** The live session with this id, refreshing its activity time; empty when unknown or expired. */
    public Optional<Found> find(String sessionId) {
        if (!Secrets.isToken256(sessionId)) {
            return Optional.empty();
        }
        String key = key(sessionId);
        Session session;
        String version;
        try (StoredObject object = store.get(key)) {
            session = json.read(object.content().readAllBytes(), Session.class, key);
            version = object.info().version();
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        } catch (java.io.IOException e) {
            throw new org.onewindow.storage.StorageUnavailableException("reading a session failed", e);
        }
        Instant now = clock.instant();
        if (!now.isBefore(session.expiresAt()) || !now.isBefore(session.lastSeenAt().plus(idleTimeout))) {
            deleteQuietly(key);
            return Optional.empty();
        }
        if (!now.isBefore(session.lastSeenAt().plus(TOUCH_INTERVAL))) {
            Session touched = session.seen(now);
            try {
                store.put(key, json.write(touched), PutOptions.of("application/json")
                        .withCondition(WriteCondition.ifVersionMatches(version)));
                session = touched;
            } catch (PreconditionFailedException raced) {
                // logged out or touched by a parallel request meanwhile; the next request sees the outcome
            }
        }
        return Optional.of(new Found(sessionId, session));
    }

    /** Ends the session (logout). */
    public void delete(String sessionId) {
        if (Secrets.isToken256(sessionId)) {
            deleteQuietly(key(sessionId));
        }
    }

    /** Deletes expired sessions; returns how many. Run now and then (e.g. daily or at start). */
    public int purgeExpired() {
        Instant now = clock.instant();
        int purged = 0;
        String startAfter = null;
        while (true) {
            ListPage page = store.list(PREFIX, startAfter, 1000);
            for (ObjectInfo info : page.objects()) {
                try {
                    Session s = json.read(store.readAllBytes(info.key()), Session.class, info.key());
                    if (!now.isBefore(s.expiresAt()) || !now.isBefore(s.lastSeenAt().plus(idleTimeout))) {
                        store.deleteIfVersionMatches(info.key(), info.version());
                        purged++;
                    }
                } catch (ObjectNotFoundException | PreconditionFailedException | IllegalStateException e) {
                    // gone, touched meanwhile, or unreadable: leave it to the next run
                }
            }
            if (!page.hasMore()) {
                return purged;
            }
            startAfter = page.nextStartAfter();
        }
    }

    private void deleteQuietly(String key) {
        store.delete(key);
    }
}
