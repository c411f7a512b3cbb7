package org.onewindow.service.cases;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import org.onewindow.service.calendar.WorkingCalendar;
import org.onewindow.service.cases.CaseRecord.SupplementItem;
import org.onewindow.service.catalog.Item;
import org.onewindow.service.catalog.Material;
import org.onewindow.service.documents.DocumentRecord;
import org.onewindow.service.documents.DocumentService;
import org.onewindow.service.errors.OnewindowException;
import org.onewindow.service.errors.UnprocessableException;
import org.onewindow.service.seal.Department;
import org.onewindow.service.seal.DepartmentDirectory;
import org.onewindow.service.seal.SealSeeder;
import org.onewindow.service.sign.PadesLevel;
import org.onewindow.service.sign.SealPlacement;
import org.onewindow.service.templates.RenderInput;
import org.onewindow.templates.RenderedDocument;
import org.onewindow.templates.TemplateDataException;
import org.onewindow.templates.TemplateNotFoundException;

/**
 * The documents of the case flow, made in-process at the transitions: rendered from the center's templates, stored
 * as documents of the case and sealed by the acting user with the seal their role may apply.
 *
 * <table>
 * <caption>Documents per transition</caption>
 * <tr><th>transition</th><th>document</th><th>seal (field)</th></tr>
 * <tr><td>受理 / 容缺受理</td><td>受理通知书 (容缺: the missing 副件 and the deadline)</td><td>受理专用章 (acceptanceSeal)</td></tr>
 * <tr><td>不予受理</td><td>不予受理通知书 with the reasons</td><td>受理专用章</td></tr>
 * <tr><td>转办</td><td>材料交接单</td><td>受理专用章 (windowSeal)</td></tr>
 * <tr><td>审核</td><td>the same 材料交接单: the department signs for receipt</td><td>department seal (departmentSeal)</td></tr>
 * <tr><td>一次性告知</td><td>一次性告知书 listing every item to supplement</td><td>受理专用章</td></tr>
 * <tr><td>决定</td><td>准予 / 不予行政许可决定书</td><td>department seal (departmentSeal)</td></tr>
 * <tr><td>办结</td><td>the same 决定书, second signature in its own incremental update</td><td>审批专用章 (approvalSeal)</td></tr>
 * <tr><td>出件</td><td>the 决定书 through the issuance gate</td><td>—</td></tr>
 * </table>
 *
 * <p>Everything a transition made is undone ({@link Work#undo}) when the transition does not happen (a sealing
 * failed, another user changed the case first): new documents are discarded, added versions taken back.
 */
public final class CaseDocuments {
    /** The center's 受理专用章. */
    public static final String ACCEPTANCE_SEAL = SealSeeder.CENTER_ACCEPTANCE;
    /** The center's 审批专用章. */
    public static final String APPROVAL_SEAL = SealSeeder.CENTER_APPROVAL;
    static final String APPROVED_TEMPLATE = "permit-decision";
    static final String DENIED_TEMPLATE = "permit-denial-decision";
    /** Legal basis printed on a 不予受理通知书 when the clerk names none. */
    static final String DEFAULT_REFUSAL_BASIS = "《中华人民共和国行政许可法》第三十二条第一款";
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm", Locale.ROOT);

    private final BiFunction<String, RenderInput, RenderedDocument> renderer;
    private final DocumentService documents;
    private final DepartmentDirectory departments;
    private final WorkingCalendar calendar;
    private final Clock clock;
    private final IssuanceGate gate;

    /** The issuance gate (统一出件) as the case flow calls it; answers the public verification id. */
    @FunctionalInterface
    public interface IssuanceGate {
        /**
         * Verifies and issues the latest version of the document.
         *
         * @throws OnewindowException (422) when the gate refuses
         */
        String issue(org.onewindow.service.identity.Principal principal, String requestId, String documentId);
    }

    /**
     * @param renderer    renders a template for a case (e.g. {@code TemplateService::render})
     * @param departments the departments and their seals ({@code dept-<code>})
     */
    public CaseDocuments(BiFunction<String, RenderInput, RenderedDocument> renderer, DocumentService documents,
                         DepartmentDirectory departments, WorkingCalendar calendar, Clock clock, IssuanceGate gate) {
        this.renderer = renderer;
        this.documents = documents;
        this.departments = departments;
        this.calendar = calendar;
        this.clock = clock;
        this.gate = gate;
    }

    /** What one transition did to documents, so that it can be undone. */
    final class Work {
        private final CaseService.Actor actor;
        private final String caseId;
        private final CaseAction action;
        private final List<Runnable> undo = new ArrayList<>();

        private Work(CaseService.Actor actor, String caseId, CaseAction action) {
            this.actor = actor;
            this.caseId = caseId;
            this.action = action;
        }

        /** Discards the documents made and takes back the versions added, newest first; never throws. */
        void undo() {
            for (int i = undo.size() - 1; i >= 0; i--) {
                try {
                    undo.get(i).run();
                } catch (RuntimeException e) {
                    // best effort: the transition is refused anyway; the audit log has what was made
                }
            }
            undo.clear();
        }
    }

    Work begin(CaseService.Actor actor, String caseId, CaseAction action) {
        return new Work(actor, caseId, action);
    }

    // ------------------------------------------------------------------------------------------ per transition

    /** 受理 / 容缺受理: the 受理通知书, sealed with the 受理专用章. */
    void acceptanceNotice(Work w, CaseRecord c, CaseRecord.Draft d, Item item) {
        Map<String, String> fields = common(c);
        fields.put("docNumber", docNumber("敦煌政务受", c));
        fields.put("itemCode", c.itemCode());
        fields.put("department", department(c).fullName());
        fields.put("promisedDays", Integer.toString(c.promisedWorkingDays()));
        Map<String, List<Map<String, String>>> tables = new LinkedHashMap<>();
        tables.put("materials", materialRows(item, d.materialsPresent.keySet(), true));
        if (!d.gaps.isEmpty()) {
            fields.put("supplementDeadline", d.supplementDeadline.toString());
            tables.put("gaps", materialRows(item, d.gaps, false));
        }
        makeAndSeal(w, d, CaseDocument.Type.ACCEPTANCE_NOTICE, "acceptance-notice",
                d.gaps.isEmpty() ? "受理通知书" : "受理通知书（容缺受理）", fields, tables, ACCEPTANCE_SEAL,
                "acceptanceSeal", "受理");
    }

    /** 不予受理: the 不予受理通知书 with the reasons, sealed with the 受理专用章. */
    void refusalNotice(Work w, CaseRecord c, CaseRecord.Draft d, CaseService.RefuseRequest request) {
        Map<String, String> fields = common(c);
        fields.remove("caseNumber"); // a refused application gets no case number printed
        fields.put("docNumber", docNumber("敦煌政务不受", c));
        fields.put("reasons", request.reason().strip());
        fields.put("legalBasis", blank(request.legalBasis()) ? DEFAULT_REFUSAL_BASIS : request.legalBasis().strip());
        if (!blank(request.redirectOrgan())) {
            fields.put("redirectOrgan", request.redirectOrgan().strip());
        }
        makeAndSeal(w, d, CaseDocument.Type.REFUSAL_NOTICE, "non-acceptance-notice", "不予受理通知书", fields,
                Map.of(), ACCEPTANCE_SEAL, "acceptanceSeal", "不予受理");
    }

    /** 转办: a new 材料交接单, signed by the window with the 受理专用章 (the department signs at 审核). */
    void handoverReceipt(Work w, CaseRecord c, CaseRecord.Draft d, Item item, LocalDate promisedDate, String note) {
        Map<String, String> fields = new LinkedHashMap<>();
        long number = c.documentCount(CaseDocument.Type.HANDOVER_RECEIPT) + 1;
        fields.put("handoverNumber", "JJ-" + c.id() + "-" + number);
        fields.put("caseNumber", c.id());
        fields.put("itemName", c.itemName());
        fields.put("itemCode", c.itemCode());
        fields.put("applicantName", c.applicant().name());
        fields.put("acceptedDate", d.acceptedOn.toString());
        fields.put("promisedDate", promisedDate.toString());
        fields.put("window", c.window());
        fields.put("department", department(c).fullName());
        fields.put("handoverClerk", shortName(w.actor));
        fields.put("handoverTime", MINUTES.format(clock.instant().atZone(calendar.zone())));
        List<String> remarks = new ArrayList<>();
        if (!d.gaps.isEmpty()) {
            remarks.add("容缺受理：" + String.join("、", names(item, d.gaps)) + "于" + d.supplementDeadline + "前补交。");
        }
        if (!c.returns().isEmpty()) {
            remarks.add("第" + c.returns().size() + "次退回补正后重新移交。");
        }
        if (!blank(note)) {
            remarks.add(note.strip());
        }
        if (!remarks.isEmpty()) {
            fields.put("remarks", clip(String.join(" ", remarks), 300));
        }
        makeAndSeal(w, d, CaseDocument.Type.HANDOVER_RECEIPT, "handover-receipt", "材料交接单（第" + number + "次移交）",
                fields, Map.of("materials", materialRows(item, d.materialsPresent.keySet(), true)), ACCEPTANCE_SEAL,
                "windowSeal", "材料移交");
    }

    /** 审核: the department signs the latest 材料交接单 for receipt with its own seal. */
    void receiveHandover(Work w, CaseRecord c, CaseRecord.Draft d) {
        CaseDocument receipt = c.latestDocument(CaseDocument.Type.HANDOVER_RECEIPT).orElseThrow(() ->
                new UnprocessableException("case " + c.id() + " has no 材料交接单 to sign for receipt"));
        sealExisting(w, d, receipt, departmentSealId(c), "departmentSeal", "接收材料");
    }

    /** 一次性告知: the 一次性告知书 of the latest return, sealed by the window with the 受理专用章. */
    void correctionNotice(Work w, CaseRecord c, CaseRecord.Draft d, Item item, LocalDate deadline, String contact) {
        CaseRecord.ReturnEntry last = c.returns().get(c.returns().size() - 1);
        Map<String, String> fields = common(c);
        fields.put("docNumber", docNumber("敦煌政务补", c).replace("号", "-" + c.returns().size() + "号"));
        fields.put("returnedBy", department(c).fullName());
        fields.put("deadline", deadline.toString());
        if (!blank(contact)) {
            fields.put("contact", contact.strip());
        }
        String problem = clip(String.join("；", last.reasons().stream().map(String::strip).toList()), 200);
        List<Map<String, String>> rows = new ArrayList<>();
        for (SupplementItem s : last.supplements()) {
            Material m = blank(s.materialCode()) ? null : item.material(s.materialCode());
            String material = m != null ? m.name() : s.description().strip();
            String requirement = !blank(s.description()) ? s.description().strip()
                    : "提交符合要求的" + material + (m != null ? "（" + m.form().chineseName() + "）" : "");
            rows.add(Map.of("material", clip(material, 80), "problem", problem, "requirement", clip(requirement, 200)));
        }
        makeAndSeal(w, d, CaseDocument.Type.CORRECTION_NOTICE, "correction-notice",
                "一次性告知书（第" + c.returns().size() + "次退回）", fields, Map.of("corrections", rows), ACCEPTANCE_SEAL,
                "acceptanceSeal", "一次性告知");
    }

    /** 决定: the 准予 / 不予行政许可决定书, signed with the department's seal. */
    void decision(Work w, CaseRecord c, CaseRecord.Draft d, Item item, CaseService.DecideRequest request) {
        boolean approved = request.outcome() == CaseRecord.Decision.Outcome.APPROVED;
        Department department = department(c);
        Map<String, String> fields = common(c);
        fields.put("decisionOrgan", department.fullName());
        fields.put("docNumber", docNumber(department.shortName() + (approved ? "许准" : "许不"), c));
        fields.put("acceptedDate", c.acceptedOn().toString());
        fields.put("legalBasis", blank(item.legalBasis()) ? "有关法律、法规" : clip(item.legalBasis(), 300));
        if (approved) {
            fields.put("permitContent", !blank(request.content()) ? request.content().strip()
                    : "准予“" + c.itemName() + "”。" + (blank(request.reason()) ? "" : request.reason().strip()));
            putIfPresent(fields, "licenseNumber", request.licenseNumber());
            putIfPresent(fields, "validFrom", request.validFrom());
            putIfPresent(fields, "validUntil", request.validUntil());
            putIfPresent(fields, "conditions", request.conditions());
        } else {
            fields.put("reasons", request.reason().strip());
        }
        makeAndSeal(w, d, CaseDocument.Type.DECISION, approved ? APPROVED_TEMPLATE : DENIED_TEMPLATE,
                approved ? "准予行政许可决定书" : "不予行政许可决定书", fields, Map.of(), departmentSealId(c),
                "departmentSeal", approved ? "准予行政许可" : "不予行政许可");
    }

    /** 办结: the center's 审批专用章 on the decision, a second signature in its own incremental update. */
    void approval(Work w, CaseRecord c, CaseRecord.Draft d) {
        CaseDocument decision = c.latestDocument(CaseDocument.Type.DECISION).orElseThrow(() ->
                new UnprocessableException("case " + c.id() + " has no 决定书 to complete"));
        sealExisting(w, d, decision, APPROVAL_SEAL, "approvalSeal", "办结");
    }

    /** 出件: the decision through the issuance gate; the verification id goes on the case. */
    void issue(Work w, CaseRecord c, CaseRecord.Draft d) {
        CaseDocument decision = c.latestDocument(CaseDocument.Type.DECISION).orElseThrow(() ->
                new UnprocessableException("case " + c.id() + " has no 决定书 to issue"));
        String verificationId;
        try {
            verificationId = gate.issue(w.actor.principal(), w.actor.requestId(), decision.documentId());
        } catch (OnewindowException e) {
            throw new CaseDocumentException(w.caseId, w.action, decision.type(), null, "the issuance gate refused "
                    + "the " + decision.type().chineseName() + " " + decision.documentId() + ": " + e.getMessage(), e);
        }
        DocumentRecord record = documents.get(decision.documentId()).record();
        d.documents.add(new CaseDocument(decision.type(), decision.documentId(), decision.templateId(),
                w.action.wireName(), record.latest().n(), null, clock.instant(), w.actor.principal().userId(),
                verificationId));
    }

    // ------------------------------------------------------------------------------------------ making and sealing

    private void makeAndSeal(Work w, CaseRecord.Draft d, CaseDocument.Type type, String templateId, String title,
                             Map<String, String> fields, Map<String, List<Map<String, String>>> tables, String sealId,
                             String field, String reason) {
        RenderedDocument rendered;
        try {
            rendered = renderer.apply(templateId, new RenderInput(fields, tables,
                    OffsetDateTime.ofInstant(clock.instant(), calendar.zone())));
        } catch (TemplateDataException | TemplateNotFoundException e) {
            throw new CaseDocumentException(w.caseId, w.action, type, null, "the " + type.chineseName()
                    + " cannot be rendered from template " + templateId + ": " + e.getMessage(), e);
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("templateId", templateId);
        details.put("caseAction", w.action.wireName());
        details.put("verificationId", rendered.verificationId());
        DocumentRecord record = documents.createGenerated(w.actor.principal(), rendered.pdf(), title, w.caseId,
                w.actor.requestId(), details);
        w.undo.add(() -> documents.discard(w.actor.principal(), w.actor.requestId(), record.id(),
                "case " + w.caseId + ": " + w.action.wireName() + " did not happen"));
        DocumentRecord.Version sealed = seal(w, type, record.id(), sealId, field, reason);
        d.documents.add(new CaseDocument(type, record.id(), templateId, w.action.wireName(), sealed.n(), sealId,
                clock.instant(), w.actor.principal().userId(), null));
    }

    private void sealExisting(Work w, CaseRecord.Draft d, CaseDocument existing, String sealId, String field,
                              String reason) {
        int before = documents.get(existing.documentId()).record().versions().size();
        DocumentRecord.Version sealed = seal(w, existing.type(), existing.documentId(), sealId, field, reason);
        w.undo.add(() -> documents.revertTo(w.actor.principal(), w.actor.requestId(), existing.documentId(), before,
                sealed.n(), "case " + w.caseId + ": " + w.action.wireName() + " did not happen"));
        d.documents.add(new CaseDocument(existing.type(), existing.documentId(), existing.templateId(),
                w.action.wireName(), sealed.n(), sealId, clock.instant(), w.actor.principal().userId(), null));
    }

    private DocumentRecord.Version seal(Work w, CaseDocument.Type type, String documentId, String sealId,
                                        String field, String reason) {
        DocumentService.SealOrder order = new DocumentService.SealOrder(sealId, PadesLevel.DEFAULT,
                new SealPlacement.Field(field), reason, "敦煌市行政服务中心", Optional.empty());
        try {
            return documents.seal(w.actor.principal(), w.actor.requestId(), documentId, order, null).version();
        } catch (OnewindowException e) {
            throw new CaseDocumentException(w.caseId, w.action, type, sealId, "the " + type.chineseName() + " "
                    + documentId + " could not be sealed with " + sealId + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------------ data

    private Map<String, String> common(CaseRecord c) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("caseNumber", c.id());
        fields.put("applicantName", c.applicant().name().strip());
        fields.put("applicationDate", c.createdAt().atZone(calendar.zone()).toLocalDate().toString());
        fields.put("itemName", c.itemName());
        return fields;
    }

    /** e.g. 敦煌政务受〔2026〕1125000001号: the year and the rest of the case number, unique per case. */
    private static String docNumber(String prefix, CaseRecord c) {
        return prefix + "〔" + c.id().substring(2, 6) + "〕" + c.id().substring(6) + "号";
    }

    Department department(CaseRecord c) {
        return departments.find(c.department()).orElseThrow(() -> new UnprocessableException("department "
                + c.department() + " of case " + c.id() + " is not in the center's department list; its seal is"
                + " unknown"));
    }

    String departmentSealId(CaseRecord c) {
        return SealSeeder.DEPARTMENT_PREFIX + department(c).code();
    }

    private static List<Map<String, String>> materialRows(Item item, java.util.Collection<String> codes,
                                                          boolean inCatalogOrder) {
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> order = inCatalogOrder ? item.materials().stream().map(Material::code)
                .filter(codes::contains).toList() : List.copyOf(codes);
        for (String code : order) {
            Material m = item.material(code);
            if (m != null) {
                rows.add(Map.of("name", clip(m.name(), 80), "form", m.form().chineseName(),
                        "copies", Integer.toString(m.copies())));
            }
        }
        return rows;
    }

    private static List<String> names(Item item, List<String> codes) {
        return codes.stream().map(code -> item.material(code) == null ? code : item.material(code).name()).toList();
    }

    private static String shortName(CaseService.Actor actor) {
        String name = actor.principal().displayName();
        if (blank(name) || name.length() > 20) {
            name = actor.principal().userId();
        }
        return clip(name, 20);
    }

    private static void putIfPresent(Map<String, String> fields, String name, String value) {
        if (!blank(value)) {
            fields.put(name, value.strip());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
