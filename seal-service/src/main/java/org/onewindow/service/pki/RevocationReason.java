package org.onewindow.service.pki;

/** RFC 5280 CRLReason codes that a revocation may carry ({@code certificateHold} is expressed by suspension). */
public enum RevocationReason {
    UNSPECIFIED(0),
    KEY_COMPROMISE(1),
    CA_COMPROMISE(2),
    AFFILIATION_CHANGED(3),
    SUPERSEDED(4),
    CESSATION_OF_OPERATION(5),
    CERTIFICATE_HOLD(6),
    PRIVILEGE_WITHDRAWN(9);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    /** The RFC 5280 CRLReason value. */
    public int code() {
        return code;
    }
}
