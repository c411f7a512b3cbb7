package org.onewindow.service.ses;

/** {@code SES_ESPropertyInfo.type}: 1 = 单位印章 (organization), 2 = 个人印章 (personal). */
public enum SesSealType {
    ORGANIZATION(1),
    PERSONAL(2);

    private final int code;

    SesSealType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
