package org.onewindow.service.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.audit.AuditEvent;
import org.onewindow.service.audit.AuditOutcome;
import org.onewindow.service.identity.Role;

/** The case flow over real HTTP: real users and tokens, the filesystem store, the audit log. */
class CaseFlowHttpTest {
    @TempDir
    Path dir;
    CaseHarness h;
    String[] clerk;
    String[] approver;
    String[] center;

    @BeforeEach
    void start() {
        h = new CaseHarness(dir);
        clerk = h.user("clerk1", null, Role.WINDOW_CLERK);
        approver = h.user("zjj1", CaseHarness.BUILDING_DEPARTMENT, Role.DEPARTMENT_APPROVER);
        center = h.user("center1", null, Role.CENTER_APPROVER);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private String reviewing(String... materials) {
        String id = h.open(clerk, CaseHarness.BUILDING_PERMIT, materials);
        h.expect(200, "POST", "/api/cases/" + id + "/accept", null, clerk);
        h.expect(200, "POST", "/api/cases/" + id + "/handover", Map.of("note", "材料齐全"), clerk);
        h.expect(200, "POST", "/api/cases/" + id + "/review", null, approver);
        return id;
    }

    private static Map<String, Object> returnBody(String justification) {
        return justification == null
                ? Map.of("reasons", List.of("施工合同未盖章"), "supplements", List.of(Map.of("materialCode", "M03",
                        "description", "盖章的施工合同")))
                : Map.of("reasons", List.of("施工合同未盖章"), "supplements", List.of(Map.of("materialCode", "M03")),
                        "justification", justification);
    }

    @Test
    void aCaseWalksTheWholeFlowAndTheReturnPausesTheClock() {
        String id = h.open(clerk, CaseHarness.BUILDING_PERMIT, "M01", "M02", "M03", "M04", "S01", "S02");
        assertEquals("DH20261125000001", id);
        assertEquals("DH20261125000002", h.open(clerk, CaseHarness.BUILDING_PERMIT, "M01"));

        JsonNode accepted = h.expect(200, "POST", "/api/cases/" + id + "/accept", null, clerk);
        assertEquals("ACCEPTED", accepted.path("state").asText());
        // Wed 25 Nov + 7 working days: 26, 27, 30 Nov, 1, 2, 3, 4 Dec
        assertEquals("2026-12-04", accepted.path("deadline").asText());
        assertEquals(7, accepted.path("workingDaysLeft").asInt());

        h.expect(200, "POST", "/api/cases/" + id + "/handover", null, clerk);
        h.expect(200, "POST", "/api/cases/" + id + "/review", null, approver);
        JsonNode returned = h.expect(200, "POST", "/api/cases/" + id + "/return", returnBody(null), approver);
        assertEquals("RETURNED", returned.path("state").asText());
        assertTrue(returned.path("clockPaused").asBoolean());
        assertEquals("[\"M03\"]", returned.path("pendingSupplements").toString());

        // Friday: two working days later the applicant brings the contract
        h.clock.advance(Duration.ofDays(2));
        JsonNode notYet = h.expect(422, "POST", "/api/cases/" + id + "/handover", null, clerk);
        assertTrue(notYet.path("detail").asText().contains("M03"), notYet.toString());
        h.expect(200, "POST", "/api/cases/" + id + "/materials/M03/present", Map.of("documentRef", "sha256:new"), clerk);
        JsonNode noNotice = h.expect(422, "POST", "/api/cases/" + id + "/handover", null, clerk);
        assertTrue(noNotice.path("detail").asText().contains("一次性告知书"), noNotice.toString());
        h.expect(200, "POST", "/api/cases/" + id + "/notify", null, clerk);
        JsonNode again = h.expect(200, "POST", "/api/cases/" + id + "/handover", null, clerk);
        assertEquals(2, again.path("pausedWorkingDays").asInt());
        assertEquals("2026-12-08", again.path("deadline").asText(), "the deadline moves by the two paused days");

        h.expect(200, "POST", "/api/cases/" + id + "/review", null, approver);
        JsonNode decided = h.expect(200, "POST", "/api/cases/" + id + "/decide",
                Map.of("outcome", "APPROVED", "reason", "符合条件"), approver);
        assertEquals("APPROVED", decided.path("decision").path("outcome").asText());
        h.expect(200, "POST", "/api/cases/" + id + "/complete", null, center);
        h.expect(200, "POST", "/api/cases/" + id + "/issue", null, clerk);
        h.expect(200, "POST", "/api/cases/" + id + "/archive", null, clerk);

        JsonNode stored = h.expect(200, "GET", "/api/cases/" + id, null, clerk);
        assertEquals("ARCHIVED", stored.path("state").asText());
        assertEquals(0, stored.path("countedReturns").asInt());
        List<String> path = new ArrayList<>();
        stored.path("history").forEach(t -> path.add(t.path("action").asText()));
        assertEquals(List.of("create", "accept", "handover", "review", "return", "material", "notify", "handover",
                "review", "decide", "complete", "issue", "archive"), path);

        List<String> audited = h.caseEvents(id).stream()
                .filter(e -> e.outcome() == AuditOutcome.GRANTED).map(AuditEvent::action).toList();
        assertEquals(List.of("case.create", "case.accept", "case.handover", "case.review", "case.return",
                "case.material", "case.notify", "case.handover", "case.review", "case.decide", "case.complete",
                "case.issue", "case.archive"), audited);

        // objects the intake module keeps under cases/{id}/materials/ are not case records
        h.store.put("cases/" + id + "/materials/M01/meta.json", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                org.onewindow.storage.PutOptions.of("application/json"));
        JsonNode search = h.expect(200, "GET", "/api/cases?state=ARCHIVED&department="
                + java.net.URLEncoder.encode(CaseHarness.BUILDING_DEPARTMENT, java.nio.charset.StandardCharsets.UTF_8),
                null, clerk);
        assertEquals(1, search.path("total").asInt());
        assertEquals(id, search.path("cases").get(0).path("id").asText());
        JsonNode byApplicant = h.expect(200, "GET", "/api/cases?applicant=91620982MA00000001&size=1&page=2",
                null, clerk);
        assertEquals(2, byApplicant.path("total").asInt());
        assertEquals(1, byApplicant.path("cases").size());
    }

    @Test
    void anInvalidTransitionIs409NamingTheStateAndIsAudited() {
        String id = h.open(clerk, CaseHarness.BUILDING_PERMIT, "M01", "M02", "M03", "M04");
        HttpResponse<String> response = h.send("POST", "/api/cases/" + id + "/issue", null, clerk);
        assertEquals(409, response.statusCode(), response.body());
        JsonNode problem = CaseHarness.tree(response);
        assertEquals("SUBMITTED", problem.path("currentState").asText());
        assertEquals("[\"accept\",\"refuse\"]", problem.path("allowedActions").toString());
        assertTrue(problem.path("detail").asText().contains("SUBMITTED"));

        AuditEvent denied = h.caseEvents(id).stream().filter(e -> e.action().equals("case.issue")).findFirst()
                .orElseThrow();
        assertEquals(AuditOutcome.DENIED, denied.outcome());
        assertEquals("clerk1", denied.actor());
        assertEquals("SUBMITTED", denied.details().get("currentState"));

        // If-Match: an action based on a version read before someone else's change is refused
        String etag = h.send("GET", "/api/cases/" + id, null, clerk).headers().firstValue("ETag").orElseThrow();
        h.expect(200, "POST", "/api/cases/" + id + "/materials/S01/present", Map.of("documentRef", "x"), clerk);
        String[] stale = {clerk[0], clerk[1], "If-Match", etag};
        JsonNode staleProblem = h.expect(409, "POST", "/api/cases/" + id + "/accept", null, stale);
        assertTrue(staleProblem.path("detail").asText().contains("reload"), staleProblem.toString());
        String fresh = h.send("GET", "/api/cases/" + id, null, clerk).headers().firstValue("ETag").orElseThrow();
        h.expect(200, "POST", "/api/cases/" + id + "/accept", null, new String[] {clerk[0], clerk[1], "If-Match", fresh});

        // 主件 missing: acceptance is refused with the list, nothing is stored
        String incomplete = h.open(clerk, CaseHarness.BUILDING_PERMIT, "M01");
        JsonNode missing = h.expect(422, "POST", "/api/cases/" + incomplete + "/accept", null, clerk);
        assertTrue(missing.path("detail").asText().contains("M02"), missing.toString());
        assertEquals("SUBMITTED", h.expect(200, "GET", "/api/cases/" + incomplete, null, clerk).path("state").asText());
        // unknown item
        h.expect(422, "POST", "/api/cases", Map.of("itemCode", "620982-XK-9999", "applicant", Map.of("name", "张三")),
                clerk);
    }

    @Test
    void aSecondReturnNeedsAJustificationAndCountsAgainstTheDepartment() throws Exception {
        String id = reviewing("M01", "M02", "M03", "M04", "S01", "S02");
        h.expect(200, "POST", "/api/cases/" + id + "/return", returnBody(null), approver);
        h.expect(200, "POST", "/api/cases/" + id + "/materials/M03/present", Map.of("documentRef", "sha256:v2"), clerk);
        h.expect(200, "POST", "/api/cases/" + id + "/notify", null, clerk);
        h.expect(200, "POST", "/api/cases/" + id + "/handover", null, clerk);
        h.expect(200, "POST", "/api/cases/" + id + "/review", null, approver);

        JsonNode refused = h.expect(422, "POST", "/api/cases/" + id + "/return", returnBody(null), approver);
        assertTrue(refused.path("detail").asText().contains("justification"), refused.toString());
        JsonNode stillInReview = h.expect(200, "GET", "/api/cases/" + id, null, clerk);
        assertEquals("IN_REVIEW", stillInReview.path("state").asText());
        int documentsBefore = stillInReview.path("documents").size();

        JsonNode second = h.expect(200, "POST", "/api/cases/" + id + "/return",
                returnBody("补正的合同签章单位与申请人不一致"), approver);
        assertEquals("RETURNED", second.path("state").asText());
        assertEquals(2, second.path("returns").size());
        assertFalse(second.path("returns").get(0).path("counted").asBoolean());
        assertTrue(second.path("returns").get(1).path("counted").asBoolean());
        assertEquals("补正的合同签章单位与申请人不一致", second.path("returns").get(1).path("justification").asText());
        assertEquals(1, second.path("countedReturns").asInt());
        assertEquals(documentsBefore, second.path("documents").size(), "a return itself makes no document");

        // the window issues a second 一次性告知书; the first one stays as it was
        JsonNode notified = h.expect(200, "POST", "/api/cases/" + id + "/notify", null, clerk);
        List<String> notices = new ArrayList<>();
        notified.path("documents").forEach(d -> {
            if (d.path("type").asText().equals("CORRECTION_NOTICE")) {
                notices.add(d.path("documentId").asText());
            }
        });
        assertEquals(2, notices.size(), notified.path("documents").toString());
        assertFalse(notices.get(0).equals(notices.get(1)));
        for (String notice : notices) {
            assertEquals(List.of("center-acceptance"), CaseDocumentsHttpTest.sealsOf(h, clerk, notice));
        }

        List<AuditEvent> returns = h.caseEvents(id).stream().filter(e -> e.action().equals("case.return")).toList();
        assertEquals(List.of(AuditOutcome.GRANTED, AuditOutcome.FAILED, AuditOutcome.GRANTED),
                returns.stream().map(AuditEvent::outcome).toList());
        assertEquals("true", returns.get(2).details().get("countedAgainstDepartment"));
    }

    @Test
    void aGapCaseWhoseSupplementDeadlinePassesIsOverdue() throws Exception {
        String id = h.open(clerk, CaseHarness.FOOD_LICENCE, "M01", "M02", "M03", "M04");
        JsonNode accepted = h.expect(200, "POST", "/api/cases/" + id + "/accept",
                Map.of("supplementWorkingDays", 3), clerk);
        assertEquals("ACCEPTED_WITH_GAPS", accepted.path("state").asText());
        assertEquals("[\"S01\",\"S02\"]", accepted.path("gaps").toString());
        assertEquals("2026-11-30", accepted.path("supplementDeadline").asText()); // Thu 26, Fri 27, Mon 30
        // the 受理通知书 lists the missing 副件 and the deadline to supply them
        JsonNode item = h.expect(200, "GET", "/api/catalog/items/" + CaseHarness.FOOD_LICENCE, null, clerk);
        String notice = CaseDocumentsHttpTest.text(CaseDocumentsHttpTest.pdf(h, clerk,
                CaseDocumentsHttpTest.only(accepted, "ACCEPTANCE_NOTICE").path("documentId").asText(), "latest"));
        assertTrue(notice.contains("容缺受理") && notice.contains("2026年11月30日"), notice);
        for (JsonNode m : item.path("materials")) {
            String name = m.path("name").asText().replaceAll("\\s+", "");
            boolean supplementary = m.path("kind").asText().equals("SUPPLEMENTARY");
            assertTrue(notice.contains(name), name + " in " + notice);
            if (supplementary) {
                int table = notice.indexOf("容缺材料名称");
                assertTrue(table > 0 && notice.indexOf(name, table) > 0, name + " listed as missing: " + notice);
            }
        }
        h.expect(200, "POST", "/api/cases/" + id + "/handover", null, clerk);
        assertEquals(0, h.expect(200, "GET", "/api/cases/overdue", null, clerk).path("cases").size());

        h.clock.advance(Duration.ofDays(5)); // Monday 30 Nov: last day, still in time
        assertEquals(0, h.expect(200, "GET", "/api/cases/overdue", null, clerk).path("cases").size());
        h.clock.advance(Duration.ofDays(1)); // Tuesday 1 Dec
        JsonNode overdue = h.expect(200, "GET", "/api/cases/overdue", null, clerk).path("cases");
        assertEquals(1, overdue.size());
        assertEquals(id, overdue.get(0).path("id").asText());
        assertEquals("[\"SUPPLEMENT_DEADLINE\"]", overdue.get(0).path("overdue").toString());

        // not approvable while the 副件 are outstanding
        String[] foodApprover = h.user("sjj1", "食药监局", Role.DEPARTMENT_APPROVER);
        h.expect(200, "POST", "/api/cases/" + id + "/review", null, foodApprover);
        h.expect(422, "POST", "/api/cases/" + id + "/decide", Map.of("outcome", "APPROVED"), foodApprover);

        // supplying both clears the gaps and the overdue entry; the promised deadline (10 days) is near
        h.expect(200, "POST", "/api/cases/" + id + "/materials/S01/present", Map.of("documentRef", "a"), clerk);
        JsonNode supplied = h.expect(200, "POST", "/api/cases/" + id + "/materials/S02/present", Map.of("documentRef", "b"),
                clerk);
        assertEquals("[]", supplied.path("gaps").toString());
        assertEquals(0, h.expect(200, "GET", "/api/cases/overdue", null, clerk).path("cases").size());
        h.clock.advance(Duration.ofDays(6)); // Mon 7 Dec; deadline is Wed 9 Dec
        JsonNode dueSoon = h.expect(200, "GET", "/api/cases/due-soon?days=2", null, clerk).path("cases");
        assertEquals(1, dueSoon.size());
        assertEquals(2, dueSoon.get(0).path("workingDaysLeft").asInt());
    }

    @Test
    void twoClerksRacingToAcceptOneCaseExactlyOneWins() throws Exception {
        String[] clerk2 = h.user("clerk2", null, Role.WINDOW_CLERK);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                String id = h.open(clerk, CaseHarness.BUILDING_PERMIT, "M01", "M02", "M03", "M04", "S01", "S02");
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (String[] who : List.of(clerk, clerk2)) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return h.send("POST", "/api/cases/" + id + "/accept", null, who).statusCode();
                    }));
                }
                go.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : results) {
                    statuses.add(f.get());
                }
                statuses.sort(null);
                assertEquals(List.of(200, 409), statuses, "round " + round);
                JsonNode stored = h.expect(200, "GET", "/api/cases/" + id, null, clerk);
                assertEquals(1, stored.path("history").findValues("action").stream()
                        .filter(a -> a.asText().equals("accept")).count());
                assertEquals(1, h.caseEvents(id).stream().filter(e -> e.action().equals("case.accept")
                        && e.outcome() == AuditOutcome.GRANTED).count());
                // only the winner's 受理通知书 exists: the loser's, if it got that far, was discarded
                CaseDocumentsHttpTest.only(stored, "ACCEPTANCE_NOTICE");
                assertEquals(List.of(CaseDocumentsHttpTest.only(stored, "ACCEPTANCE_NOTICE").path("documentId")
                        .asText()), CaseDocumentsHttpTest.caseDocumentsInStore(h, id), "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anApproverOfAnotherDepartmentIsRefusedAndAudited() {
        String id = h.open(clerk, CaseHarness.BUILDING_PERMIT, "M01", "M02", "M03", "M04", "S01", "S02");
        h.expect(200, "POST", "/api/cases/" + id + "/accept", null, clerk);
        h.expect(200, "POST", "/api/cases/" + id + "/handover", null, clerk);
        String[] other = h.user("mzj1", "民政局", Role.DEPARTMENT_APPROVER);
        JsonNode problem = h.expect(403, "POST", "/api/cases/" + id + "/review", null, other);
        assertTrue(problem.path("detail").asText().contains("民政局"), problem.toString());
        AuditEvent denied = h.caseEvents(id).stream().filter(e -> e.action().equals("case.review")).findFirst()
                .orElseThrow();
        assertEquals(AuditOutcome.DENIED, denied.outcome());
        assertEquals("mzj1", denied.actor());
        assertEquals("HANDED_OVER", h.expect(200, "GET", "/api/cases/" + id, null, clerk).path("state").asText());

        // a clerk may not review at all: refused by the route table, audited as access.denied
        h.expect(403, "POST", "/api/cases/" + id + "/review", null, clerk);
        assertTrue(h.events("access.denied").stream().anyMatch(e -> e.actor().equals("clerk1")));
        // the right department may
        h.expect(200, "POST", "/api/cases/" + id + "/review", null, approver);

        // an approver sees the cases of their own department only
        h.expect(403, "GET", "/api/cases/" + id, null, other);
        assertEquals(0, h.expect(200, "GET", "/api/cases", null, other).path("total").asInt());
        h.expect(403, "GET", "/api/cases?department=" + java.net.URLEncoder.encode(CaseHarness.BUILDING_DEPARTMENT,
                java.nio.charset.StandardCharsets.UTF_8), null, other);
        assertEquals(1, h.expect(200, "GET", "/api/cases", null, approver).path("total").asInt());
        assertEquals(1, h.expect(200, "GET", "/api/cases", null, clerk).path("total").asInt());
    }
}
