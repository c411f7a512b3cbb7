package org.onewindow.service.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.testsupport.TestStores;
import org.onewindow.storage.ObjectStore;

class CheckpointSignerTest {
    @TempDir
    Path dir;

    @Test
    void hmacKeyFileIsCreatedLazilyPrivatelyAndReusedAfterRestart() throws Exception {
        Path keyFile = dir.resolve("secrets/audit.key");
        CheckpointSigner first = HmacCheckpointSigner.fromFile(keyFile);
        assertFalse(Files.exists(keyFile), "created before first use");
        byte[] message = "{\"seq\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] signature = first.sign(message);
        assertTrue(Files.exists(keyFile));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));

        CheckpointSigner afterRestart = HmacCheckpointSigner.fromFile(keyFile);
        assertEquals(first.keyId(), afterRestart.keyId());
        assertTrue(afterRestart.verify(first.keyId(), "HmacSHA256", message, signature));
        assertFalse(afterRestart.verify(first.keyId(), "HmacSHA256", "{\"seq\":2}".getBytes(), signature));
        CheckpointSigner other = HmacCheckpointSigner.fromFile(dir.resolve("other.key"));
        assertFalse(other.verify(first.keyId(), "HmacSHA256", message, signature));
    }

    @Test
    void chainSignedWithAnEcKeyVerifiesWithThePublicKeyAlone() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        ObjectStore store = TestStores.fileSystem(dir);
        AuditLog log = new AuditLog(store, Clock.systemUTC(),
                new KeyPairCheckpointSigner("center-test", pair.getPrivate(), pair.getPublic()), 3);
        for (int i = 1; i <= 7; i++) {
            log.append(AuditFixtures.entry(i));
        }
        VerificationReport report = new AuditVerifier(store,
                new KeyPairCheckpointSigner("center-test", null, pair.getPublic())).verify();
        assertTrue(report.intact(), () -> String.valueOf(report.problem()));
        assertEquals(2, report.checkpointsChecked());
    }
}
