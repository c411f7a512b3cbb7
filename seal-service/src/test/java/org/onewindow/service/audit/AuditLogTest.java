package org.onewindow.service.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.testsupport.TestStores;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PutOptions;

class AuditLogTest {
    @TempDir
    Path dir;

    @Test
    void appendsLinkedEventsWithVerifiableHashes() throws Exception {
        ObjectStore store = TestStores.fileSystem(dir);
        AuditLog log = new AuditLog(store, Clock.systemUTC(), KeyPairCheckpointSigner.ephemeralEd25519(), 5);
        AuditEvent first = log.append(AuditFixtures.entry(1));
        AuditEvent second = log.append(AuditFixtures.entry(2));
        assertEquals(1, first.seq());
        assertEquals(AuditEvent.GENESIS_HASH, first.prevHash());
        assertEquals(2, second.seq());
        assertEquals(first.hash(), second.prevHash());

        // The stored bytes are the canonical form and the hash is SHA-256 over it without "hash".
        byte[] stored = store.readAllBytes(AuditLog.eventKey(2));
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(stored);
        assertEquals(CanonicalJson.string(node), new String(stored, java.nio.charset.StandardCharsets.UTF_8));
        node.remove("hash");
        assertEquals(second.hash(), AuditEvent.sha256Hex(CanonicalJson.bytes(node)));
        assertEquals("第2件", log.read(2).orElseThrow().details().get("note"));
    }

    @Test
    void writesCheckpointsAtTheInterval() {
        ObjectStore store = TestStores.fileSystem(dir);
        CheckpointSigner signer = KeyPairCheckpointSigner.ephemeralEd25519();
        AuditLog log = new AuditLog(store, Clock.systemUTC(), signer, 5);
        for (int i = 1; i <= 12; i++) {
            log.append(AuditFixtures.entry(i));
        }
        assertTrue(store.head(AuditLog.checkpointKey(5)).isPresent());
        assertTrue(store.head(AuditLog.checkpointKey(10)).isPresent());
        assertTrue(store.head(AuditLog.checkpointKey(12)).isEmpty());
        Checkpoint manual = log.checkpoint().orElseThrow();
        assertEquals(12, manual.seq());
        assertEquals(10, manual.previous());
        VerificationReport report = new AuditVerifier(store, signer).verify();
        assertTrue(report.intact(), () -> String.valueOf(report.problem()));
        assertEquals(12, report.eventsChecked());
        assertEquals(3, report.checkpointsChecked());
        assertEquals(12, report.lastCheckpointSeq());
    }

    @Test
    void aNewInstanceContinuesTheChainEvenWhenTheHeadPointerLags() {
        ObjectStore store = TestStores.fileSystem(dir);
        CheckpointSigner signer = KeyPairCheckpointSigner.ephemeralEd25519();
        AuditLog first = new AuditLog(store, Clock.systemUTC(), signer, 1000);
        for (int i = 1; i <= 40; i++) {
            first.append(AuditFixtures.entry(i));
        }
        // The pointer was written at 32; point it further back to simulate a crash before it was moved.
        store.put(AuditLog.HEAD_KEY, "{\"hash\":\"x\",\"seq\":3}".getBytes(), PutOptions.defaults());
        AuditLog second = new AuditLog(store, Clock.systemUTC(), signer, 1000);
        assertEquals(40, second.head().seq());
        AuditEvent next = second.append(AuditFixtures.entry(41));
        assertEquals(41, next.seq());
        assertEquals(first.read(40).orElseThrow().hash(), next.prevHash());
        // The first instance's cached head is stale: it catches up instead of forking.
        AuditEvent fromFirst = first.append(AuditFixtures.entry(42));
        assertEquals(42, fromFirst.seq());
        assertEquals(next.hash(), fromFirst.prevHash());
        assertTrue(new AuditVerifier(store, signer).verify().intact());
    }

    @Test
    void detailsAndTargetsAreOptional() {
        ObjectStore store = TestStores.fileSystem(dir);
        AuditLog log = new AuditLog(store, Clock.systemUTC(), KeyPairCheckpointSigner.ephemeralEd25519());
        AuditEvent e = log.append(new AuditEntry(null, null, "auth.login", null, AuditOutcome.FAILED, null, Map.of()));
        assertEquals(AuditEntry.ANONYMOUS, e.actor());
        assertNotEquals(AuditEvent.GENESIS_HASH, e.hash());
        assertEquals(e, log.read(1).orElseThrow());
    }
}
