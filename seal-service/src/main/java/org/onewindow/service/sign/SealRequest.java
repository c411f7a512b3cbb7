package org.onewindow.service.sign;

import java.util.Objects;
import java.util.Optional;

/**
 * One sealing of one document.
 *
 * @param level         PAdES level
 * @param placement     where the seal appears
 * @param reason        /Reason (e.g. 受理), may be empty
 * @param location      /Location (e.g. 敦煌市行政服务中心), may be empty
 * @param fieldName     name of the new signature field; empty: {@code Seal<n>}. Ignored for {@link SealPlacement.Field}
 * @param certification a DocMDP certification signature instead of an approval signature (first signature only)
 * @param password      the PDF's password when it is encrypted (user or owner password), else empty
 * @param crossPage     a 骑缝章 across the edges of all pages, in the same revision as the signature, or empty
 */
public record SealRequest(PadesLevel level, SealPlacement placement, String reason, String location,
                          Optional<String> fieldName, Optional<CertificationLevel> certification,
                          Optional<byte[]> password, Optional<CrossPageSeal> crossPage) {
    public SealRequest {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(placement, "placement");
        reason = reason == null ? "" : reason;
        location = location == null ? "" : location;
        fieldName = fieldName == null ? Optional.empty() : fieldName.filter(s -> !s.isBlank());
        certification = certification == null ? Optional.empty() : certification;
        password = password == null ? Optional.empty() : password;
        crossPage = crossPage == null ? Optional.empty() : crossPage;
        fieldName.ifPresent(name -> {
            if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
                throw new IllegalArgumentException("signature field name must be 1-64 of [A-Za-z0-9_.-], got '"
                        + name + "'");
            }
        });
    }

    /** An approval signature at {@code level} with {@code placement}, no certification, no password. */
    public static SealRequest of(PadesLevel level, SealPlacement placement, String reason, String location) {
        return new SealRequest(level, placement, reason, location, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public SealRequest withFieldName(String name) {
        return new SealRequest(level, placement, reason, location, Optional.of(name), certification, password,
                crossPage);
    }

    public SealRequest withCertification(CertificationLevel level) {
        return new SealRequest(this.level, placement, reason, location, fieldName, Optional.of(level), password,
                crossPage);
    }

    public SealRequest withPassword(byte[] pdfPassword) {
        return new SealRequest(level, placement, reason, location, fieldName, certification,
                Optional.of(pdfPassword.clone()), crossPage);
    }

    /** Adds a 骑缝章 across the page edges. */
    public SealRequest withCrossPage(CrossPageSeal seal) {
        return new SealRequest(level, placement, reason, location, fieldName, certification, password,
                Optional.of(seal));
    }
}
