package org.onewindow.service.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onewindow.service.audit.VerificationReport.Kind;
import org.onewindow.service.audit.VerificationReport.Problem;
import org.onewindow.storage.ListPage;
import org.onewindow.storage.ObjectInfo;
import org.onewindow.storage.ObjectNotFoundException;
import org.onewindow.storage.ObjectStore;

/**
 * Walks the whole audit chain in seq order and reports the first problem: a missing, altered, reordered or inserted
 * event, a checkpoint that does not verify or does not match the chain, or a chain that ends before its newest
 * checkpoint (truncation). It trusts nothing but the events, the checkpoints and the checkpoint key: the head
 * pointer is ignored.
 *
 * <p>Limit: someone who can rewrite the store AND delete every checkpoint after a point can truncate the chain to
 * that point undetected here; export checkpoints elsewhere (or time-stamp them) to close that gap.
 */
public final class AuditVerifier {
    private final ObjectStore store;
    private final CheckpointSigner signer;
    private final ObjectMapper mapper = AuditLog.strictMapper();

    public AuditVerifier(ObjectStore store, CheckpointSigner signer) {
        this.store = store;
        this.signer = signer;
    }

    public VerificationReport verify() {
        Walk walk = new Walk();
        TreeMap<Long, String> checkpointKeys = new TreeMap<>();
        for (String key : listKeys(AuditLog.CHECKPOINTS_PREFIX)) {
            long seq = AuditLog.seqOfKey(key, AuditLog.CHECKPOINTS_PREFIX);
            if (seq <= 0) {
                return walk.fail(0, key, Kind.UNEXPECTED_OBJECT, "object is not a checkpoint the log writes");
            }
            checkpointKeys.put(seq, key);
        }
        String startAfter = null;
        while (true) {
            ListPage page = store.list(AuditLog.EVENTS_PREFIX, startAfter, 1000);
            for (ObjectInfo info : page.objects()) {
                if (!walk.event(info.key(), checkpointKeys)) {
                    return walk.report();
                }
            }
            if (!page.hasMore()) {
                break;
            }
            startAfter = page.nextStartAfter();
        }
        // Checkpoints beyond the end of the chain: the tail was cut off.
        Map.Entry<Long, String> beyond = checkpointKeys.higherEntry(walk.lastSeq);
        if (beyond != null) {
            JsonNode node = readCheckpoint(beyond.getValue(), walk);
            if (node == null) {
                return walk.report();
            }
            if (!Checkpoint.signatureValid(node, signer)) {
                return walk.fail(beyond.getKey(), beyond.getValue(), Kind.CHECKPOINT_SIGNATURE,
                        "checkpoint signature does not verify with key " + node.path("keyId").asText());
            }
            return walk.fail(walk.lastSeq + 1, AuditLog.eventKey(walk.lastSeq + 1), Kind.TRUNCATED,
                    "chain ends at seq " + walk.lastSeq + " but a signed checkpoint covers seq " + beyond.getKey());
        }
        return walk.report();
    }

    private List<String> listKeys(String prefix) {
        List<String> keys = new ArrayList<>();
        String startAfter = null;
        while (true) {
            ListPage page = store.list(prefix, startAfter, 1000);
            page.objects().forEach(info -> keys.add(info.key()));
            if (!page.hasMore()) {
                return keys;
            }
            startAfter = page.nextStartAfter();
        }
    }

    private JsonNode readCheckpoint(String key, Walk walk) {
        try {
            JsonNode node = mapper.readTree(store.readAllBytes(key));
            Checkpoint.fromJson(node);
            return node;
        } catch (ObjectNotFoundException e) {
            walk.fail(AuditLog.seqOfKey(key, AuditLog.CHECKPOINTS_PREFIX), key, Kind.CHECKPOINT_MISSING,
                    "checkpoint vanished during verification");
            return null;
        } catch (Exception e) {
            walk.fail(AuditLog.seqOfKey(key, AuditLog.CHECKPOINTS_PREFIX), key, Kind.UNREADABLE,
                    "checkpoint is unreadable: " + e.getMessage());
            return null;
        }
    }

    /** The state of one walk along the chain. */
    private final class Walk {
        long lastSeq;
        String lastHash = AuditEvent.GENESIS_HASH;
        long eventsChecked;
        long checkpointsChecked;
        long lastCheckpointSeq;
        Problem problem;

        /** Checks one listed event key; false when a problem was found. */
        boolean event(String key, TreeMap<Long, String> checkpointKeys) {
            long keySeq = AuditLog.seqOfKey(key, AuditLog.EVENTS_PREFIX);
            if (keySeq <= 0) {
                fail(lastSeq + 1, key, Kind.UNEXPECTED_OBJECT, "object is not an event the log writes");
                return false;
            }
            long expected = lastSeq + 1;
            if (keySeq != expected) {
                fail(expected, AuditLog.eventKey(expected), Kind.MISSING, "event " + expected + " is missing"
                        + (keySeq > expected + 1 ? " (next present: " + keySeq + ")" : ""));
                return false;
            }
            JsonNode node;
            try {
                node = mapper.readTree(store.readAllBytes(key));
                if (node == null || !node.isObject()) {
                    throw new IllegalArgumentException("not a JSON object");
                }
            } catch (ObjectNotFoundException e) {
                fail(keySeq, key, Kind.MISSING, "event " + keySeq + " vanished during verification");
                return false;
            } catch (Exception e) {
                fail(keySeq, key, Kind.UNREADABLE, "event is not valid JSON: " + e.getMessage());
                return false;
            }
            AuditEvent event;
            try {
                event = AuditEvent.fromJson(node);
            } catch (IllegalArgumentException e) {
                fail(keySeq, key, Kind.UNREADABLE, "event is malformed: " + e.getMessage());
                return false;
            }
            if (event.seq() != keySeq) {
                fail(keySeq, key, Kind.REORDERED, "object for seq " + keySeq + " holds event seq " + event.seq());
                return false;
            }
            ObjectNode withoutHash = ((ObjectNode) node).deepCopy();
            withoutHash.remove("hash");
            String recomputed;
            try {
                recomputed = AuditEvent.hashOf(withoutHash);
            } catch (IllegalArgumentException e) {
                fail(keySeq, key, Kind.UNREADABLE, "event is malformed: " + e.getMessage());
                return false;
            }
            if (!recomputed.equals(event.hash())) {
                fail(keySeq, key, Kind.ALTERED, "event content does not match its hash (recomputed " + recomputed
                        + ", stored " + event.hash() + ")");
                return false;
            }
            if (!event.prevHash().equals(lastHash)) {
                fail(keySeq, key, Kind.BROKEN_LINK, "prevHash " + event.prevHash() + " is not the hash of event "
                        + lastSeq + " (" + lastHash + ")");
                return false;
            }
            // Checkpoints at or before this seq that have not been checked yet (including ones at missing seqs
            // cannot occur: a gap already stopped the walk).
            String checkpointKey = checkpointKeys.get(keySeq);
            if (checkpointKey != null && !checkpoint(keySeq, checkpointKey, event.hash(), checkpointKeys)) {
                return false;
            }
            lastSeq = keySeq;
            lastHash = event.hash();
            eventsChecked++;
            return true;
        }

        private boolean checkpoint(long seq, String key, String eventHash, TreeMap<Long, String> checkpointKeys) {
            JsonNode node = readCheckpoint(key, this);
            if (node == null) {
                return false;
            }
            if (!Checkpoint.signatureValid(node, signer)) {
                fail(seq, key, Kind.CHECKPOINT_SIGNATURE, "checkpoint signature does not verify with key "
                        + node.path("keyId").asText());
                return false;
            }
            Checkpoint checkpoint = Checkpoint.fromJson(node);
            if (checkpoint.seq() != seq) {
                fail(seq, key, Kind.REORDERED, "checkpoint object for seq " + seq + " states seq " + checkpoint.seq());
                return false;
            }
            if (!checkpoint.hash().equals(eventHash)) {
                fail(seq, AuditLog.eventKey(seq), Kind.CHECKPOINT_MISMATCH, "signed checkpoint says event " + seq
                        + " has hash " + checkpoint.hash() + " but the chain has " + eventHash
                        + ": the chain was rewritten");
                return false;
            }
            if (checkpoint.previous() > 0 && !checkpointKeys.containsKey(checkpoint.previous())) {
                fail(checkpoint.previous(), AuditLog.checkpointKey(checkpoint.previous()), Kind.CHECKPOINT_MISSING,
                        "checkpoint " + seq + " follows checkpoint " + checkpoint.previous() + ", which is gone");
                return false;
            }
            checkpointsChecked++;
            lastCheckpointSeq = seq;
            return true;
        }

        VerificationReport fail(long seq, String key, Kind kind, String reason) {
            problem = new Problem(seq, key, kind, reason);
            return report();
        }

        VerificationReport report() {
            return new VerificationReport(problem == null, eventsChecked, lastSeq, lastHash, checkpointsChecked,
                    lastCheckpointSeq, problem);
        }
    }
}
