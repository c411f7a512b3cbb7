package org.onewindow.service.catalog;

/** The seals and signatures an item's output documents need before they may be issued. */
public enum SealKind {
    /** 受理专用章 of the center (on the acceptance notice). */
    ACCEPTANCE("受理专用章"),
    /** The deciding department's electronic seal (on the decision). */
    DEPARTMENT("部门电子签章"),
    /** 审批专用章 of the center (on completion). */
    APPROVAL("审批专用章");

    private final String chineseName;

    SealKind(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }
}
