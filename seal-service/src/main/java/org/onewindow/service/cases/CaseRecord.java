package org.onewindow.service.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A case (办件) as stored at {@code cases/{id}.json}. Immutable; {@link #draft()} makes a changed copy.
 *
 * @param id                  e.g. {@code DH20261125000123}
 * @param itemCode            the catalogued item
 * @param itemName            its name when the case was opened
 * @param window              the accepting window
 * @param department          the deciding department
 * @param promisedWorkingDays 承诺时限 of the item when the case was opened (0 = 即办件)
 * @param applicant           who applies
 * @param state               where it stands
 * @param createdAt           when it was opened
 * @param createdBy           who opened it
 * @param acceptedOn          the working day of acceptance (center's time zone), or null
 * @param materialsPresent    material code → reference of the stored scan (from intake)
 * @param gaps                副件 missing at 容缺受理 and not yet supplied
 * @param supplementDeadline  by when the gaps must be supplied, or null
 * @param pendingSupplements  materials requested by the last return and not yet supplied
 * @param pausedSince         the day the clock stopped (returned for supplement), or null
 * @param pausedWorkingDays   working days the clock stood still so far (extends the deadline)
 * @param refusalReason       why it was not accepted, or null
 * @param returns             every return (退回补正)
 * @param decision            the department's decision, or null
 * @param history             every transition
 * @param documents           the documents made or sealed at transitions (受理通知书, 材料交接单, 决定书 …), in order
 */
public record CaseRecord(String id, String itemCode, String itemName, String window, String department,
                         int promisedWorkingDays, Applicant applicant, CaseState state, Instant createdAt,
                         String createdBy, LocalDate acceptedOn, Map<String, String> materialsPresent,
                         List<String> gaps, LocalDate supplementDeadline, List<String> pendingSupplements,
                         LocalDate pausedSince, int pausedWorkingDays, String refusalReason,
                         List<ReturnEntry> returns, Decision decision, List<Transition> history,
                         List<CaseDocument> documents) {
    public CaseRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        materialsPresent = materialsPresent == null ? Map.of() : Map.copyOf(materialsPresent);
        gaps = gaps == null ? List.of() : List.copyOf(gaps);
        pendingSupplements = pendingSupplements == null ? List.of() : List.copyOf(pendingSupplements);
        returns = returns == null ? List.of() : List.copyOf(returns);
        history = history == null ? List.of() : List.copyOf(history);
        documents = documents == null ? List.of() : List.copyOf(documents);
    }

    /** A case without documents (records stored before documents were made at transitions read the same way). */
    public CaseRecord(String id, String itemCode, String itemName, String window, String department,
                      int promisedWorkingDays, Applicant applicant, CaseState state, Instant createdAt,
                      String createdBy, LocalDate acceptedOn, Map<String, String> materialsPresent,
                      List<String> gaps, LocalDate supplementDeadline, List<String> pendingSupplements,
                      LocalDate pausedSince, int pausedWorkingDays, String refusalReason,
                      List<ReturnEntry> returns, Decision decision, List<Transition> history) {
        this(id, itemCode, itemName, window, department, promisedWorkingDays, applicant, state, createdAt, createdBy,
                acceptedOn, materialsPresent, gaps, supplementDeadline, pendingSupplements, pausedSince,
                pausedWorkingDays, refusalReason, returns, decision, history, List.of());
    }

    /** The latest entry for a document of this type, if any. */
    public java.util.Optional<CaseDocument> latestDocument(CaseDocument.Type type) {
        for (int i = documents.size() - 1; i >= 0; i--) {
            if (documents.get(i).type() == type) {
                return java.util.Optional.of(documents.get(i));
            }
        }
        return java.util.Optional.empty();
    }

    /** How many distinct documents of this type the case has. */
    public long documentCount(CaseDocument.Type type) {
        return documents.stream().filter(d -> d.type() == type).map(CaseDocument::documentId).distinct().count();
    }

    /** The applicant. */
    public record Applicant(String name, String idNumber, String phone) {
    }

    /**
     * One return to the applicant (退回补正).
     *
     * @param justification required from the second return on (recorded; counted against the department)
     * @param counted       whether this return counts against the department
     */
    public record ReturnEntry(Instant at, String by, List<String> reasons, List<SupplementItem> supplements,
                              String justification, boolean counted) {
    }

    /** One thing the applicant must supply: a catalogued material code or a free description. */
    public record SupplementItem(String materialCode, String description) {
    }

    /** The department's decision. */
    public record Decision(Outcome outcome, String reason, Instant at, String by) {
        /** 准予 / 不予. */
        public enum Outcome {
            APPROVED, DENIED
        }
    }

    /** One transition of the state machine. */
    public record Transition(Instant at, String actor, String action, CaseState from, CaseState to, String note) {
    }

    /** Returns counted against the department (second and later returns). */
    public long countedReturns() {
        return returns.stream().filter(ReturnEntry::counted).count();
    }

    public Draft draft() {
        return new Draft(this);
    }

    /** A mutable copy for building the next version of a case. */
    public static final class Draft {
        public CaseState state;
        public LocalDate acceptedOn;
        public Map<String, String> materialsPresent;
        public List<String> gaps;
        public LocalDate supplementDeadline;
        public List<String> pendingSupplements;
        public LocalDate pausedSince;
        public int pausedWorkingDays;
        public String refusalReason;
        public List<ReturnEntry> returns;
        public Decision decision;
        public List<Transition> history;
        public List<CaseDocument> documents;
        private final CaseRecord base;

        private Draft(CaseRecord base) {
            this.base = base;
            state = base.state;
            acceptedOn = base.acceptedOn;
            materialsPresent = new LinkedHashMap<>(base.materialsPresent);
            gaps = new ArrayList<>(base.gaps);
            supplementDeadline = base.supplementDeadline;
            pendingSupplements = new ArrayList<>(base.pendingSupplements);
            pausedSince = base.pausedSince;
            pausedWorkingDays = base.pausedWorkingDays;
            refusalReason = base.refusalReason;
            returns = new ArrayList<>(base.returns);
            decision = base.decision;
            history = new ArrayList<>(base.history);
            documents = new ArrayList<>(base.documents);
        }

        public CaseRecord build() {
            return new CaseRecord(base.id, base.itemCode, base.itemName, base.window, base.department,
                    base.promisedWorkingDays, base.applicant, state, base.createdAt, base.createdBy, acceptedOn,
                    materialsPresent, gaps, supplementDeadline, pendingSupplements, pausedSince, pausedWorkingDays,
                    refusalReason, returns, decision, history, documents);
        }
    }
}
