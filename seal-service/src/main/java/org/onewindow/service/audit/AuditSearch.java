package org.onewindow.service.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.onewindow.storage.ListPage;
import org.onewindow.storage.ObjectInfo;
import org.onewindow.storage.ObjectNotFoundException;
import org.onewindow.storage.ObjectStore;

/**
 * Reads audit events in seq order and filters them. There is no index yet: a page scans forward from its cursor,
 * at most {@link #MAX_SCAN_PER_PAGE} events, and returns a cursor to go on from (a page may hold fewer matches than
 * the limit, even none, while more remain).
 */
public final class AuditSearch {
    public static final int MAX_SCAN_PER_PAGE = 5000;
    private final ObjectStore store;
    private final AuditLog log;

    public AuditSearch(AuditLog log) {
        this.log = log;
        this.store = log.store();
    }

    /**
     * One page of matches.
     *
     * @param events     matching events in seq order
     * @param nextCursor the {@link AuditQuery#afterSeq()} for the next page, or {@code null} at the end of the log
     */
    public record Page(List<AuditEvent> events, Long nextCursor) {
        public Page {
            events = List.copyOf(events);
        }
    }

    public Page search(AuditQuery query) {
        List<AuditEvent> matches = new ArrayList<>();
        String startAfter = query.afterSeq() == 0 ? null : AuditLog.eventKey(query.afterSeq());
        long scanned = 0;
        long lastSeq = query.afterSeq();
        while (true) {
            ListPage page = store.list(AuditLog.EVENTS_PREFIX, startAfter, 1000);
            for (ObjectInfo info : page.objects()) {
                long seq = AuditLog.seqOfKey(info.key(), AuditLog.EVENTS_PREFIX);
                if (seq <= 0) {
                    continue;
                }
                AuditEvent event = read(seq);
                lastSeq = seq;
                scanned++;
                if (event != null && query.matches(event)) {
                    matches.add(event);
                    if (matches.size() == query.limit()) {
                        return new Page(matches, seq);
                    }
                }
                if (scanned >= MAX_SCAN_PER_PAGE) {
                    return new Page(matches, seq);
                }
            }
            if (!page.hasMore()) {
                return new Page(matches, null);
            }
            startAfter = page.nextStartAfter();
        }
    }

    /** Streams every matching event (ignoring the query's limit and scan bound), in seq order. */
    public void forEach(AuditQuery query, Consumer<AuditEvent> consumer) {
        String startAfter = query.afterSeq() == 0 ? null : AuditLog.eventKey(query.afterSeq());
        while (true) {
            ListPage page = store.list(AuditLog.EVENTS_PREFIX, startAfter, 1000);
            for (ObjectInfo info : page.objects()) {
                long seq = AuditLog.seqOfKey(info.key(), AuditLog.EVENTS_PREFIX);
                AuditEvent event = seq > 0 ? read(seq) : null;
                if (event != null && query.matches(event)) {
                    consumer.accept(event);
                }
            }
            if (!page.hasMore()) {
                return;
            }
            startAfter = page.nextStartAfter();
        }
    }

    /** The event, or null when it vanished or is unreadable (verification reports those). */
    private AuditEvent read(long seq) {
        try {
            return log.read(seq).orElse(null);
        } catch (IllegalStateException | ObjectNotFoundException e) {
            return null;
        }
    }
}
