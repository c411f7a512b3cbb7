package org.onewindow.service.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.audit.VerificationReport.Kind;
import org.onewindow.service.testsupport.TestStores;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PutOptions;

/** Each way of tampering with the stored chain is reported, at the right seq. */
class AuditTamperTest {
    private static final int EVENTS = 12;
    private final ObjectMapper mapper = new ObjectMapper();
    @TempDir
    Path dir;
    private ObjectStore store;
    private CheckpointSigner signer;

    @BeforeEach
    void writeChain() {
        store = TestStores.fileSystem(dir);
        signer = KeyPairCheckpointSigner.ephemeralEd25519();
        AuditLog log = new AuditLog(store, Clock.systemUTC(), signer, 5);
        for (int i = 1; i <= EVENTS; i++) {
            log.append(AuditFixtures.entry(i));
        }
        log.checkpoint(); // checkpoints at 5, 10 and 12
        VerificationReport clean = verify();
        assertTrue(clean.intact(), () -> String.valueOf(clean.problem()));
        assertEquals(EVENTS, clean.eventsChecked());
    }

    @Test
    void alteredFieldIsDetected() throws Exception {
        ObjectNode event = readEvent(3);
        event.put("actor", "someone-else");
        writeEvent(3, event);
        assertProblem(Kind.ALTERED, 3);
    }

    @Test
    void addedMemberIsDetected() throws Exception {
        ObjectNode event = readEvent(4);
        event.with("details").put("approvedBy", "nobody");
        writeEvent(4, event);
        assertProblem(Kind.ALTERED, 4);
    }

    @Test
    void alteredEventWithRecomputedOwnHashBreaksTheNextLink() throws Exception {
        ObjectNode event = readEvent(3);
        event.put("outcome", "denied");
        rehash(event);
        writeEvent(3, event);
        assertProblem(Kind.BROKEN_LINK, 4);
    }

    @Test
    void deletedEventIsDetected() {
        store.delete(AuditLog.eventKey(7));
        assertProblem(Kind.MISSING, 7);
    }

    @Test
    void deletedFirstEventIsDetected() {
        store.delete(AuditLog.eventKey(1));
        assertProblem(Kind.MISSING, 1);
    }

    @Test
    void swappedEventsAreDetected() {
        byte[] three = store.readAllBytes(AuditLog.eventKey(3));
        byte[] four = store.readAllBytes(AuditLog.eventKey(4));
        store.put(AuditLog.eventKey(3), four, PutOptions.defaults());
        store.put(AuditLog.eventKey(4), three, PutOptions.defaults());
        assertProblem(Kind.REORDERED, 3);
    }

    @Test
    void insertedEventIsDetected() throws Exception {
        // Shift 6..12 up by one and put a well-formed forged event at 6 that links to 5.
        for (int seq = EVENTS; seq >= 6; seq--) {
            store.put(AuditLog.eventKey(seq + 1), store.readAllBytes(AuditLog.eventKey(seq)), PutOptions.defaults());
        }
        ObjectNode forged = readEvent(5);
        forged.put("seq", 6);
        forged.put("action", "seal.apply");
        forged.put("prevHash", forged.get("hash").asText());
        rehash(forged);
        writeEvent(6, forged);
        assertProblem(Kind.REORDERED, 7);
    }

    @Test
    void strayObjectAmongEventsIsDetected() {
        store.put(AuditLog.EVENTS_PREFIX + "00000000000000000006a.json", "{}".getBytes(), PutOptions.defaults());
        VerificationReport report = verify();
        assertFalse(report.intact());
        assertEquals(Kind.UNEXPECTED_OBJECT, report.problem().kind());
    }

    @Test
    void truncatedTailAfterCheckpointIsDetected() {
        store.delete(AuditLog.eventKey(12));
        store.delete(AuditLog.eventKey(11));
        VerificationReport report = assertProblem(Kind.TRUNCATED, 11);
        assertEquals(10, report.lastSeq());
    }

    @Test
    void truncationIntoCheckpointedRangeIsDetected() {
        for (int seq = 8; seq <= EVENTS; seq++) {
            store.delete(AuditLog.eventKey(seq));
        }
        assertProblem(Kind.TRUNCATED, 8);
    }

    @Test
    void recomputedChainWithoutTheCheckpointKeyIsDetected() throws Exception {
        // The attacker alters event 3 and recomputes every later hash and link: the chain is self-consistent,
        // but the signed checkpoint at 5 names the old hash.
        String prev = readEvent(2).get("hash").asText();
        for (int seq = 3; seq <= EVENTS; seq++) {
            ObjectNode event = readEvent(seq);
            if (seq == 3) {
                event.put("actor", "forger");
            }
            event.put("prevHash", prev);
            rehash(event);
            writeEvent(seq, event);
            prev = event.get("hash").asText();
        }
        assertProblem(Kind.CHECKPOINT_MISMATCH, 5);
    }

    @Test
    void recomputedChainWithCheckpointsSignedByAnotherKeyIsDetected() throws Exception {
        String prev = readEvent(2).get("hash").asText();
        for (int seq = 3; seq <= EVENTS; seq++) {
            ObjectNode event = readEvent(seq);
            if (seq == 3) {
                event.put("actor", "forger");
            }
            event.put("prevHash", prev);
            rehash(event);
            writeEvent(seq, event);
            prev = event.get("hash").asText();
        }
        // Re-sign the checkpoints with the forger's own key.
        CheckpointSigner forgerKey = KeyPairCheckpointSigner.ephemeralEd25519();
        long previous = 0;
        for (long seq : new long[] {5, 10, 12}) {
            Checkpoint forged = Checkpoint.sign(seq, readEvent((int) seq).get("hash").asText(),
                    java.time.Instant.now(), previous, forgerKey);
            store.put(AuditLog.checkpointKey(seq), forged.toBytes(), PutOptions.defaults());
            previous = seq;
        }
        assertProblem(Kind.CHECKPOINT_SIGNATURE, 5);
    }

    @Test
    void deletedMiddleCheckpointIsDetected() {
        store.delete(AuditLog.checkpointKey(5));
        assertProblem(Kind.CHECKPOINT_MISSING, 5);
    }

    @Test
    void unreadableEventIsDetected() {
        store.put(AuditLog.eventKey(9), "{\"seq\":9,".getBytes(), PutOptions.defaults());
        assertProblem(Kind.UNREADABLE, 9);
    }

    @Test
    void theFirstOfSeveralProblemsIsReported() throws Exception {
        store.delete(AuditLog.eventKey(9));
        ObjectNode event = readEvent(4);
        event.put("action", "changed");
        writeEvent(4, event);
        assertProblem(Kind.ALTERED, 4);
    }

    private VerificationReport verify() {
        return new AuditVerifier(store, signer).verify();
    }

    private VerificationReport assertProblem(Kind kind, long seq) {
        VerificationReport report = verify();
        assertFalse(report.intact(), "tampering went unnoticed");
        assertEquals(kind, report.problem().kind(), report.problem().reason());
        assertEquals(seq, report.problem().seq(), report.problem().reason());
        return report;
    }

    private ObjectNode readEvent(int seq) throws Exception {
        return (ObjectNode) mapper.readTree(store.readAllBytes(AuditLog.eventKey(seq)));
    }

    private void writeEvent(int seq, ObjectNode event) {
        store.put(AuditLog.eventKey(seq), CanonicalJson.bytes(event), PutOptions.defaults());
    }

    private static void rehash(ObjectNode event) {
        ObjectNode copy = event.deepCopy();
        copy.remove("hash");
        event.put("hash", AuditEvent.hashOf(copy));
    }
}
