package org.onewindow.service.cases;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.onewindow.service.identity.Role;

/**
 * A transition of the case state machine: the states it may start from, the role that may do it and, for
 * department actions, that the actor must belong to the case's department.
 */
public enum CaseAction {
    ACCEPT("受理", Role.WINDOW_CLERK, false, EnumSet.of(CaseState.SUBMITTED)),
    REFUSE("不予受理", Role.WINDOW_CLERK, false, EnumSet.of(CaseState.SUBMITTED)),
    HANDOVER("转办", Role.WINDOW_CLERK, false,
            EnumSet.of(CaseState.ACCEPTED, CaseState.ACCEPTED_WITH_GAPS, CaseState.RETURNED)),
    REVIEW("审核", Role.DEPARTMENT_APPROVER, true, EnumSet.of(CaseState.HANDED_OVER)),
    RETURN("退回补正", Role.DEPARTMENT_APPROVER, true, EnumSet.of(CaseState.IN_REVIEW)),
    /** The window issues the 一次性告知书 of a return; the case stays RETURNED. */
    NOTIFY("一次性告知", Role.WINDOW_CLERK, false, EnumSet.of(CaseState.RETURNED)),
    DECIDE("决定", Role.DEPARTMENT_APPROVER, true, EnumSet.of(CaseState.IN_REVIEW)),
    COMPLETE("办结", Role.CENTER_APPROVER, false, EnumSet.of(CaseState.DECIDED)),
    ISSUE("出件", Role.WINDOW_CLERK, false, EnumSet.of(CaseState.COMPLETED)),
    ARCHIVE("归档", Role.WINDOW_CLERK, false, EnumSet.of(CaseState.ISSUED, CaseState.REFUSED));

    private final String chineseName;
    private final Role role;
    private final boolean departmentBound;
    private final Set<CaseState> from;

    CaseAction(String chineseName, Role role, boolean departmentBound, Set<CaseState> from) {
        this.chineseName = chineseName;
        this.role = role;
        this.departmentBound = departmentBound;
        this.from = from;
    }

    public String chineseName() {
        return chineseName;
    }

    /** The role that may take this action. */
    public Role role() {
        return role;
    }

    /** Whether only an approver of the case's own department may take it. */
    public boolean departmentBound() {
        return departmentBound;
    }

    public boolean allowedFrom(CaseState state) {
        return from.contains(state);
    }

    /** The path word and audit suffix, e.g. {@code accept}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The actions possible in {@code state}, as wire names. */
    public static List<String> allowedIn(CaseState state) {
        return EnumSet.allOf(CaseAction.class).stream().filter(a -> a.allowedFrom(state)).map(CaseAction::wireName)
                .toList();
    }
}
