package org.onewindow.service.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.testsupport.TestApp;

/** The application seeds one demo user per role into an empty store at its first start, and only then. */
class DemoUsersAtStartTest {
    @TempDir
    Path dir;

    @Test
    void firstStartSeedsDemoUsersAndASecondStartChangesNothing() {
        Map<String, String> demo = Map.of(IdentityAudit.Settings.DEMO_USERS, "true",
                IdentityAudit.Settings.DEMO_PASSWORD, "demo-pass-1");
        try (TestApp first = new TestApp(dir, Map.of(), demo)) {
            assertEquals(6, first.identity().listUsers().size());
            TestApp.Browser admin = first.login("admin", "demo-pass-1");
            assertEquals(200, first.send("POST", "/api/admin/users/clerk/password",
                    TestApp.json(Map.of("password", "changed-pass-1")), admin.headers(true)).statusCode());
            first.login("approver", "demo-pass-1");
        }
        try (TestApp second = new TestApp(dir, Map.of(), demo)) {
            assertEquals(6, second.identity().listUsers().size());
            second.login("clerk", "changed-pass-1"); // not reset by a second seeding
            assertEquals("住建局", second.identity().getUser("approver").department());
        }
    }
}
