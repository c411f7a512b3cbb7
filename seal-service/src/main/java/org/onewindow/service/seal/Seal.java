package org.onewindow.service.seal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One seal of the registry: an identity (owner, kind, name), a key in custody with its certificate chain, an
 * image, a status and the rules for who may apply it. Stored as JSON at {@code seals/{id}.json}.
 *
 * @param id              stable id, {@code [a-z0-9][a-z0-9-]*}, at most {@value #MAX_ID_LENGTH} characters
 * @param owner           the center or a department
 * @param kind            acceptance, approval, department or personal
 * @param displayName     the seal's full name, e.g. 敦煌市行政服务中心受理专用章 (also the certificate's CN)
 * @param image           the appearance
 * @param certificate     the current certificate and key
 * @param history         older certificates (rotated), oldest first; kept so old signatures stay verifiable
 * @param status          as the record last wrote it; {@link SealRegistry} reports the certificate's live
 *                        revocation state, which wins when the two differ
 * @param statusReason    why it was suspended or revoked, or {@code null}
 * @param statusChangedAt when the status last changed
 * @param usage           who may apply it
 * @param createdAt       when it was created
 * @param createdBy       who created it (user id, or {@code system:seed})
 * @param updatedAt       last change
 */
public record Seal(String id, SealOwner owner, SealKind kind, String displayName, SealImage image,
                   SealCertificate certificate, List<SealCertificate> history, SealStatus status, String statusReason,
                   Instant statusChangedAt, SealUsage usage, Instant createdAt, String createdBy, Instant updatedAt) {
    public static final int MAX_ID_LENGTH = 48;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0," + (MAX_ID_LENGTH - 1) + "}");

    public Seal {
        checkId(id);
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(usage, "usage");
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** @throws IllegalArgumentException when {@code id} is not a valid seal id */
    public static String checkId(String id) {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("seal id must be 1-" + MAX_ID_LENGTH
                    + " characters of [a-z0-9-], starting with a letter or digit; got '" + id + "'");
        }
        return id;
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Every certificate this seal has had, the current one last. */
    public List<SealCertificate> allCertificates() {
        List<SealCertificate> all = new ArrayList<>(history);
        all.add(certificate);
        return all;
    }

    Seal withStatus(SealStatus newStatus, String reason, Instant at) {
        return new Seal(id, owner, kind, displayName, image, certificate, history, newStatus, reason, at, usage,
                createdAt, createdBy, at);
    }

    Seal withImage(SealImage newImage, Instant at) {
        return new Seal(id, owner, kind, displayName, newImage, certificate, history, status, statusReason,
                statusChangedAt, usage, createdAt, createdBy, at);
    }

    Seal withUsage(SealUsage newUsage, Instant at) {
        return new Seal(id, owner, kind, displayName, image, certificate, history, status, statusReason,
                statusChangedAt, newUsage, createdAt, createdBy, at);
    }

    Seal rotatedTo(SealCertificate next, Instant at) {
        List<SealCertificate> older = new ArrayList<>(history);
        older.add(certificate.retired(at));
        return new Seal(id, owner, kind, displayName, image, next, older, status, statusReason, statusChangedAt,
                usage, createdAt, createdBy, at);
    }

    Seal reportingStatus(SealStatus live) {
        return live == status ? this : new Seal(id, owner, kind, displayName, image, certificate, history, live,
                statusReason, statusChangedAt, usage, createdAt, createdBy, updatedAt);
    }
}
