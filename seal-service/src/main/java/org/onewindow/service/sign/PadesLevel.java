package org.onewindow.service.sign;

import java.util.Locale;

/** PAdES baseline levels (ETSI EN 319 142-1). Each level includes the ones before it. */
public enum PadesLevel {
    /** Basic: CAdES detached signature (ETSI.CAdES.detached) with the signing-certificate-v2 attribute. */
    B_B("PAdES-BASELINE-B"),
    /** B-B plus a signature time-stamp from the TSA. */
    B_T("PAdES-BASELINE-T"),
    /** B-T plus certificates and CRLs/OCSP responses in the document security store (DSS). */
    B_LT("PAdES-BASELINE-LT"),
    /** B-LT plus a document time-stamp over everything. */
    B_LTA("PAdES-BASELINE-LTA");

    /** The level used when a caller does not choose: time-stamped, so the signing time is attested. */
    public static final PadesLevel DEFAULT = B_T;

    private final String etsiName;

    PadesLevel(String etsiName) {
        this.etsiName = etsiName;
    }

    /** The name validators report, e.g. {@code PAdES-BASELINE-T}. */
    public String etsiName() {
        return etsiName;
    }

    /** Whether this level needs a time-stamp authority. */
    public boolean needsTimeStamp() {
        return this != B_B;
    }

    /** Whether this level needs revocation data (CRL/OCSP). */
    public boolean needsRevocationData() {
        return this == B_LT || this == B_LTA;
    }

    /** Parses {@code B-T}, {@code b_t}, {@code T}, {@code PAdES-BASELINE-T} and the like. */
    public static PadesLevel parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("PAdES level is missing; one of B-B, B-T, B-LT, B-LTA");
        }
        String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (t.startsWith("PADES_BASELINE_")) {
            t = "B_" + t.substring("PADES_BASELINE_".length());
        }
        if (!t.startsWith("B_")) {
            t = "B_" + t;
        }
        for (PadesLevel level : values()) {
            if (level.name().equals(t)) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown PAdES level '" + text + "'; one of B-B, B-T, B-LT, B-LTA");
    }

    @Override
    public String toString() {
        return name().replace('_', '-');
    }
}
