package org.onewindow.service.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.audit.AuditEvent;
import org.onewindow.service.audit.AuditOutcome;
import org.onewindow.service.audit.AuditQuery;
import org.onewindow.service.audit.AuditSearch;
import org.onewindow.service.errors.ConflictException;
import org.onewindow.service.errors.ForbiddenException;
import org.onewindow.service.errors.TooManyRequestsException;
import org.onewindow.service.errors.UnauthorizedException;
import org.onewindow.service.errors.UnprocessableException;

class IdentityServiceTest {
    @TempDir
    Path dir;
    private IdentityFixture f;
    private IdentityService identity;

    @BeforeEach
    void setUp() {
        f = new IdentityFixture(dir);
        identity = f.identity;
        identity.addUser(f.admin, "wang", "王窗口", Set.of(Role.WINDOW_CLERK), null, "clerk-pass-1");
    }

    @Test
    void departmentApproversMustBeBoundToADepartmentAndOnlyThey() {
        assertThrows(UnprocessableException.class, () -> identity.addUser(f.admin, "li", "李", Set.of(
                Role.DEPARTMENT_APPROVER), null, "long-enough"));
        assertThrows(UnprocessableException.class, () -> identity.addUser(f.admin, "li", "李", Set.of(
                Role.AUDITOR), "住建局", "long-enough"));
        User li = identity.addUser(f.admin, "li", "李审批", Set.of(Role.DEPARTMENT_APPROVER, Role.AUDITOR),
                " 住建局 ", "long-enough");
        assertEquals("住建局", li.department());
        assertThrows(ConflictException.class, () -> identity.addUser(f.admin, "li", "李", Set.of(Role.AUDITOR),
                null, "long-enough"));
        assertThrows(UnprocessableException.class, () -> identity.addUser(f.admin, "Bad Id", "x",
                Set.of(Role.AUDITOR), null, "long-enough"));
        assertThrows(UnprocessableException.class, () -> identity.addUser(f.admin, "short", "x",
                Set.of(Role.AUDITOR), null, "short"));
        assertEquals(List.of("li", "wang"), identity.listUsers().stream().map(User::userId).toList());
    }

    @Test
    void loginOpensASessionThatReflectsLaterRoleChanges() {
        IdentityService.LoginResult login = identity.login("wang", "clerk-pass-1", "10.0.0.1", "r1");
        String sid = login.session().sessionId();
        assertEquals(43, sid.length());
        Principal p = identity.resolveSession(sid).orElseThrow().principal();
        assertEquals(Set.of(Role.WINDOW_CLERK), p.roles());
        identity.setRoles(f.admin, "wang", EnumSet.of(Role.DEPARTMENT_APPROVER), "住建局");
        Principal after = identity.resolveSession(sid).orElseThrow().principal();
        assertEquals(Set.of(Role.DEPARTMENT_APPROVER), after.roles());
        assertEquals("住建局", after.department());
        // The session id itself is not what is stored.
        assertTrue(f.store.list(SessionStore.PREFIX, null, 10).objects().stream()
                .noneMatch(o -> o.key().contains(sid)));
    }

    @Test
    void disablingOrResettingThePasswordEndsSessions() {
        String s1 = identity.login("wang", "clerk-pass-1", "10.0.0.1", "r1").session().sessionId();
        identity.setDisabled(f.admin, "wang", true);
        assertTrue(identity.resolveSession(s1).isEmpty());
        UnauthorizedException disabled = assertThrows(UnauthorizedException.class,
                () -> identity.login("wang", "clerk-pass-1", "10.0.0.1", "r2"));
        assertTrue(disabled.getMessage().contains("disabled"));
        identity.setDisabled(f.admin, "wang", false);
        f.clock.advance(Duration.ofSeconds(1));
        String s2 = identity.login("wang", "clerk-pass-1", "10.0.0.1", "r3").session().sessionId();
        f.clock.advance(Duration.ofSeconds(1));
        identity.resetPassword(f.admin, "wang", "new-pass-22");
        assertTrue(identity.resolveSession(s2).isEmpty());
        assertThrows(UnauthorizedException.class, () -> identity.login("wang", "clerk-pass-1", "10.0.0.1", "r4"));
        assertTrue(identity.resolveSession(identity.login("wang", "new-pass-22", "10.0.0.1", "r5").session()
                .sessionId()).isPresent());
    }

    @Test
    void sessionsExpireWhenIdleAndAtTheirAbsoluteEnd() {
        String sid = identity.login("wang", "clerk-pass-1", "10.0.0.1", "r1").session().sessionId();
        f.clock.advance(Duration.ofMinutes(29));
        assertTrue(identity.resolveSession(sid).isPresent()); // touches it
        f.clock.advance(Duration.ofMinutes(29));
        assertTrue(identity.resolveSession(sid).isPresent());
        f.clock.advance(Duration.ofMinutes(31));
        assertTrue(identity.resolveSession(sid).isEmpty());

        String busy = identity.login("wang", "clerk-pass-1", "10.0.0.1", "r2").session().sessionId();
        for (int i = 0; i < 24; i++) { // 11.6 h of steady activity
            f.clock.advance(Duration.ofMinutes(29));
            assertTrue(identity.resolveSession(busy).isPresent());
        }
        f.clock.advance(Duration.ofMinutes(29)); // 12.08 h after login
        assertTrue(identity.resolveSession(busy).isEmpty(), "session outlived its absolute lifetime");
    }

    @Test
    void repeatedFailuresLockTheUserAndAreAudited() {
        for (int i = 0; i < 5; i++) {
            assertThrows(UnauthorizedException.class, () -> identity.login("wang", "wrong-pass", "10.0.0.9", "r"));
        }
        TooManyRequestsException locked = assertThrows(TooManyRequestsException.class,
                () -> identity.login("wang", "clerk-pass-1", "10.0.0.9", "r"));
        assertTrue(locked.getMessage().contains("too many failed logins for this user"));
        // Another address does not help: the lock is on the user.
        assertThrows(TooManyRequestsException.class, () -> identity.login("wang", "clerk-pass-1", "10.0.0.8", "r"));
        f.clock.advance(Duration.ofMinutes(16));
        assertTrue(identity.login("wang", "clerk-pass-1", "10.0.0.9", "r").session() != null);

        List<AuditEvent> logins = new AuditSearch(f.audit).search(AuditQuery.all(1000)).events().stream()
                .filter(e -> e.action().equals("auth.login")).toList();
        assertEquals(5, logins.stream().filter(e -> e.outcome() == AuditOutcome.FAILED).count());
        assertEquals(2, logins.stream().filter(e -> e.outcome() == AuditOutcome.DENIED).count());
        assertEquals(1, logins.stream().filter(e -> e.outcome() == AuditOutcome.GRANTED).count());
        assertEquals("10.0.0.9", logins.get(0).details().get("clientIp"));
    }

    @Test
    void oneAddressTryingManyUsersIsBlocked() {
        for (int i = 0; i < 20; i++) {
            String user = "nobody" + i;
            assertThrows(UnauthorizedException.class, () -> identity.login(user, "whatever1", "10.6.6.6", "r"));
        }
        TooManyRequestsException blocked = assertThrows(TooManyRequestsException.class,
                () -> identity.login("wang", "clerk-pass-1", "10.6.6.6", "r"));
        assertTrue(blocked.getMessage().contains("address"));
        assertTrue(identity.login("wang", "clerk-pass-1", "10.0.0.1", "r").session() != null);
    }

    @Test
    void tokensAreScopedRevocableAndFollowTheUser() {
        identity.setRoles(f.admin, "wang", EnumSet.of(Role.WINDOW_CLERK, Role.AUDITOR), null);
        Principal wang = identity.getUser("wang").principal("session");
        IdentityService.Actor self = new IdentityService.Actor(wang, "r");
        assertThrows(UnprocessableException.class, () -> identity.createToken(self, "wang", "ci",
                Set.of(Role.SEAL_ADMIN), null));
        TokenStore.Created created = identity.createToken(self, "wang", "ci", Set.of(Role.AUDITOR), null);
        assertTrue(created.token().startsWith("ow_"));
        assertEquals(Set.of(Role.AUDITOR), identity.resolveToken(created.token()).orElseThrow().roles());
        assertEquals("token", identity.resolveToken(created.token()).orElseThrow().via());
        // Only the hash is stored.
        assertTrue(f.store.list(TokenStore.PREFIX, null, 10).objects().stream()
                .noneMatch(o -> o.key().contains(created.token().substring(3))));
        // A role the user loses is gone from the token too.
        identity.setRoles(f.admin, "wang", EnumSet.of(Role.WINDOW_CLERK), null);
        assertEquals(Set.of(), identity.resolveToken(created.token()).orElseThrow().roles());
        // Others cannot revoke it; the owner can.
        identity.addUser(f.admin, "zhao", "赵", Set.of(Role.SEAL_ADMIN), null, "zhao-pass-1");
        IdentityService.Actor zhao = new IdentityService.Actor(identity.getUser("zhao").principal("session"), "r");
        assertThrows(ForbiddenException.class, () -> identity.revokeToken(zhao, created.record().tokenId()));
        assertThrows(ForbiddenException.class, () -> identity.createToken(zhao, "wang", "x", null, null));
        ApiToken revoked = identity.revokeToken(self, created.record().tokenId());
        assertTrue(revoked.revokedAt() != null);
        assertTrue(identity.resolveToken(created.token()).isEmpty());
        assertTrue(identity.resolveToken("ow_" + "A".repeat(43)).isEmpty());
        assertTrue(identity.resolveToken("garbage").isEmpty());
        assertEquals(1, identity.listTokens(self, "wang").size());
    }

    @Test
    void expiredTokensAndDisabledUsersTokensStopWorking() {
        TokenStore.Created t = identity.createToken(f.admin, "wang", "batch", null,
                f.clock.instant().plus(Duration.ofDays(1)));
        assertEquals(Set.of(Role.WINDOW_CLERK), identity.resolveToken(t.token()).orElseThrow().roles());
        identity.setDisabled(f.admin, "wang", true);
        assertTrue(identity.resolveToken(t.token()).isEmpty());
        identity.setDisabled(f.admin, "wang", false);
        assertTrue(identity.resolveToken(t.token()).isPresent());
        f.clock.advance(Duration.ofDays(1));
        assertTrue(identity.resolveToken(t.token()).isEmpty());
    }

    @Test
    void adminChangesAreAudited() {
        identity.setDisabled(f.admin, "wang", true);
        identity.setDisabled(f.admin, "wang", false);
        identity.resetPassword(f.admin, "wang", "another-pass");
        List<String> actions = new AuditSearch(f.audit).search(AuditQuery.all(100)).events().stream()
                .map(e -> e.actor() + " " + e.action() + " " + e.target().id()).toList();
        assertEquals(List.of("root user.add wang", "root user.disable wang", "root user.enable wang",
                "root user.password.reset wang"), actions);
        assertThrows(UnprocessableException.class, () -> identity.setDisabled(
                new IdentityService.Actor(new Principal("wang", "王", Set.of(Role.SYSTEM_ADMIN), null, "s"), "r"),
                "wang", true));
        assertNull(identity.getUser("wang").department());
        assertFalse(identity.getUser("wang").disabled());
    }

    @Test
    void demoSeedRunsOnceOnAnEmptyStore(@TempDir Path other) throws Exception {
        IdentityFixture fresh = new IdentityFixture(other);
        DemoSeed seed = new DemoSeed(fresh.store, fresh.identity, new java.security.SecureRandom(), fresh.clock);
        List<DemoSeed.Seeded> seeded = seed.seedIfEmpty(null);
        assertEquals(6, seeded.size());
        assertEquals(EnumSet.allOf(Role.class), seeded.stream().flatMap(s -> s.roles().stream())
                .collect(java.util.stream.Collectors.toCollection(() -> EnumSet.noneOf(Role.class))));
        DemoSeed.Seeded approver = seeded.stream().filter(s -> s.roles().contains(Role.DEPARTMENT_APPROVER))
                .findFirst().orElseThrow();
        assertEquals("住建局(人防办)", approver.department());
        for (DemoSeed.Seeded s : seeded) {
            assertTrue(fresh.identity.login(s.userId(), s.password(), "127.0.0.1", "r").session() != null);
        }
        assertTrue(seed.seedIfEmpty(null).isEmpty());
        assertTrue(DemoSeed.announcement(seeded, "http://localhost:8080/").contains("演示"));
    }
}
