package org.onewindow.service.cases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.onewindow.service.audit.AuditEntry;
import org.onewindow.service.audit.AuditLog;
import org.onewindow.service.audit.AuditOutcome;
import org.onewindow.service.audit.AuditTarget;
import org.onewindow.service.calendar.WorkingCalendar;
import org.onewindow.service.cases.CaseRecord.Decision;
import org.onewindow.service.cases.CaseRecord.ReturnEntry;
import org.onewindow.service.cases.CaseRecord.SupplementItem;
import org.onewindow.service.cases.CaseRecord.Transition;
import org.onewindow.service.catalog.Item;
import org.onewindow.service.catalog.ItemCatalog;
import org.onewindow.service.catalog.Material;
import org.onewindow.service.errors.ConflictException;
import org.onewindow.service.errors.ForbiddenException;
import org.onewindow.service.errors.NotFoundException;
import org.onewindow.service.errors.OnewindowException;
import org.onewindow.service.errors.UnprocessableException;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.identity.Role;
import org.onewindow.service.identity.Versioned;
import org.onewindow.service.intake.ChecklistReport;
import org.onewindow.service.intake.MaterialChecklist;
import org.onewindow.service.intake.MaterialRequirement;
import org.onewindow.storage.ListPage;
import org.onewindow.storage.ObjectInfo;
import org.onewindow.storage.ObjectNotFoundException;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PreconditionFailedException;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.WriteCondition;

/**
 * The case flow: opening cases, the state machine (受理 … 归档), materials, deadlines in working days.
 *
 * <p>Every change is a conditional write on {@code cases/{id}.json} at the version read, so of two concurrent
 * actions on one case exactly one succeeds; the other gets a {@link ConflictException}. Every transition attempt,
 * allowed or refused, is an audit event {@code case.<action>}.
 */
public final class CaseService {
    public static final String PREFIX = "cases/";
    public static final String COUNTER_PREFIX = "counters/cases/";
    /** Working days the applicant gets to supply missing 副件 after 容缺受理, unless the clerk sets another. */
    public static final int DEFAULT_SUPPLEMENT_WORKING_DAYS = 5;
    private static final DateTimeFormatter ID_DATE = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final String JSON = "application/json";
    private static final int MAX_COUNTER_ATTEMPTS = 50;
    private static final java.util.regex.Pattern RECORD_KEY = java.util.regex.Pattern.compile("cases/DH[0-9]{14}\\.json");

    private final ObjectStore store;
    private final ItemCatalog catalog;
    private final WorkingCalendar calendar;
    private final AuditLog audit;
    private final Clock clock;
    private final CaseDocuments documents;
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * The case flow without documents: transitions change the record only. For tools that read cases (CLI) and
     * tests of the state machine alone; the service wires {@link #CaseService(ObjectStore, ItemCatalog,
     * WorkingCalendar, AuditLog, Clock, CaseDocuments)}.
     */
    public CaseService(ObjectStore store, ItemCatalog catalog, WorkingCalendar calendar, AuditLog audit, Clock clock) {
        this(store, catalog, calendar, audit, clock, null);
    }

    /**
     * @param documents makes and seals the documents of the transitions (受理通知书 … 决定书) and issues through the
     *                  gate; {@code null}: none
     */
    public CaseService(ObjectStore store, ItemCatalog catalog, WorkingCalendar calendar, AuditLog audit, Clock clock,
                       CaseDocuments documents) {
        this.store = store;
        this.catalog = catalog;
        this.calendar = calendar;
        this.audit = audit;
        this.clock = clock;
        this.documents = documents;
    }

    /**
     * Who acts, in which request (for the audit log) and, optionally, at which version of the case they read
     * ({@code If-Match}): a transition on a case changed since then is refused with 409.
     */
    public record Actor(Principal principal, String requestId, String ifMatch) {
        public Actor(Principal principal, String requestId) {
            this(principal, requestId, null);
        }
    }

    // ---------------------------------------------------------------- requests

    /** A material handed in with the application. */
    public record MaterialRef(String code, String documentRef) {
    }

    public record CreateRequest(String itemCode, CaseRecord.Applicant applicant, List<MaterialRef> materials) {
    }

    /** @param supplementWorkingDays working days to supply missing 副件 (容缺受理); default 5 */
    public record AcceptRequest(Integer supplementWorkingDays, String note) {
    }

    /**
     * @param reason        why (printed on the 不予受理通知书)
     * @param legalBasis    the provisions relied on; default 《行政许可法》第三十二条第一款
     * @param redirectOrgan where the applicant should apply instead, or null
     */
    public record RefuseRequest(String reason, String legalBasis, String redirectOrgan) {
    }

    public record HandoverRequest(String note) {
    }

    public record ReturnRequest(List<String> reasons, List<SupplementItem> supplements, String justification) {
    }

    /**
     * @param outcome       准予 / 不予
     * @param reason        required for 不予 (printed as the reasons); for 准予 added to the permit content
     * @param content       许可内容 printed on a 准予 decision (default: 准予“item”。)
     * @param licenseNumber 许可证件编号, or null
     * @param validFrom     validity start (yyyy-MM-dd), or null
     * @param validUntil    validity end (yyyy-MM-dd), or null
     * @param conditions    附加条件或说明, or null
     */
    public record DecideRequest(Decision.Outcome outcome, String reason, String content, String licenseNumber,
                                String validFrom, String validUntil, String conditions) {
    }

    /**
     * @param supplementWorkingDays working days the applicant gets to supplement (default 5), printed as the deadline
     * @param contact               the window's phone number printed on the notice, or null
     */
    public record NotifyRequest(Integer supplementWorkingDays, String contact) {
    }

    public record NoteRequest(String note) {
    }

    /**
     * A case's deadline as of a day.
     *
     * @param deadline         the promised deadline (extended by the paused days), or null before acceptance
     * @param clockPaused      waiting for the applicant's supplement
     * @param workingDaysLeft  working days from today to the deadline (negative when overdue), or null when not running
     * @param overdue          why the case is overdue: {@code PROMISED_DEADLINE}, {@code SUPPLEMENT_DEADLINE}
     */
    public record DeadlineStatus(LocalDate deadline, boolean clockPaused, Integer workingDaysLeft,
                                 List<String> overdue) {
    }

    /** A page of search results. */
    public record Page(int total, int page, int size, List<CaseRecord> cases) {
    }

    /** Search criteria; null members do not filter. */
    public record Criteria(String applicant, String itemCode, CaseState state, String window, String department,
                           LocalDate from, LocalDate to) {
    }

    // ---------------------------------------------------------------- reading

    public static String key(String caseId) {
        return PREFIX + caseId + ".json";
    }

    public Optional<Versioned<CaseRecord>> find(String caseId) {
        if (caseId == null || !caseId.matches("DH[0-9]{14}")) {
            return Optional.empty();
        }
        try (var object = store.get(key(caseId))) {
            return Optional.of(new Versioned<>(read(object.content().readAllBytes(), key(caseId)),
                    object.info().version()));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws NotFoundException when there is no such case */
    public Versioned<CaseRecord> get(String caseId) {
        return find(caseId).orElseThrow(() -> new NotFoundException("no case with id '" + caseId + "'"));
    }

    /** Every case (newest first). Reads all records: the store is the index until a search cache exists. */
    public List<CaseRecord> all() {
        List<CaseRecord> out = new ArrayList<>();
        String after = null;
        do {
            ListPage page = store.list(PREFIX, after, 1000);
            for (ObjectInfo info : page.objects()) {
                if (!RECORD_KEY.matcher(info.key()).matches()) {
                    continue; // the intake module keeps a case's materials under cases/{id}/materials/
                }
                try {
                    out.add(read(store.readAllBytes(info.key()), info.key()));
                } catch (ObjectNotFoundException e) {
                    // deleted while listing
                }
            }
            after = page.hasMore() ? page.nextStartAfter() : null;
        } while (after != null);
        out.sort(Comparator.comparing(CaseRecord::id).reversed());
        return out;
    }

    /** Cases matching {@code criteria}, newest first, {@code size} per page from page 1. */
    public Page search(Criteria criteria, int page, int size) {
        if (page < 1 || size < 1 || size > 200) {
            throw new UnprocessableException("page must be ≥ 1 and size from 1 to 200");
        }
        Predicate<CaseRecord> match = c -> true;
        if (criteria.applicant() != null) {
            String a = criteria.applicant();
            match = match.and(c -> c.applicant() != null && ((c.applicant().name() != null
                    && c.applicant().name().contains(a)) || a.equals(c.applicant().idNumber())));
        }
        if (criteria.itemCode() != null) {
            match = match.and(c -> criteria.itemCode().equals(c.itemCode()));
        }
        if (criteria.state() != null) {
            match = match.and(c -> c.state() == criteria.state());
        }
        if (criteria.window() != null) {
            match = match.and(c -> criteria.window().equals(c.window()));
        }
        if (criteria.department() != null) {
            match = match.and(c -> criteria.department().equals(c.department()));
        }
        if (criteria.from() != null) {
            match = match.and(c -> !openedOn(c).isBefore(criteria.from()));
        }
        if (criteria.to() != null) {
            match = match.and(c -> !openedOn(c).isAfter(criteria.to()));
        }
        List<CaseRecord> found = all().stream().filter(match).toList();
        int fromIndex = Math.min(found.size(), (page - 1) * size);
        return new Page(found.size(), page, size, found.subList(fromIndex, Math.min(found.size(), fromIndex + size)));
    }

    private LocalDate openedOn(CaseRecord c) {
        return c.createdAt().atZone(calendar.zone()).toLocalDate();
    }

    /** The deadline of {@code c} as of today. */
    public DeadlineStatus deadline(CaseRecord c) {
        return deadline(c, calendar.today(clock));
    }

    /** The deadline of {@code c} as of {@code today}. */
    public DeadlineStatus deadline(CaseRecord c, LocalDate today) {
        if (c.acceptedOn() == null) {
            return new DeadlineStatus(null, false, null, List.of());
        }
        boolean paused = c.pausedSince() != null;
        int pausedDays = c.pausedWorkingDays()
                + (paused ? Math.max(0, calendar.workingDaysBetween(c.pausedSince(), today)) : 0);
        LocalDate deadline = calendar.addWorkingDays(c.acceptedOn(), c.promisedWorkingDays() + pausedDays);
        boolean running = c.state().clockRunning();
        List<String> overdue = new ArrayList<>();
        if (running && today.isAfter(deadline)) {
            overdue.add("PROMISED_DEADLINE");
        }
        if (!c.gaps().isEmpty() && c.supplementDeadline() != null && today.isAfter(c.supplementDeadline())
                && (running || c.state() == CaseState.RETURNED)) {
            overdue.add("SUPPLEMENT_DEADLINE");
        }
        return new DeadlineStatus(deadline, paused, running ? calendar.workingDaysBetween(today, deadline) : null,
                overdue);
    }

    /** Cases past their promised deadline or (容缺) supplement deadline. */
    public List<CaseRecord> overdue() {
        LocalDate today = calendar.today(clock);
        return all().stream().filter(c -> !deadline(c, today).overdue().isEmpty()).toList();
    }

    /** Running cases, not overdue, whose deadline is at most {@code workingDays} working days away. */
    public List<CaseRecord> dueSoon(int workingDays) {
        LocalDate today = calendar.today(clock);
        return all().stream().filter(c -> {
            DeadlineStatus d = deadline(c, today);
            return d.workingDaysLeft() != null && d.overdue().isEmpty() && d.workingDaysLeft() <= workingDays;
        }).toList();
    }

    // ---------------------------------------------------------------- opening a case

    /** Opens a case (申报) for a catalogued item. */
    public CaseRecord create(Actor actor, CreateRequest request) {
        try {
            requireRole(actor, Role.WINDOW_CLERK, "open a case");
        } catch (ForbiddenException e) {
            audit(actor, "case.create", null, AuditOutcome.DENIED, Map.of("reason", e.getMessage()));
            throw e;
        }
        Item item;
        Map<String, String> present = new LinkedHashMap<>();
        try {
            if (request == null) {
                throw new UnprocessableException("the request is empty");
            }
            item = catalog.require(request.itemCode());
            CaseRecord.Applicant applicant = request.applicant();
            if (applicant == null || applicant.name() == null || applicant.name().isBlank()) {
                throw new UnprocessableException("applicant.name is missing");
            }
            for (MaterialRef m : request.materials() == null ? List.<MaterialRef>of() : request.materials()) {
                checkMaterial(item, m == null ? null : m.code());
                present.put(m.code(), m.documentRef() == null ? "" : m.documentRef());
            }
        } catch (UnprocessableException e) {
            audit(actor, "case.create", null, AuditOutcome.FAILED, Map.of("reason", e.getMessage()));
            throw e;
        }
        Instant now = clock.instant();
        String id = nextId(now);
        CaseRecord record = new CaseRecord(id, item.code(), item.name(), item.window(), item.department(),
                item.promisedWorkingDays(), request.applicant(), CaseState.SUBMITTED, now,
                actor.principal().userId(), null, present, List.of(), null, List.of(), null, 0, null, List.of(), null,
                List.of(new Transition(now, actor.principal().userId(), "create", null, CaseState.SUBMITTED, null)));
        try {
            store.put(key(id), write(record), PutOptions.of(JSON).withCondition(WriteCondition.ifAbsent()));
        } catch (PreconditionFailedException e) {
            throw new ConflictException("case id " + id + " is taken; try again");
        }
        audit(actor, "case.create", id, AuditOutcome.GRANTED, Map.of("itemCode", item.code(), "to",
                CaseState.SUBMITTED.name()));
        return record;
    }

    /** {@code DH} + date + 6-digit sequence of the day, counted with conditional writes. */
    private String nextId(Instant now) {
        String day = ID_DATE.format(now.atZone(calendar.zone()));
        String counterKey = COUNTER_PREFIX + day + ".json";
        for (int attempt = 0; attempt < MAX_COUNTER_ATTEMPTS; attempt++) {
            try {
                Optional<ObjectInfo> head = store.head(counterKey);
                if (head.isEmpty()) {
                    store.put(counterKey, write(Map.of("last", 1)), PutOptions.of(JSON)
                            .withCondition(WriteCondition.ifAbsent()));
                    return "DH" + day + String.format(Locale.ROOT, "%06d", 1);
                }
                long last;
                String version;
                try (var object = store.get(counterKey)) {
                    last = mapper.readTree(object.content().readAllBytes()).path("last").asLong();
                    version = object.info().version();
                }
                long next = last + 1;
                if (next > 999_999) {
                    throw new ConflictException("more than 999999 cases on " + day);
                }
                store.put(counterKey, write(Map.of("last", next)), PutOptions.of(JSON)
                        .withCondition(WriteCondition.ifVersionMatches(version)));
                return "DH" + day + String.format(Locale.ROOT, "%06d", next);
            } catch (PreconditionFailedException | ObjectNotFoundException e) {
                // another clerk took a number at the same moment: read again
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new ConflictException("could not allocate a case number; try again");
    }

    // ---------------------------------------------------------------- materials

    /**
     * Records that a material is present (the intake module calls this once its scan is stored). Clears it from the
     * 容缺 gaps and from the supplements a return asked for; a 容缺 case whose gaps are all supplied becomes
     * ACCEPTED. Retries on concurrent changes.
     */
    public CaseRecord markMaterialPresent(Actor actor, String caseId, String materialCode, String documentRef) {
        for (int attempt = 0; ; attempt++) {
            Versioned<CaseRecord> current = get(caseId);
            CaseRecord c = current.value();
            if (!(c.state() == CaseState.SUBMITTED || c.state() == CaseState.RETURNED || c.state().clockRunning())) {
                audit(actor, "case.material", caseId, AuditOutcome.DENIED, Map.of("materialCode",
                        String.valueOf(materialCode), "currentState", c.state().name()));
                throw new ConflictException("case " + caseId + " is " + c.state() + " (" + c.state().chineseName()
                        + "): materials can no longer be added");
            }
            try {
                checkMaterial(catalog.require(c.itemCode()), materialCode);
            } catch (UnprocessableException e) {
                audit(actor, "case.material", caseId, AuditOutcome.FAILED, Map.of("reason", e.getMessage()));
                throw e;
            }
            CaseRecord.Draft d = c.draft();
            d.materialsPresent.put(materialCode, documentRef == null ? "" : documentRef);
            d.gaps.remove(materialCode);
            d.pendingSupplements.remove(materialCode);
            if (c.state() == CaseState.ACCEPTED_WITH_GAPS && d.gaps.isEmpty()) {
                d.state = CaseState.ACCEPTED;
                d.supplementDeadline = null;
            }
            d.history.add(new Transition(clock.instant(), actor.principal().userId(), "material", c.state(), d.state,
                    materialCode));
            CaseRecord next = d.build();
            try {
                store.put(key(caseId), write(next), PutOptions.of(JSON)
                        .withCondition(WriteCondition.ifVersionMatches(current.version())));
                audit(actor, "case.material", caseId, AuditOutcome.GRANTED, Map.of("materialCode", materialCode,
                        "documentRef", documentRef == null ? "" : documentRef));
                return next;
            } catch (PreconditionFailedException e) {
                if (attempt >= 4) {
                    throw new ConflictException("case " + caseId + " is being changed by others; try again");
                }
            }
        }
    }

    /**
     * Checks, changing nothing, that a material may be added to the case now: the case exists, still takes
     * materials, and its item lists the code. Intake calls this before it stores anything.
     */
    public void checkMaterialWelcome(String caseId, String materialCode) {
        CaseRecord c = get(caseId).value();
        if (!(c.state() == CaseState.SUBMITTED || c.state() == CaseState.RETURNED || c.state().clockRunning())) {
            throw new ConflictException("case " + caseId + " is " + c.state() + " (" + c.state().chineseName()
                    + "): materials can no longer be added");
        }
        checkMaterial(catalog.require(c.itemCode()), materialCode);
    }

    /**
     * The item's checklist for the case: which 主件 and 副件 are present (recorded on the case or held by intake)
     * and which are missing — what 容缺受理 and the 一次性告知书 are decided from.
     */
    public ChecklistReport checklist(CaseRecord c, Collection<String> uploadedByIntake) {
        Item item = catalog.require(c.itemCode());
        List<MaterialRequirement> requirements = item.materials().stream()
                .map(m -> new MaterialRequirement(m.code(), m.name(), m.kind() == Material.Kind.MAIN
                        ? MaterialRequirement.Kind.REQUIRED : MaterialRequirement.Kind.SUPPLEMENTARY))
                .toList();
        Set<String> present = new TreeSet<>(uploadedByIntake);
        present.addAll(c.materialsPresent().keySet());
        return MaterialChecklist.check(requirements, present);
    }

    private static void checkMaterial(Item item, String code) {
        if (code == null || item.material(code) == null) {
            throw new UnprocessableException("item " + item.code() + " has no material '" + code + "'; its materials: "
                    + item.materials().stream().map(Material::code).toList());
        }
    }

    // ---------------------------------------------------------------- transitions

    /** 受理, or 容缺受理 when all 主件 are present and some 副件 are missing. */
    public CaseRecord accept(Actor actor, String caseId, AcceptRequest request) {
        AcceptRequest r = request == null ? new AcceptRequest(null, null) : request;
        return transition(actor, caseId, CaseAction.ACCEPT, r.note(), (c, d) -> {
            Item item = catalog.require(c.itemCode());
            List<String> missingMain = item.materials().stream()
                    .filter(m -> m.kind() == Material.Kind.MAIN && !c.materialsPresent().containsKey(m.code()))
                    .map(m -> m.code() + " " + m.name()).toList();
            if (!missingMain.isEmpty()) {
                throw new UnprocessableException("主件 missing, the case cannot be accepted: " + missingMain);
            }
            List<String> missingSupplementary = item.materials().stream()
                    .filter(m -> m.kind() == Material.Kind.SUPPLEMENTARY && !c.materialsPresent().containsKey(m.code()))
                    .map(Material::code).toList();
            LocalDate today = calendar.today(clock);
            d.acceptedOn = today;
            if (missingSupplementary.isEmpty()) {
                d.state = CaseState.ACCEPTED;
            } else {
                int days = r.supplementWorkingDays() == null ? DEFAULT_SUPPLEMENT_WORKING_DAYS : r.supplementWorkingDays();
                if (days < 1 || days > 60) {
                    throw new UnprocessableException("supplementWorkingDays must be from 1 to 60");
                }
                d.state = CaseState.ACCEPTED_WITH_GAPS;
                d.gaps.addAll(missingSupplementary);
                d.supplementDeadline = calendar.addWorkingDays(today, days);
            }
        }, (w, c, d) -> documents.acceptanceNotice(w, c, d, catalog.require(c.itemCode())));
    }

    /** 不予受理, with the reason. */
    public CaseRecord refuse(Actor actor, String caseId, RefuseRequest request) {
        String reason = request == null ? null : request.reason();
        return transition(actor, caseId, CaseAction.REFUSE, reason, (c, d) -> {
            requireText(reason, "reason");
            d.state = CaseState.REFUSED;
            d.refusalReason = reason.strip();
        }, (w, c, d) -> documents.refusalNotice(w, c, d, request));
    }

    /** 转办 to the department; after a return, only once every requested supplement is in (the clock resumes). */
    public CaseRecord handover(Actor actor, String caseId, HandoverRequest request) {
        return transition(actor, caseId, CaseAction.HANDOVER, request == null ? null : request.note(), (c, d) -> {
            if (c.state() == CaseState.RETURNED) {
                if (!c.pendingSupplements().isEmpty()) {
                    throw new UnprocessableException("the supplements asked for are not all in: "
                            + c.pendingSupplements());
                }
                if (documents != null && c.documentCount(CaseDocument.Type.CORRECTION_NOTICE) < c.returns().size()) {
                    throw new UnprocessableException("the 一次性告知书 of return " + c.returns().size()
                            + " has not been issued to the applicant yet (POST /api/cases/" + c.id() + "/notify)");
                }
                LocalDate today = calendar.today(clock);
                d.pausedWorkingDays += Math.max(0, calendar.workingDaysBetween(c.pausedSince(), today));
                d.pausedSince = null;
            }
            d.state = CaseState.HANDED_OVER;
        }, (w, c, d) -> documents.handoverReceipt(w, c, d, catalog.require(c.itemCode()),
                deadline(d.build(), calendar.today(clock)).deadline(), request == null ? null : request.note()));
    }

    /** 审核: the department takes the case up. */
    public CaseRecord review(Actor actor, String caseId, NoteRequest request) {
        return transition(actor, caseId, CaseAction.REVIEW, request == null ? null : request.note(),
                (c, d) -> d.state = CaseState.IN_REVIEW, documents == null ? null : documents::receiveHandover);
    }

    /**
     * 一次性告知: after a return, the window issues the 一次性告知书 listing everything the department asked for,
     * sealed with the 受理专用章. Once per return; the case stays RETURNED and is handed over again only after it.
     */
    public CaseRecord notifyReturn(Actor actor, String caseId, NotifyRequest request) {
        NotifyRequest r = request == null ? new NotifyRequest(null, null) : request;
        return transition(actor, caseId, CaseAction.NOTIFY, null, (c, d) -> {
            if (documents == null) {
                throw new UnprocessableException("this service makes no case documents");
            }
            if (c.documentCount(CaseDocument.Type.CORRECTION_NOTICE) >= c.returns().size()) {
                throw new ConflictException("the 一次性告知书 of return " + c.returns().size() + " of case " + c.id()
                        + " was issued already: " + c.latestDocument(CaseDocument.Type.CORRECTION_NOTICE)
                        .map(CaseDocument::documentId).orElse("?"));
            }
            int days = r.supplementWorkingDays() == null ? DEFAULT_SUPPLEMENT_WORKING_DAYS : r.supplementWorkingDays();
            if (days < 1 || days > 60) {
                throw new UnprocessableException("supplementWorkingDays must be from 1 to 60");
            }
        }, (w, c, d) -> documents.correctionNotice(w, c, d, catalog.require(c.itemCode()),
                calendar.addWorkingDays(calendar.today(clock), r.supplementWorkingDays() == null
                        ? DEFAULT_SUPPLEMENT_WORKING_DAYS : r.supplementWorkingDays()), r.contact()));
    }

    /**
     * 退回补正 with the reasons and the full list of what to supplement (一次性告知). A second return needs a
     * justification and is counted against the department. The clock stops until the case is handed over again.
     */
    public CaseRecord returnForSupplement(Actor actor, String caseId, ReturnRequest request) {
        return transition(actor, caseId, CaseAction.RETURN, null, (c, d) -> {
            if (request == null || request.reasons() == null || request.reasons().isEmpty()
                    || request.reasons().stream().anyMatch(s -> s == null || s.isBlank())) {
                throw new UnprocessableException("reasons: at least one reason is needed, none blank");
            }
            if (request.supplements() == null || request.supplements().isEmpty()) {
                throw new UnprocessableException("supplements: list everything the applicant must supply (一次性告知)");
            }
            Item item = catalog.require(c.itemCode());
            List<String> codes = new ArrayList<>();
            for (SupplementItem s : request.supplements()) {
                if (s == null || ((s.materialCode() == null || s.materialCode().isBlank())
                        && (s.description() == null || s.description().isBlank()))) {
                    throw new UnprocessableException("supplements: each entry needs a materialCode or a description");
                }
                if (s.materialCode() != null && !s.materialCode().isBlank()) {
                    checkMaterial(item, s.materialCode());
                    codes.add(s.materialCode());
                }
            }
            boolean again = !c.returns().isEmpty();
            String justification = request.justification() == null ? null : request.justification().strip();
            if (again && (justification == null || justification.isEmpty())) {
                throw new UnprocessableException("case " + c.id() + " was returned before: a second return needs a"
                        + " justification (it is recorded and counted against the department)");
            }
            d.returns.add(new ReturnEntry(clock.instant(), actor.principal().userId(), request.reasons(),
                    request.supplements(), justification, again));
            d.pendingSupplements.clear();
            d.pendingSupplements.addAll(codes);
            d.pausedSince = calendar.today(clock);
            d.state = CaseState.RETURNED;
        });
    }

    /** 决定: 准予 (only when no 容缺 material is outstanding) or 不予 (with the reason). */
    public CaseRecord decide(Actor actor, String caseId, DecideRequest request) {
        return transition(actor, caseId, CaseAction.DECIDE, request == null ? null : request.reason(), (c, d) -> {
            if (request == null || request.outcome() == null) {
                throw new UnprocessableException("outcome must be APPROVED (准予) or DENIED (不予)");
            }
            if (request.outcome() == Decision.Outcome.DENIED) {
                requireText(request.reason(), "reason");
            }
            if (request.outcome() == Decision.Outcome.APPROVED && !c.gaps().isEmpty()) {
                throw new UnprocessableException("容缺 materials are still outstanding: " + c.gaps()
                        + "; the case cannot be approved before they are supplied");
            }
            for (String date : java.util.Arrays.asList(request.validFrom(), request.validUntil())) {
                if (date != null && !date.isBlank()) {
                    try {
                        LocalDate.parse(date.strip());
                    } catch (java.time.format.DateTimeParseException e) {
                        throw new UnprocessableException("validFrom/validUntil: '" + date
                                + "' is not a date (YYYY-MM-DD)");
                    }
                }
            }
            d.decision = new Decision(request.outcome(), request.reason(), clock.instant(),
                    actor.principal().userId());
            d.state = CaseState.DECIDED;
        }, (w, c, d) -> documents.decision(w, c, d, catalog.require(c.itemCode()), request));
    }

    /** 办结 by the center. */
    public CaseRecord complete(Actor actor, String caseId, NoteRequest request) {
        return transition(actor, caseId, CaseAction.COMPLETE, request == null ? null : request.note(),
                (c, d) -> d.state = CaseState.COMPLETED, documents == null ? null : documents::approval);
    }

    /** 出件 at the window. */
    public CaseRecord issue(Actor actor, String caseId, NoteRequest request) {
        return transition(actor, caseId, CaseAction.ISSUE, request == null ? null : request.note(),
                (c, d) -> d.state = CaseState.ISSUED, documents == null ? null : documents::issue);
    }

    /** 归档 of an issued or refused case. */
    public CaseRecord archive(Actor actor, String caseId, NoteRequest request) {
        return transition(actor, caseId, CaseAction.ARCHIVE, request == null ? null : request.note(),
                (c, d) -> d.state = CaseState.ARCHIVED);
    }

    @FunctionalInterface
    private interface Change {
        void apply(CaseRecord current, CaseRecord.Draft draft);
    }

    /** The documents a transition makes, after its checks passed; recorded in the draft, undone on failure. */
    @FunctionalInterface
    private interface DocumentStep {
        void make(CaseDocuments.Work work, CaseRecord current, CaseRecord.Draft draft);
    }

    private CaseRecord transition(Actor actor, String caseId, CaseAction action, String note, Change change) {
        return transition(actor, caseId, action, note, change, null);
    }

    private CaseRecord transition(Actor actor, String caseId, CaseAction action, String note, Change change,
                                  DocumentStep documentStep) {
        Versioned<CaseRecord> current = get(caseId);
        CaseRecord c = current.value();
        String auditAction = "case." + action.wireName();
        try {
            requireRole(actor, action.role(), action.wireName() + " (" + action.chineseName() + ")");
            if (action.departmentBound() && !c.department().equals(actor.principal().department())) {
                throw new ForbiddenException("case " + caseId + " belongs to " + c.department() + "; "
                        + actor.principal().userId() + " approves for "
                        + (actor.principal().department() == null ? "no department" : actor.principal().department()));
            }
        } catch (ForbiddenException e) {
            audit(actor, auditAction, caseId, AuditOutcome.DENIED, Map.of("reason", e.getMessage(),
                    "currentState", c.state().name()));
            throw e;
        }
        if (!action.allowedFrom(c.state())) {
            InvalidTransitionException e = new InvalidTransitionException(caseId, action, c.state());
            audit(actor, auditAction, caseId, AuditOutcome.DENIED, Map.of("reason", "invalid transition",
                    "currentState", c.state().name(), "allowedActions", String.join(",", e.allowedActions())));
            throw e;
        }
        if (actor.ifMatch() != null && !actor.ifMatch().equals(current.version())) {
            audit(actor, auditAction, caseId, AuditOutcome.FAILED, Map.of("reason", "stale If-Match",
                    "currentState", c.state().name()));
            throw new ConflictException("case " + caseId + " changed since version " + actor.ifMatch()
                    + " was read (now " + c.state() + "); reload it and try again");
        }
        CaseRecord.Draft d = c.draft();
        CaseDocuments.Work work = documents == null ? null : documents.begin(actor, caseId, action);
        try {
            change.apply(c, d);
            if (work != null && documentStep != null) {
                documentStep.make(work, c, d);
            }
        } catch (OnewindowException e) {
            if (work != null) {
                work.undo();
            }
            audit(actor, auditAction, caseId, AuditOutcome.FAILED, Map.of("reason", e.getMessage(),
                    "currentState", c.state().name()));
            throw e;
        } catch (RuntimeException e) {
            if (work != null) {
                work.undo();
            }
            audit(actor, auditAction, caseId, AuditOutcome.FAILED, Map.of("reason", "internal error: " + e,
                    "currentState", c.state().name()));
            throw e;
        }
        Instant now = clock.instant();
        d.history.add(new Transition(now, actor.principal().userId(), action.wireName(), c.state(), d.state,
                note == null || note.isBlank() ? null : note.strip()));
        CaseRecord next = d.build();
        try {
            store.put(key(caseId), write(next), PutOptions.of(JSON)
                    .withCondition(WriteCondition.ifVersionMatches(current.version())));
        } catch (RuntimeException e) {
            if (work != null) {
                work.undo(); // the case was not written: nothing the transition made may stay
            }
            if (!(e instanceof PreconditionFailedException)) {
                throw e;
            }
            audit(actor, auditAction, caseId, AuditOutcome.FAILED, Map.of("reason", "concurrent change",
                    "currentState", c.state().name()));
            throw new ConflictException("case " + caseId + " was changed by someone else at the same moment;"
                    + " reload it and try again");
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("from", c.state().name());
        details.put("to", next.state().name());
        for (int i = c.documents().size(); i < next.documents().size(); i++) {
            CaseDocument doc = next.documents().get(i);
            String prefix = next.documents().size() - c.documents().size() == 1 ? "document"
                    : "document" + (i - c.documents().size() + 1);
            details.put(prefix, doc.type().name() + " " + doc.documentId() + " v" + doc.version()
                    + (doc.sealId() == null ? "" : " " + doc.sealId())
                    + (doc.verificationId() == null ? "" : " " + doc.verificationId()));
        }
        if (action == CaseAction.RETURN) {
            details.put("returnNumber", Integer.toString(next.returns().size()));
            details.put("countedAgainstDepartment", Boolean.toString(next.returns().get(next.returns().size() - 1)
                    .counted()));
        }
        audit(actor, auditAction, caseId, AuditOutcome.GRANTED, details);
        return next;
    }

    private static void requireRole(Actor actor, Role role, String what) {
        if (actor == null || actor.principal() == null || !actor.principal().has(role)) {
            throw new ForbiddenException("only a " + role.name() + " (" + role.chineseName() + ") may " + what);
        }
    }

    private static void requireText(String value, String member) {
        if (value == null || value.isBlank()) {
            throw new UnprocessableException(member + " is missing");
        }
    }

    private void audit(Actor actor, String action, String caseId, AuditOutcome outcome, Map<String, String> details) {
        audit.append(AuditEntry.of(actor == null ? null : actor.principal(), action,
                caseId == null ? null : AuditTarget.of("case", caseId), outcome,
                actor == null ? null : actor.requestId(), details));
    }

    private byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CaseRecord read(byte[] bytes, String key) {
        try {
            return mapper.readValue(bytes, CaseRecord.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored case " + key + " is unreadable: " + e.getMessage(), e);
        }
    }

    public WorkingCalendar calendar() {
        return calendar;
    }

    public ItemCatalog catalog() {
        return catalog;
    }
}
