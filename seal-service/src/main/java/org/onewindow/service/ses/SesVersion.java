package org.onewindow.service.ses;

/** The layout of an electronic seal ({@code SESeal}), detected from its structure. */
public enum SesVersion {
    /** GM/T 0031-2014: {@code SEQUENCE {esealInfo, signInfo SEQUENCE {cert, signatureAlgorithm, signData}}}. */
    V1(1),
    /** GB/T 38540-2020: {@code SEQUENCE {eSealInfo, cert, signAlgID, signedValue}}. */
    V4(4),
    /**
     * The 2025 revision as this project understands it: the version-4 layout with header version 5 and an optional
     * {@code [0]} time-stamp over the signed value (see docs/sm2-seals.md for the source and its limits).
     */
    V5(5);

    private final int number;

    SesVersion(int number) {
        this.number = number;
    }

    /** The header version number. */
    public int number() {
        return number;
    }
}
