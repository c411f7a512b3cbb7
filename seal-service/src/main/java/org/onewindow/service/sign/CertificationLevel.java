package org.onewindow.service.sign;

/** DocMDP permission of a certification signature (ISO 32000-1 12.8.2.2, the /P entry). */
public enum CertificationLevel {
    /** P=1: no changes at all; nothing can be signed afterwards. */
    NO_CHANGES(1),
    /** P=2: filling in forms and signing existing signature fields. */
    FORM_FILLING_AND_SIGNING(2),
    /** P=3: as P=2, plus annotations (new visible seals are annotations). */
    ANNOTATIONS(3);

    private final int p;

    CertificationLevel(int p) {
        this.p = p;
    }

    /** The /P value. */
    public int p() {
        return p;
    }

    /** @throws IllegalArgumentException unless 1, 2 or 3 */
    public static CertificationLevel ofP(int p) {
        for (CertificationLevel level : values()) {
            if (level.p == p) {
                return level;
            }
        }
        throw new IllegalArgumentException("DocMDP permission must be 1, 2 or 3, got " + p);
    }
}
