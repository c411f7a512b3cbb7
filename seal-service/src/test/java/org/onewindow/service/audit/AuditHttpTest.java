package org.onewindow.service.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.testsupport.TestApp;
import org.onewindow.service.identity.Role;
import org.onewindow.storage.PutOptions;

/** The audit API over HTTP: query with filters and paging, CSV export, verification. */
class AuditHttpTest {
    @TempDir
    Path dir;
    private TestApp http;
    private String[] auditor;

    @BeforeEach
    void start() {
        http = new TestApp(dir);
        auditor = http.bearerFor("jian", Role.AUDITOR);
        AuditLog log = http.audit();
        for (int i = 1; i <= 25; i++) {
            log.append(new AuditEntry(i % 2 == 0 ? "clerk" : "li", null, "case.step", AuditTarget.of("case",
                    "C-" + (i % 5)), AuditOutcome.GRANTED, "r" + i, Map.of("documentId", "D-" + i)));
        }
    }

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void queryFiltersAndPages() {
        JsonNode first = http.json("GET", "/api/audit/events?caseId=C-1&limit=2", auditor);
        assertEquals(2, first.path("events").size());
        assertEquals("C-1", first.path("events").get(0).path("target").path("id").asText());
        String cursor = first.path("nextCursor").asText();
        JsonNode second = http.json("GET", "/api/audit/events?caseId=C-1&limit=2&cursor=" + cursor, auditor);
        assertEquals(2, second.path("events").size());
        assertTrue(second.path("events").get(0).path("seq").asLong()
                > first.path("events").get(1).path("seq").asLong());
        JsonNode third = http.json("GET", "/api/audit/events?caseId=C-1&limit=2&cursor="
                + second.path("nextCursor").asText(), auditor);
        assertEquals(1, third.path("events").size());
        JsonNode byDoc = http.json("GET", "/api/audit/events?documentId=D-7", auditor);
        assertEquals(1, byDoc.path("events").size());
        assertEquals("li", byDoc.path("events").get(0).path("actor").asText());
        JsonNode byActor = http.json("GET", "/api/audit/events?actor=clerk&limit=1000", auditor);
        assertEquals(12, byActor.path("events").size());
        assertTrue(byActor.path("nextCursor").isNull());
        HttpResponse<String> badTime = http.send("GET", "/api/audit/events?from=yesterday", auditor);
        assertEquals(400, badTime.statusCode());
        assertEquals(400, http.send("GET", "/api/audit/events?limit=5000", auditor).statusCode());
        JsonNode future = http.json("GET", "/api/audit/events?from=2999-01-01", auditor);
        assertEquals(0, future.path("events").size());
    }

    @Test
    void csvExportHasBomHeaderAndOneRowPerEvent() {
        HttpResponse<String> csv = http.send("GET", "/api/audit/events.csv?actor=li", auditor);
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        assertTrue(csv.headers().firstValue("Content-Disposition").orElseThrow().contains("attachment"));
        assertTrue(csv.body().startsWith("\uFEFFseq,time,actor,"), csv.body());
        String[] lines = csv.body().split("\r\n");
        assertEquals(1 + 13, lines.length);
        for (int i = 1; i < lines.length; i++) {
            assertTrue(lines[i].contains(",li,"), lines[i]);
        }
    }

    @Test
    void verifyReportsIntactThenTheFirstProblem() {
        JsonNode intact = http.json("GET", "/api/audit/verify", auditor);
        assertTrue(intact.path("intact").asBoolean(), intact.toString());
        assertTrue(intact.path("eventsChecked").asLong() >= 25);
        assertTrue(intact.path("problem").isNull());

        http.store().put(AuditLog.eventKey(10), http.store().readAllBytes(AuditLog.eventKey(11)),
                PutOptions.defaults());
        JsonNode broken = http.json("GET", "/api/audit/verify", auditor);
        assertFalse(broken.path("intact").asBoolean());
        assertEquals(10, broken.path("problem").path("seq").asLong());
        assertEquals("REORDERED", broken.path("problem").path("kind").asText());
    }
}
