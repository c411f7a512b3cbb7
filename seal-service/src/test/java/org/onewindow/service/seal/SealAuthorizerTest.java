package org.onewindow.service.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.audit.AuditLog;
import org.onewindow.service.audit.AuditOutcome;
import org.onewindow.service.audit.HmacCheckpointSigner;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.identity.Role;
import org.onewindow.service.seal.image.SealImageSpec;
import org.onewindow.storage.fs.FileSystemObjectStore;

/** The seal-use rule on records (no HTTP): department names, status, validity, named users, the audit trail. */
class SealAuthorizerTest {
    private static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");
    @TempDir
    Path dataDir;

    private static Seal seal(String id, SealKind kind, SealOwner owner, SealStatus status, SealUsage usage) {
        SealCertificate cert = new SealCertificate("demo-issuing", "1f", "CN=x", "CN=ca", NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(1)), "pkcs12:seal-" + id, List.of("-----BEGIN CERTIFICATE-----\n"), null);
        SealImage image = new SealImage(SealImage.GENERATED, SealImageSpec.specialSeal(owner.name(), "印"), 945, 945,
                600, 40, 40, "00");
        return new Seal(id, owner, kind, owner.name() + "章", image, cert, List.of(), status, null, NOW,
                usage == null ? SealUsage.defaultFor(kind) : usage, NOW, "test", NOW);
    }

    private static Principal user(String id, Role role, String department) {
        return new Principal(id, id, Set.of(role), department, "test");
    }

    @Test
    void departmentApproversApplyOnlyTheirDepartmentsSealUnderAnyOfItsNames() {
        SealAuthorizer authorizer = new SealAuthorizer(DepartmentDirectory.builtIn(), null,
                Clock.fixed(NOW, ZoneOffset.UTC));
        Seal housing = seal("dept-housing", SealKind.DEPARTMENT, new SealOwner("敦煌市住房和城乡建设局", "住建局(人防办)"),
                SealStatus.ACTIVE, null);
        for (String name : List.of("住建局", "住建局(人防办)", "住建局（人防办）", "人防办", "敦煌市住房和城乡建设局", "housing")) {
            assertTrue(authorizer.decide(user("a", Role.DEPARTMENT_APPROVER, name), housing).allowed(), name);
        }
        for (String name : List.of("国土局", "敦煌市国土资源局", "")) {
            assertFalse(authorizer.decide(user("a", Role.DEPARTMENT_APPROVER, name), housing).allowed(), name);
        }
        assertFalse(authorizer.decide(user("a", Role.DEPARTMENT_APPROVER, null), housing).allowed());
        assertFalse(authorizer.decide(user("a", Role.WINDOW_CLERK, "住建局"), housing).allowed(), "role matters too");
    }

    @Test
    void onlyActiveSealsInsideTheirValidityMayBeApplied() {
        Seal active = seal("center-acceptance", SealKind.ACCEPTANCE, new SealOwner("敦煌市行政服务中心", null),
                SealStatus.ACTIVE, null);
        Principal clerk = user("clerk", Role.WINDOW_CLERK, null);
        SealAuthorizer now = new SealAuthorizer(DepartmentDirectory.builtIn(), null, Clock.fixed(NOW, ZoneOffset.UTC));
        assertTrue(now.decide(clerk, active).allowed());
        assertFalse(now.decide(clerk, active.withStatus(SealStatus.SUSPENDED, "x", NOW)).allowed());
        assertFalse(now.decide(clerk, active.withStatus(SealStatus.REVOKED, "x", NOW)).allowed());
        SealAuthorizer expired = new SealAuthorizer(DepartmentDirectory.builtIn(), null,
                Clock.fixed(NOW.plus(Duration.ofDays(2)), ZoneOffset.UTC));
        assertTrue(expired.decide(clerk, active).reason().contains("not valid now"));
        assertFalse(now.decide(null, active).allowed());
    }

    @Test
    void namedUsersAndTheAuditTrail() {
        try (FileSystemObjectStore store = new FileSystemObjectStore(dataDir)) {
            AuditLog audit = new AuditLog(store, Clock.systemUTC(), new HmacCheckpointSigner(new byte[32]));
            SealAuthorizer authorizer = new SealAuthorizer(DepartmentDirectory.builtIn(), audit,
                    Clock.fixed(NOW, ZoneOffset.UTC));
            Seal personal = seal("personal-li", SealKind.PERSONAL, new SealOwner("敦煌市行政服务中心", null),
                    SealStatus.ACTIVE, new SealUsage(Set.of(), Set.of("li")));
            authorizer.authorizeUse(user("li", Role.CENTER_APPROVER, null), personal,
                    new SealAuthorizer.UseContext("req-1", "case:1"));
            assertThrows(SealUseDeniedException.class, () -> authorizer.authorizeUse(
                    user("wang", Role.CENTER_APPROVER, null), personal, SealAuthorizer.UseContext.none()));
            var granted = audit.read(1).orElseThrow();
            var denied = audit.read(2).orElseThrow();
            assertEquals(AuditOutcome.GRANTED, granted.outcome());
            assertEquals("li", granted.actor());
            assertEquals("req-1", granted.requestId());
            assertEquals("case:1", granted.details().get("purpose"));
            assertEquals(AuditOutcome.DENIED, denied.outcome());
            assertEquals("wang", denied.actor());
            assertEquals(SealAuthorizer.ACTION, denied.action());
            assertEquals("personal-li", denied.target().id());
        }
        assertThrows(IllegalArgumentException.class, () -> new SealUsage(Set.of(Role.SEAL_ADMIN), Set.of()));
    }
}
