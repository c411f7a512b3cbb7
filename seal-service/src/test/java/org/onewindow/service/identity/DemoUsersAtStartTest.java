package org.onewindow.service.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
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
            assertEquals("住建局(人防办)", second.identity().getUser("approver").department());
        }
    }

    /**
     * The demo works out of the box: the demo approver's department is written as the seeded catalog writes it, so
     * a case the demo clerk opens for an item of that department shows up in the approver's lists (cases compare
     * department names exactly).
     */
    @Test
    void theDemoApproverSeesTheCasesOfTheirDepartment() {
        Map<String, String> demo = Map.of(IdentityAudit.Settings.DEMO_USERS, "true",
                IdentityAudit.Settings.DEMO_PASSWORD, "demo-pass-1");
        try (TestApp app = new TestApp(dir, Map.of(), demo)) {
            TestApp.Browser clerk = app.login("clerk", "demo-pass-1");
            TestApp.Browser approver = app.login("approver", "demo-pass-1");
            String department = app.identity().getUser("approver").department();

            Set<String> catalogDepartments = new HashSet<>();
            String itemCode = null;
            for (JsonNode item : app.json("GET", "/api/catalog/items", clerk.headers(false)).path("items")) {
                catalogDepartments.add(item.path("department").asText());
                if (itemCode == null && item.path("department").asText().equals(department)) {
                    itemCode = item.path("code").asText();
                }
            }
            assertTrue(itemCode != null, "the demo approver's department " + department
                    + " has no item in the seeded catalog; its departments: " + catalogDepartments);

            String caseId = TestApp.tree(app.send("POST", "/api/cases", TestApp.json(Map.of("itemCode", itemCode,
                    "applicant", Map.of("name", "演示申请人"))), clerk.headers(true))).path("id").asText();
            assertTrue(caseId.startsWith("DH"), caseId);

            JsonNode seen = app.json("GET", "/api/cases?size=100", approver.headers(false));
            assertEquals(1, seen.path("total").asInt(), seen.toString());
            assertEquals(caseId, seen.path("cases").path(0).path("id").asText());
            assertEquals(200, app.send("GET", "/api/cases/" + caseId, approver.headers(false)).statusCode());
        }
    }
}
