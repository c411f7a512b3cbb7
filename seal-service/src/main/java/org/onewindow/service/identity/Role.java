package org.onewindow.service.identity;

/** What a user may do. A user may hold several roles. */
public enum Role {
    /** 综合窗口: accepts applications, scans, issues results, applies the 受理专用章. */
    WINDOW_CLERK("综合窗口"),
    /** 后台审批部门: reviews and decides cases of one department, signs with that department's seal. */
    DEPARTMENT_APPROVER("部门审批"),
    /** 中心审批: applies the center's 审批专用章. */
    CENTER_APPROVER("中心审批"),
    /** 印章管理员: seals, keys and certificates. */
    SEAL_ADMIN("印章管理员"),
    /** 电子监察: read-only audit log and performance figures. */
    AUDITOR("电子监察"),
    /** 系统管理员: users, item catalog, configuration. */
    SYSTEM_ADMIN("系统管理员");

    private final String chineseName;

    Role(String chineseName) {
        this.chineseName = chineseName;
    }

    /** The role's name as shown in the console. */
    public String chineseName() {
        return chineseName;
    }
}
