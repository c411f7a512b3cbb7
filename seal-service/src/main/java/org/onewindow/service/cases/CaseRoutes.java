package org.onewindow.service.cases;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.onewindow.service.errors.BadRequestException;
import org.onewindow.service.errors.ForbiddenException;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.identity.Role;
import org.onewindow.service.web.Access;
import org.onewindow.service.web.Principals;
import org.onewindow.service.web.QueryParams;
import org.onewindow.service.web.RequestBodies;
import org.onewindow.service.web.RequestIds;
import org.onewindow.service.web.Route;
import org.onewindow.service.web.RouteProvider;

/**
 * {@code /api/cases}: open, read, search, the transitions ({@code POST /api/cases/{id}/accept|refuse|handover|review|
 * return|decide|complete|issue|archive}), materials, overdue and due-soon lists. A case answer is the stored record
 * plus {@code deadline}, {@code clockPaused}, {@code workingDaysLeft}, {@code overdue} and {@code version}.
 */
public final class CaseRoutes implements RouteProvider {
    private final CaseService cases;
    private final RequestBodies bodies;
    private final ObjectMapper mapper;

    private final Function<String, Collection<String>> uploadedMaterials;

    public CaseRoutes(CaseService cases, RequestBodies bodies, ObjectMapper mapper) {
        this(cases, bodies, mapper, caseId -> List.of());
    }

    /**
     * @param uploadedMaterials the material codes intake holds scans of, per case id (for the checklist)
     */
    public CaseRoutes(CaseService cases, RequestBodies bodies, ObjectMapper mapper,
                      Function<String, Collection<String>> uploadedMaterials) {
        this.cases = cases;
        this.bodies = bodies;
        this.mapper = mapper;
        this.uploadedMaterials = uploadedMaterials;
    }

    @Override
    public List<Route> routes() {
        Access readers = Access.anyOf(Role.WINDOW_CLERK, Role.DEPARTMENT_APPROVER, Role.CENTER_APPROVER, Role.AUDITOR,
                Role.SYSTEM_ADMIN);
        Access clerk = Access.anyOf(Role.WINDOW_CLERK);
        Access department = Access.anyOf(Role.DEPARTMENT_APPROVER);
        Access center = Access.anyOf(Role.CENTER_APPROVER);
        return List.of(
                new Route(HandlerType.POST, "/api/cases", "Open a case (申报) for a catalogued item: {itemCode,"
                        + " applicant:{name,idNumber,phone}, materials:[{code,documentRef}]}", clerk, this::create),
                new Route(HandlerType.GET, "/api/cases", "Search cases (?applicant&itemCode&state&window&department"
                        + "&from&to&page&size), newest first", readers, this::search),
                new Route(HandlerType.GET, "/api/cases/overdue", "Cases past their promised or supplement deadline",
                        readers, ctx -> ctx.json(Map.of("cases", views(visible(ctx, cases.overdue()))))),
                new Route(HandlerType.GET, "/api/cases/due-soon", "Running cases due within ?days working days"
                        + " (default 2)", readers, this::dueSoon),
                new Route(HandlerType.GET, "/api/cases/{caseId}", "One case with its deadline", readers, this::get),
                new Route(HandlerType.GET, "/api/cases/{caseId}/checklist", "The item's material checklist for the"
                        + " case: present, missing 主件, missing 副件, whether it can be accepted (or 容缺受理)", readers,
                        this::checklist),
                new Route(HandlerType.POST, "/api/cases/{caseId}/materials/{materialCode}/present", "Record that a material"
                        + " is present ({documentRef}); supplies 容缺 gaps and requested supplements", clerk,
                        this::material),
                new Route(HandlerType.POST, "/api/cases/{caseId}/accept", "受理 (容缺受理 when 副件 are missing) with the"
                        + " 受理通知书 sealed with the 受理专用章: {supplementWorkingDays, note}", clerk, ctx -> answer(ctx, cases.accept(actor(ctx), id(ctx),
                        body(ctx, CaseService.AcceptRequest.class)))),
                new Route(HandlerType.POST, "/api/cases/{caseId}/refuse", "不予受理 with the 不予受理通知书: {reason, legalBasis,"
                        + " redirectOrgan}", clerk,
                        ctx -> answer(ctx, cases.refuse(actor(ctx), id(ctx), body(ctx, CaseService.RefuseRequest.class)))),
                new Route(HandlerType.POST, "/api/cases/{caseId}/handover", "转办 to the department with the 材料交接单 signed by the"
                        + " window: {note}", clerk,
                        ctx -> answer(ctx, cases.handover(actor(ctx), id(ctx),
                                body(ctx, CaseService.HandoverRequest.class)))),
                new Route(HandlerType.POST, "/api/cases/{caseId}/review", "审核: the case's department takes it up and signs the"
                        + " 材料交接单 for receipt",
                        department, ctx -> answer(ctx, cases.review(actor(ctx), id(ctx),
                        body(ctx, CaseService.NoteRequest.class)))),
                new Route(HandlerType.POST, "/api/cases/{caseId}/return", "退回补正: {reasons:[...], supplements:"
                        + "[{materialCode,description}], justification (from the second return on)}", department,
                        ctx -> answer(ctx, cases.returnForSupplement(actor(ctx), id(ctx),
                                body(ctx, CaseService.ReturnRequest.class)))),
                new Route(HandlerType.POST, "/api/cases/{caseId}/notify", "一次性告知: the window issues the"
                        + " 一次性告知书 of the latest return, sealed with the 受理专用章: {supplementWorkingDays, contact}",
                        clerk, ctx -> answer(ctx, cases.notifyReturn(actor(ctx), id(ctx),
                        body(ctx, CaseService.NotifyRequest.class)))),
                new Route(HandlerType.POST, "/api/cases/{caseId}/decide", "决定, with the decision document signed"
                        + " by the department: {outcome: APPROVED|DENIED, reason, content, licenseNumber, validFrom,"
                        + " validUntil, conditions}",
                        department, ctx -> answer(ctx, cases.decide(actor(ctx), id(ctx),
                        body(ctx, CaseService.DecideRequest.class)))),
                new Route(HandlerType.POST, "/api/cases/{caseId}/complete", "办结: the center adds its 审批专用章 to"
                        + " the decision", center,
                        ctx -> answer(ctx, cases.complete(actor(ctx), id(ctx), body(ctx, CaseService.NoteRequest.class)))),
                new Route(HandlerType.POST, "/api/cases/{caseId}/issue", "出件 at the window: the decision through"
                        + " the issuance gate", clerk,
                        ctx -> answer(ctx, cases.issue(actor(ctx), id(ctx), body(ctx, CaseService.NoteRequest.class)))),
                new Route(HandlerType.POST, "/api/cases/{caseId}/archive", "归档 of an issued or refused case", clerk,
                        ctx -> answer(ctx, cases.archive(actor(ctx), id(ctx), body(ctx, CaseService.NoteRequest.class)))));
    }

    private void create(Context ctx) {
        CaseRecord created = cases.create(actor(ctx), bodies.json(ctx, CaseService.CreateRequest.class));
        ctx.status(201).header("Location", "/api/cases/" + created.id()).json(view(created));
    }

    private void checklist(Context ctx) {
        CaseRecord record = readable(ctx).value();
        ctx.json(cases.checklist(record, uploadedMaterials.apply(record.id())));
    }

    /** The case, when the caller may read it (a department approver only sees its department's cases). */
    private org.onewindow.service.identity.Versioned<CaseRecord> readable(Context ctx) {
        var versioned = cases.get(id(ctx));
        String only = departmentScope(ctx);
        if (only != null && !only.equals(versioned.value().department())) {
            throw new ForbiddenException("case " + versioned.value().id() + " belongs to "
                    + versioned.value().department() + "; a department approver sees the cases of " + only);
        }
        return versioned;
    }

    private void get(Context ctx) {
        var versioned = readable(ctx);
        ObjectNode node = view(versioned.value());
        node.put("version", versioned.version());
        ctx.header("ETag", "\"" + versioned.version() + "\"").json(node);
    }

    private void search(Context ctx) {
        CaseState state = null;
        String stateParam = blankToNull(ctx.queryParam("state"));
        if (stateParam != null) {
            try {
                state = CaseState.valueOf(stateParam.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("state: unknown state '" + stateParam + "'; one of "
                        + List.of(CaseState.values()));
            }
        }
        CaseService.Criteria criteria = new CaseService.Criteria(blankToNull(ctx.queryParam("applicant")),
                blankToNull(ctx.queryParam("itemCode")), state, blankToNull(ctx.queryParam("window")),
                blankToNull(ctx.queryParam("department")), date(ctx, "from"), date(ctx, "to"));
        String only = departmentScope(ctx);
        if (only != null) {
            if (criteria.department() != null && !criteria.department().equals(only)) {
                throw new ForbiddenException("a department approver sees the cases of " + only + " only");
            }
            criteria = new CaseService.Criteria(criteria.applicant(), criteria.itemCode(), criteria.state(),
                    criteria.window(), only, criteria.from(), criteria.to());
        }
        int page = ctx.queryParamAsClass("page", Integer.class).getOrDefault(1);
        int size = ctx.queryParamAsClass("size", Integer.class).getOrDefault(20);
        CaseService.Page result = cases.search(criteria, page, size);
        ctx.json(Map.of("total", result.total(), "page", result.page(), "size", result.size(),
                "cases", views(result.cases())));
    }

    private void dueSoon(Context ctx) {
        int days = ctx.queryParamAsClass("days", Integer.class)
                .check(d -> d >= 0 && d <= 60, "must be from 0 to 60").getOrDefault(2);
        ctx.json(Map.of("days", days, "cases", views(visible(ctx, cases.dueSoon(days)))));
    }

    private void material(Context ctx) {
        MaterialBody body = body(ctx, MaterialBody.class);
        answer(ctx, cases.markMaterialPresent(actor(ctx), id(ctx), ctx.pathParam("materialCode"),
                body == null ? null : body.documentRef()));
    }

    /** Body of {@code POST .../materials/{code}}. */
    record MaterialBody(String documentRef) {
    }

    /**
     * The department a caller is limited to: a department approver without any center-wide role (clerk, center
     * approver, auditor, administrator) sees only the cases of their own department. Null: no limit.
     */
    private static String departmentScope(Context ctx) {
        Principal p = Principals.require(ctx);
        boolean centerWide = p.has(Role.WINDOW_CLERK) || p.has(Role.CENTER_APPROVER) || p.has(Role.AUDITOR)
                || p.has(Role.SYSTEM_ADMIN);
        return !centerWide && p.has(Role.DEPARTMENT_APPROVER) ? String.valueOf(p.department()) : null;
    }

    private static List<CaseRecord> visible(Context ctx, List<CaseRecord> records) {
        String only = departmentScope(ctx);
        return only == null ? records : records.stream().filter(c -> only.equals(c.department())).toList();
    }

    private void answer(Context ctx, CaseRecord record) {
        ctx.json(view(record));
    }

    private List<ObjectNode> views(List<CaseRecord> records) {
        return records.stream().map(this::view).toList();
    }

    private ObjectNode view(CaseRecord record) {
        ObjectNode node = mapper.valueToTree(record);
        CaseService.DeadlineStatus d = cases.deadline(record);
        node.put("stateName", record.state().chineseName());
        node.set("deadline", mapper.valueToTree(d.deadline()));
        node.put("clockPaused", d.clockPaused());
        node.set("workingDaysLeft", mapper.valueToTree(d.workingDaysLeft()));
        node.set("overdue", mapper.valueToTree(d.overdue()));
        node.put("countedReturns", record.countedReturns());
        node.set("allowedActions", mapper.valueToTree(CaseAction.allowedIn(record.state())));
        return node;
    }

    /** The JSON body, or null when the request has none (transitions without details). */
    private <T> T body(Context ctx, Class<T> type) {
        if (ctx.req().getContentLengthLong() == 0 || (ctx.contentType() == null && ctx.req().getContentLengthLong() < 0)) {
            return null;
        }
        return bodies.json(ctx, type);
    }

    private static CaseService.Actor actor(Context ctx) {
        String ifMatch = blankToNull(ctx.header("If-Match"));
        return new CaseService.Actor(Principals.require(ctx), RequestIds.of(ctx),
                ifMatch == null ? null : ifMatch.replace("\"", ""));
    }

    private static String id(Context ctx) {
        return ctx.pathParam("caseId");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static LocalDate date(Context ctx, String name) {
        return QueryParams.date(ctx, name);
    }
}
