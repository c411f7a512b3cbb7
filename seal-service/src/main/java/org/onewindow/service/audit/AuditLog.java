package org.onewindow.service.audit;

import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onewindow.service.errors.ServiceUnavailableException;
import org.onewindow.storage.ListPage;
import org.onewindow.storage.ObjectInfo;
import org.onewindow.storage.ObjectNotFoundException;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PreconditionFailedException;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.StorageUnavailableException;
import org.onewindow.storage.WriteCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only, hash-chained audit log in object storage.
 *
 * <p>Layout: event {@code n} at {@code audit/events/{n, 20 digits}.json}, signed checkpoints at
 * {@code audit/checkpoints/{n, 20 digits}.json}, and a head pointer at {@code audit/head.json} that only speeds up
 * finding the end (the chain itself is the truth; a lagging pointer is caught up by listing).
 *
 * <p>Events are written create-if-absent: when two instances (or threads) race for the same seq, exactly one wins;
 * the loser re-reads the head and retries with the next seq, so the chain can neither fork nor be overwritten.
 * Thread-safe; appends within one instance are serialized.
 */
public final class AuditLog {
    public static final String EVENTS_PREFIX = "audit/events/";
    public static final String CHECKPOINTS_PREFIX = "audit/checkpoints/";
    public static final String HEAD_KEY = "audit/head.json";
    public static final int DEFAULT_CHECKPOINT_INTERVAL = 100;
    private static final int HEAD_POINTER_INTERVAL = 32;
    private static final int MAX_ATTEMPTS = 1000;
    private static final PutOptions CREATE_JSON = PutOptions.of("application/json")
            .withCondition(WriteCondition.ifAbsent());
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final ObjectStore store;
    private final Clock clock;
    private final CheckpointSigner signer;
    private final int checkpointInterval;
    private final ObjectMapper mapper = strictMapper();
    private final ReentrantLock appendLock = new ReentrantLock();
    private Head head; // guarded by appendLock; null until discovered
    private long lastCheckpointSeq = -1; // guarded by appendLock; -1 until discovered

    /** The chain's last known event: its seq (0 for an empty chain) and hash. */
    public record Head(long seq, String hash) {
    }

    /**
     * @param store              where the log lives
     * @param clock              event time source
     * @param signer             signs checkpoints
     * @param checkpointInterval write a checkpoint whenever an appended seq is a multiple of this (≥ 1)
     */
    public AuditLog(ObjectStore store, Clock clock, CheckpointSigner signer, int checkpointInterval) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signer = Objects.requireNonNull(signer, "signer");
        if (checkpointInterval < 1) {
            throw new IllegalArgumentException("checkpointInterval must be at least 1");
        }
        this.checkpointInterval = checkpointInterval;
    }

    public AuditLog(ObjectStore store, Clock clock, CheckpointSigner signer) {
        this(store, clock, signer, DEFAULT_CHECKPOINT_INTERVAL);
    }

    /** The object key of event {@code seq}. */
    public static String eventKey(long seq) {
        return EVENTS_PREFIX + String.format("%020d", seq) + ".json";
    }

    /** The object key of the checkpoint at {@code seq}. */
    public static String checkpointKey(long seq) {
        return CHECKPOINTS_PREFIX + String.format("%020d", seq) + ".json";
    }

    /** The seq encoded in an event or checkpoint key, or -1 when the key is not of that form. */
    static long seqOfKey(String key, String prefix) {
        if (!key.startsWith(prefix) || !key.endsWith(".json")) {
            return -1;
        }
        String digits = key.substring(prefix.length(), key.length() - ".json".length());
        if (digits.length() != 20 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(digits);
    }

    public CheckpointSigner signer() {
        return signer;
    }

    ObjectStore store() {
        return store;
    }

    /**
     * Appends {@code entry} as the next event and returns it as stored.
     *
     * @throws ServiceUnavailableException when the chain's last event cannot be read (run {@code audit verify})
     *                                     or the log stays contended beyond reason
     */
    public AuditEvent append(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        appendLock.lock();
        try {
            Head current = head != null ? head : discoverHead();
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                long seq = current.seq() + 1;
                AuditEvent event = AuditEvent.create(seq, clock.instant().truncatedTo(ChronoUnit.MILLIS), entry,
                        current.hash());
                try {
                    store.put(eventKey(seq), event.toBytes(), CREATE_JSON);
                } catch (PreconditionFailedException taken) {
                    current = catchUpRetrying(current);
                    continue;
                }
                head = new Head(seq, event.hash());
                afterAppend(event);
                return event;
            }
            throw new ServiceUnavailableException("audit log is too contended: gave up after " + MAX_ATTEMPTS
                    + " attempts");
        } finally {
            appendLock.unlock();
        }
    }

    /** The current end of the chain, read fresh from storage. */
    public Head head() {
        appendLock.lock();
        try {
            head = discoverHead();
            return head;
        } finally {
            appendLock.unlock();
        }
    }

    /** Event {@code seq}, or empty when there is none. @throws IllegalStateException when it is unreadable */
    public Optional<AuditEvent> read(long seq) {
        try {
            return Optional.of(AuditEvent.fromJson(parse(store.readAllBytes(eventKey(seq)))));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("audit event " + seq + " is unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * Signs the current head into a checkpoint now (used on a timer and by the CLI), unless one exists there.
     *
     * @return the checkpoint, or empty when the chain is empty
     */
    public Optional<Checkpoint> checkpoint() {
        appendLock.lock();
        try {
            head = discoverHead();
            if (head.seq() == 0) {
                return Optional.empty();
            }
            return Optional.of(writeCheckpoint(head));
        } finally {
            appendLock.unlock();
        }
    }

    private void afterAppend(AuditEvent event) {
        if (event.seq() % checkpointInterval == 0) {
            try {
                writeCheckpoint(new Head(event.seq(), event.hash()));
            } catch (RuntimeException e) {
                LOG.warn("audit checkpoint at seq {} not written: {}", event.seq(), e.getMessage());
            }
        }
        if (event.seq() % HEAD_POINTER_INTERVAL == 0 || event.seq() % checkpointInterval == 0) {
            advancePointer(head);
        }
    }

    private Checkpoint writeCheckpoint(Head at) {
        String key = checkpointKey(at.seq());
        Optional<ObjectInfo> existing = store.head(key);
        if (existing.isPresent()) {
            return Checkpoint.fromJson(parse(store.readAllBytes(key)));
        }
        long previous = latestCheckpointBefore(at.seq());
        Checkpoint checkpoint = Checkpoint.sign(at.seq(), at.hash(), clock.instant().truncatedTo(ChronoUnit.MILLIS),
                previous, signer);
        try {
            store.put(key, checkpoint.toBytes(), CREATE_JSON);
        } catch (PreconditionFailedException raced) {
            return Checkpoint.fromJson(parse(store.readAllBytes(key)));
        }
        lastCheckpointSeq = Math.max(lastCheckpointSeq, at.seq());
        return checkpoint;
    }

    private long latestCheckpointBefore(long seq) {
        String startAfter = lastCheckpointSeq > 0 && lastCheckpointSeq < seq ? checkpointKey(lastCheckpointSeq) : null;
        long latest = lastCheckpointSeq > 0 && lastCheckpointSeq < seq ? lastCheckpointSeq : 0;
        while (true) {
            ListPage page = store.list(CHECKPOINTS_PREFIX, startAfter, 1000);
            for (ObjectInfo info : page.objects()) {
                long s = seqOfKey(info.key(), CHECKPOINTS_PREFIX);
                if (s > 0 && s < seq) {
                    latest = Math.max(latest, s);
                }
            }
            if (!page.hasMore()) {
                return latest;
            }
            startAfter = page.nextStartAfter();
        }
    }

    /** Moves the head pointer forward (never back); losing a race to another writer is fine. */
    private void advancePointer(Head to) {
        try {
            Optional<ObjectInfo> info = store.head(HEAD_KEY);
            WriteCondition condition;
            if (info.isPresent()) {
                JsonNode pointer = parse(store.readAllBytes(HEAD_KEY));
                if (pointer.path("seq").asLong() >= to.seq()) {
                    return;
                }
                condition = WriteCondition.ifVersionMatches(info.get().version());
            } else {
                condition = WriteCondition.ifAbsent();
            }
            ObjectNode node = mapper.createObjectNode().put("seq", to.seq()).put("hash", to.hash());
            store.put(HEAD_KEY, CanonicalJson.bytes(node), PutOptions.of("application/json").withCondition(condition));
        } catch (PreconditionFailedException raced) {
            // another writer moved it; it is only a hint
        } catch (RuntimeException e) {
            LOG.warn("audit head pointer not updated: {}", e.getMessage());
        }
    }

    /** Finds the last event: from the head pointer when it is usable, then by listing forward. */
    private Head discoverHead() {
        Head start = new Head(0, AuditEvent.GENESIS_HASH);
        try {
            JsonNode pointer = parse(store.readAllBytes(HEAD_KEY));
            long seq = pointer.path("seq").asLong(0);
            if (seq > 0) {
                Optional<AuditEvent> event = read(seq);
                if (event.isPresent()) {
                    start = new Head(seq, event.get().hash());
                } else {
                    LOG.warn("audit head pointer names seq {} but that event is missing; listing the chain", seq);
                }
            }
        } catch (ObjectNotFoundException none) {
            // no pointer yet: list from the start
        } catch (IllegalArgumentException | IllegalStateException unreadable) {
            LOG.warn("audit head pointer unusable ({}); listing the chain", unreadable.getMessage());
        }
        return catchUp(start);
    }

    /**
     * {@link #catchUp} with a few retries on transient storage errors: it only reads, so retrying is safe (a failed
     * event write is never retried: whether it landed is unknown, and a retry could record the entry twice).
     */
    private Head catchUpRetrying(Head from) {
        for (int attempt = 1; ; attempt++) {
            try {
                return catchUp(from);
            } catch (StorageUnavailableException e) {
                if (attempt == 3) {
                    throw e;
                }
                LOG.debug("audit head read failed ({}), retrying", e.getMessage());
                try {
                    Thread.sleep(50L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Lists the events after {@code from} and returns the last one. */
    private Head catchUp(Head from) {
        String startAfter = from.seq() == 0 ? null : eventKey(from.seq());
        long lastSeq = from.seq();
        while (true) {
            ListPage page = store.list(EVENTS_PREFIX, startAfter, 1000);
            for (ObjectInfo info : page.objects()) {
                lastSeq = Math.max(lastSeq, seqOfKey(info.key(), EVENTS_PREFIX));
            }
            if (!page.hasMore()) {
                break;
            }
            startAfter = page.nextStartAfter();
        }
        if (lastSeq == from.seq()) {
            return from;
        }
        try {
            AuditEvent last = read(lastSeq).orElseThrow(() -> new IllegalStateException("vanished while listing"));
            return new Head(lastSeq, last.hash());
        } catch (IllegalStateException e) {
            throw new ServiceUnavailableException("audit log head (seq " + lastSeq + ") cannot be read: "
                    + e.getMessage() + "; run 'onewindow audit verify'", e);
        }
    }

    JsonNode parse(byte[] bytes) {
        try {
            return mapper.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage());
        }
    }

    static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return mapper;
    }
}
