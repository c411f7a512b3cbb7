package org.onewindow.service.supervision;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.onewindow.service.audit.AuditLog;
import org.onewindow.service.audit.HmacCheckpointSigner;
import org.onewindow.service.calendar.WorkingCalendar;
import org.onewindow.service.cases.CaseRecord;
import org.onewindow.service.cases.CaseService;
import org.onewindow.service.cases.CaseService.Actor;
import org.onewindow.service.catalog.ItemCatalog;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.identity.Role;
import org.onewindow.service.testsupport.MutableClock;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.fs.FileSystemObjectStore;

/**
 * Cases driven through the real {@link CaseService} on a filesystem store with a hand-moved clock (built-in 2026
 * calendar; no holidays in Nov/Dec 2026). Each step happens at 09:00 Beijing time on the day given.
 */
final class CaseScenario implements AutoCloseable {
    static final String BUILDING = "620982-XK-0014"; // 投资项目审批服务 / 住建局(人防办), 7 working days
    static final String BUILDING_DEPT = "住建局(人防办)";
    static final String BUILDING_WINDOW = "投资项目审批服务";
    static final String FOOD = "620982-XK-0001"; // 市场监管服务 / 食药监局, 10 working days
    static final String FOOD_DEPT = "食药监局";
    static final String FOOD_WINDOW = "市场监管服务";
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    final MutableClock clock;
    final ObjectStore store;
    final AuditLog audit;
    final CaseService cases;
    final Actor c1 = actor("c1", null, Role.WINDOW_CLERK);
    final Actor c2 = actor("c2", null, Role.WINDOW_CLERK);
    final Actor b1 = actor("b1", BUILDING_DEPT, Role.DEPARTMENT_APPROVER);
    final Actor f1 = actor("f1", FOOD_DEPT, Role.DEPARTMENT_APPROVER);
    final Actor z = actor("z", null, Role.CENTER_APPROVER);

    CaseScenario(Path dir) {
        this(new FileSystemObjectStore(dir.resolve("data")));
    }

    CaseScenario(ObjectStore store) {
        this(store, Instant.parse("2026-11-25T01:00:00Z"));
    }

    /** A scenario whose clock starts at {@code start} (e.g. now, for certificates checked at the real time). */
    CaseScenario(ObjectStore store, Instant start) {
        this.clock = new MutableClock(start);
        this.store = store;
        ItemCatalog catalog = new ItemCatalog(store);
        catalog.seedIfFirstStart(clock.instant());
        audit = new AuditLog(store, clock, new HmacCheckpointSigner("scenario-checkpoint-key-0123456789abcdef"
                .getBytes(StandardCharsets.UTF_8)));
        cases = new CaseService(store, catalog, WorkingCalendar.builtIn(), audit, clock);
    }

    static Actor actor(String id, String department, Role... roles) {
        return new Actor(new Principal(id, id, Set.of(roles), department, "test"), "req-" + id);
    }

    /** Moves the clock to 09:00 Beijing on {@code day} (never backwards). */
    void on(String day) {
        Instant target = LocalDate.parse(day).atTime(9, 0).atZone(BEIJING).toInstant();
        Duration step = Duration.between(clock.instant(), target);
        if (step.isNegative()) {
            throw new IllegalStateException("the scenario goes back in time to " + day);
        }
        clock.advance(step);
    }

    String open(String item) {
        List<CaseService.MaterialRef> all = List.of("M01", "M02", "M03", "M04", "S01", "S02").stream()
                .map(code -> new CaseService.MaterialRef(code, "sha256:" + code)).toList();
        return cases.create(c1, new CaseService.CreateRequest(item, new CaseRecord.Applicant("敦煌飞天建设有限公司",
                "91620982MA00000001", "0937-8800000"), all)).id();
    }

    void accept(Actor clerk, String id) {
        cases.accept(clerk, id, null);
    }

    void toDepartment(String id, Actor approver) {
        cases.handover(c1, id, null);
        cases.review(approver, id, null);
    }

    void returnOnce(Actor approver, String id, String justification) {
        cases.returnForSupplement(approver, id, new CaseService.ReturnRequest(List.of("材料不清晰"),
                List.of(new CaseRecord.SupplementItem("S01", "重新提供清晰复印件")), justification));
    }

    /** The applicant supplies what was asked, the window hands it over again and the department takes it up. */
    void supplied(String id, Actor approver) {
        cases.markMaterialPresent(c1, id, "S01", "sha256:S01-again");
        toDepartment(id, approver);
    }

    void decide(Actor approver, String id, CaseRecord.Decision.Outcome outcome) {
        cases.decide(approver, id, new CaseService.DecideRequest(outcome, outcome == CaseRecord.Decision.Outcome.DENIED
                ? "不符合条件" : "符合条件", null, null, null, null, null));
    }

    void complete(String id) {
        cases.complete(z, id, null);
    }

    /**
     * The reference scenario (expected figures are computed by hand in the tests):
     * <pre>
     * A building c1 accepts 11-25, b1 approves 11-27, completed 11-30            → 3 working days
     * B building c1 accepts 11-25, returned 11-26, back 12-02 (4 paused days),
     *            b1 approves 12-04, completed 12-07                               → 8 - 4 = 4
     * C building c2 accepts 11-25, returned 11-26, back 11-27 (1), returned again
     *            11-30, back 12-01 (1), b1 approves 12-15, completed 12-16        → 15 - 2 = 13 (> 7: late)
     * D food     c1 accepts 11-25, in review since, deadline 12-09               → open and overdue on 12-16
     * E food     c2 refuses 11-25
     * F food     c2 accepts 11-25, f1 denies 11-26, completed 11-26               → 1
     * G building c1 accepts 12-16 (deadline 12-25)
     * H building opened 11-25, never accepted                                     → not counted
     * </pre>
     */
    Ids reference() {
        on("2026-11-25");
        String a = open(BUILDING);
        String b = open(BUILDING);
        String c = open(BUILDING);
        String d = open(FOOD);
        String e = open(FOOD);
        String f = open(FOOD);
        String h = open(BUILDING);
        accept(c1, a);
        accept(c1, b);
        accept(c2, c);
        accept(c1, d);
        accept(c2, f);
        cases.refuse(c2, e, new CaseService.RefuseRequest("不属于本中心受理范围", null, null));
        toDepartment(a, b1);
        toDepartment(b, b1);
        toDepartment(c, b1);
        toDepartment(d, f1);
        toDepartment(f, f1);

        on("2026-11-26");
        returnOnce(b1, b, null);
        returnOnce(b1, c, null);
        decide(f1, f, CaseRecord.Decision.Outcome.DENIED);
        complete(f);

        on("2026-11-27");
        decide(b1, a, CaseRecord.Decision.Outcome.APPROVED);
        supplied(c, b1);

        on("2026-11-30");
        complete(a);
        returnOnce(b1, c, "申请人补正后发现新的问题");

        on("2026-12-01");
        supplied(c, b1);

        on("2026-12-02");
        supplied(b, b1);

        on("2026-12-04");
        decide(b1, b, CaseRecord.Decision.Outcome.APPROVED);

        on("2026-12-07");
        complete(b);

        on("2026-12-15");
        decide(b1, c, CaseRecord.Decision.Outcome.APPROVED);

        on("2026-12-16");
        complete(c);
        String g = open(BUILDING);
        accept(c1, g);
        return new Ids(a, b, c, d, e, f, g, h);
    }

    record Ids(String a, String b, String c, String d, String e, String f, String g, String h) {
    }

    @Override
    public void close() {
        store.close();
    }
}
