package org.onewindow.service.identity;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Set;

import org.onewindow.service.audit.AuditLog;
import org.onewindow.service.audit.KeyPairCheckpointSigner;
import org.onewindow.service.testsupport.MutableClock;
import org.onewindow.service.testsupport.TestStores;
import org.onewindow.storage.ObjectStore;

/** A complete identity service on a real store, with fast password hashing and a hand-moved clock. */
final class IdentityFixture {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T08:00:00Z"));
    final ObjectStore store;
    final AuditLog audit;
    final IdentityService identity;
    final IdentityService.Actor admin = new IdentityService.Actor(
            new Principal("root", "根管理员", Set.of(Role.SYSTEM_ADMIN), null, "session"), "req-admin");

    IdentityFixture(Path dir) {
        store = TestStores.fileSystem(dir);
        SecureRandom random = new SecureRandom();
        audit = new AuditLog(store, clock, KeyPairCheckpointSigner.ephemeralEd25519());
        identity = new IdentityService(new UserStore(store), new SessionStore(store, clock, random),
                new TokenStore(store, clock, random), new PasswordHasher(1024, 1, 1, random),
                new LoginThrottle(LoginThrottle.Limits.defaults(), clock), audit, clock);
    }
}
