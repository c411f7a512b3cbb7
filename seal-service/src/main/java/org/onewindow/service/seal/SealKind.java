package org.onewindow.service.seal;

import java.util.Set;

import org.onewindow.service.identity.Role;

/** What a seal is for; decides who may apply it by default. */
public enum SealKind {
    /** 受理专用章: the center's acceptance seal, applied by window clerks. */
    ACCEPTANCE("受理专用章", Set.of(Role.WINDOW_CLERK)),
    /** 审批专用章: the center's approval seal, applied by center approvers. */
    APPROVAL("审批专用章", Set.of(Role.CENTER_APPROVER)),
    /** 部门电子印章: a department's seal, applied by that department's approvers only. */
    DEPARTMENT("部门电子印章", Set.of(Role.DEPARTMENT_APPROVER)),
    /** 个人签名: one person's signature, applied by the users named in its usage only. */
    PERSONAL("个人签名", Set.of());

    private final String chineseName;
    private final Set<Role> defaultRoles;

    SealKind(String chineseName, Set<Role> defaultRoles) {
        this.chineseName = chineseName;
        this.defaultRoles = defaultRoles;
    }

    public String chineseName() {
        return chineseName;
    }

    /** The roles that may apply a seal of this kind unless its record says otherwise. */
    public Set<Role> defaultRoles() {
        return defaultRoles;
    }
}
