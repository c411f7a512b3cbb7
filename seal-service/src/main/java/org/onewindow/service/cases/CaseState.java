package org.onewindow.service.cases;

/** Where a case (办件) stands. */
public enum CaseState {
    SUBMITTED("申报"),
    ACCEPTED("受理"),
    REFUSED("不予受理"),
    ACCEPTED_WITH_GAPS("容缺受理"),
    HANDED_OVER("转办"),
    IN_REVIEW("审核"),
    RETURNED("退回补正"),
    DECIDED("决定"),
    COMPLETED("办结"),
    ISSUED("出件"),
    ARCHIVED("归档");

    private final String chineseName;

    CaseState(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }

    /** Whether the promised deadline is still running (the case is with the center and not yet completed). */
    public boolean clockRunning() {
        return switch (this) {
            case ACCEPTED, ACCEPTED_WITH_GAPS, HANDED_OVER, IN_REVIEW, DECIDED -> true;
            default -> false;
        };
    }
}
