package org.onewindow.service.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.testsupport.TestStores;

class AuditSearchTest {
    @TempDir
    Path dir;

    /** A clock that moves one minute per reading. */
    private static final class SteppingClock extends Clock {
        private Instant now = Instant.parse("2026-11-25T08:00:00Z");

        @Override
        public synchronized Instant instant() {
            Instant current = now;
            now = now.plus(Duration.ofMinutes(1));
            return current;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void filtersByCaseDocumentSealActorAndTimeWithPaging() {
        AuditLog log = new AuditLog(TestStores.fileSystem(dir), new SteppingClock(),
                KeyPairCheckpointSigner.ephemeralEd25519(), 1000);
        for (int i = 1; i <= 30; i++) {
            String actor = i % 2 == 0 ? "clerk" : "approver";
            AuditTarget target = i % 3 == 0 ? AuditTarget.of("document", "D-" + i) : AuditTarget.of("case", "C-1");
            Map<String, String> details = i % 3 == 0 ? Map.of("caseId", "C-1") : Map.of();
            if (i == 7) {
                target = AuditTarget.of("seal", "S-住建局");
                details = Map.of("caseId", "C-2", "documentId", "D-99");
            }
            log.append(new AuditEntry(actor, null, "x", target, AuditOutcome.GRANTED, "r" + i, details));
        }
        AuditSearch search = new AuditSearch(log);

        List<Long> seqs = new ArrayList<>();
        AuditQuery query = new AuditQuery("C-1", null, null, null, null, null, 0, 10);
        AuditSearch.Page page;
        do {
            page = search.search(query);
            page.events().forEach(e -> seqs.add(e.seq()));
            query = page.nextCursor() == null ? null : query.after(page.nextCursor());
        } while (query != null);
        assertEquals(29, seqs.size(), seqs::toString);
        assertTrue(!seqs.contains(7L));

        assertEquals(List.of(7L), seqsOf(search.search(new AuditQuery(null, "D-99", null, null, null, null, 0, 100))));
        assertEquals(List.of(7L), seqsOf(search.search(new AuditQuery(null, null, "S-住建局", null, null, null, 0, 100))));
        assertEquals(List.of(7L), seqsOf(search.search(new AuditQuery("C-2", null, null, null, null, null, 0, 100))));
        AuditSearch.Page clerk = search.search(new AuditQuery(null, null, null, "clerk", null, null, 0, 100));
        assertEquals(15, clerk.events().size());
        assertNull(clerk.nextCursor());
        // Event i has time 08:00 + (i-1) min (one clock reading per append).
        AuditSearch.Page window = search.search(new AuditQuery(null, null, null, null,
                Instant.parse("2026-11-25T08:04:00Z"), Instant.parse("2026-11-25T08:07:00Z"), 0, 100));
        assertEquals(List.of(5L, 6L, 7L), seqsOf(window));
    }

    @Test
    void csvIsEscapedAndStartsWithBom() {
        AuditLog log = new AuditLog(TestStores.fileSystem(dir), Clock.systemUTC(),
                KeyPairCheckpointSigner.ephemeralEd25519());
        log.append(new AuditEntry("clerk", "WINDOW_CLERK", "case.note", AuditTarget.of("case", "C,1"),
                AuditOutcome.GRANTED, "r1", Map.of("text", "他说\"好\"\n第二行")));
        log.append(new AuditEntry("=cmd", null, "x", null, AuditOutcome.DENIED, null, Map.of()));
        StringWriter out = new StringWriter();
        AuditCsv csv = new AuditCsv(out);
        new AuditSearch(log).forEach(AuditQuery.all(1), csv::write);
        csv.flush();
        String text = out.toString();
        assertTrue(text.startsWith("\uFEFFseq,time,actor,role,action,targetType,targetId,outcome,requestId,details,"
                + "prevHash,hash\r\n"));
        String[] lines = text.substring(1).split("\r\n");
        assertEquals(3, lines.length);
        assertTrue(lines[1].contains(",clerk,WINDOW_CLERK,case.note,case,\"C,1\",granted,r1,"
                + "\"{\"\"text\"\":\"\"他说\\\"\"好\\\"\"\\n第二行\"\"}\","), lines[1]);
        assertTrue(lines[2].contains(",'=cmd,,x,,,denied,,,"), lines[2]);
    }

    private static List<Long> seqsOf(AuditSearch.Page page) {
        return page.events().stream().map(AuditEvent::seq).toList();
    }
}
