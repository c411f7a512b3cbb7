package org.onewindow.service.seal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.onewindow.service.audit.AuditEntry;
import org.onewindow.service.audit.AuditLog;
import org.onewindow.service.audit.AuditOutcome;
import org.onewindow.service.audit.AuditTarget;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.identity.Role;

/**
 * Who may apply which seal (the rule): window clerks the 受理专用章, center approvers the 审批专用章,
 * department approvers only their own department's seal, named users their personal signature. Seal admins manage
 * seals but never apply them. Only an active seal inside its certificate's validity may be applied.
 *
 * <p>{@link #authorizeUse} writes every decision, allowed or denied, to the audit log as {@value #ACTION}.
 */
public final class SealAuthorizer {
    /** The audit action of a seal use decision. */
    public static final String ACTION = "seal.use";

    private final DepartmentDirectory departments;
    private final AuditLog audit;
    private final Clock clock;

    /**
     * Why a seal is (not) to be applied.
     *
     * @param requestId the HTTP request id or CLI run id, or {@code null}
     * @param purpose   what it is applied to, e.g. {@code case:2026-000123/acceptance-notice}; goes into the audit
     *                  event, or {@code null}
     */
    public record UseContext(String requestId, String purpose) {
        public static UseContext none() {
            return new UseContext(null, null);
        }
    }

    /** A decision: allowed, or denied with the reason (English, for the caller and the audit log). */
    public record Decision(boolean allowed, String reason) {
        static Decision allow(String why) {
            return new Decision(true, why);
        }

        static Decision deny(String why) {
            return new Decision(false, why);
        }
    }

    public SealAuthorizer(DepartmentDirectory departments, AuditLog audit, Clock clock) {
        this.departments = departments;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The decision for {@code principal} applying {@code seal} now, without auditing (for listing the seals a
     * user may apply). {@code seal.status()} must be the live status ({@link SealRegistry} reports it so).
     */
    public Decision decide(Principal principal, Seal seal) {
        if (principal == null) {
            return Decision.deny("not authenticated");
        }
        if (seal.status() != SealStatus.ACTIVE) {
            return Decision.deny("seal " + seal.id() + " is " + seal.status().name().toLowerCase());
        }
        Instant now = clock.instant();
        if (now.isBefore(seal.certificate().notBefore()) || now.isAfter(seal.certificate().notAfter())) {
            return Decision.deny("the certificate of seal " + seal.id() + " is not valid now (valid "
                    + seal.certificate().notBefore() + " to " + seal.certificate().notAfter() + ")");
        }
        if (seal.usage().userIds().contains(principal.userId())) {
            return Decision.allow("user " + principal.userId() + " is named in the seal's usage");
        }
        Optional<Role> role = seal.usage().roles().stream().filter(principal::has).sorted().findFirst();
        if (role.isEmpty()) {
            String need = seal.usage().roles().isEmpty() ? "only the named users may apply it"
                    : "needs role " + String.join(" or ", seal.usage().roles().stream().map(Enum::name).sorted().toList());
            String held = principal.has(Role.SEAL_ADMIN) ? " (SEAL_ADMIN manages seals but does not apply them)" : "";
            return Decision.deny("seal " + seal.id() + " (" + seal.kind().chineseName() + "): " + need + held);
        }
        if (seal.owner().department() != null && !sameDepartment(principal.department(), seal.owner())) {
            return Decision.deny("seal " + seal.id() + " belongs to " + seal.owner().department() + ", user "
                    + principal.userId() + " to " + (principal.department() == null ? "no department"
                    : principal.department()));
        }
        return Decision.allow("role " + role.get().name()
                + (seal.owner().department() != null ? " in department " + seal.owner().department() : ""));
    }

    /**
     * Checks that {@code principal} may apply {@code seal} now and records the decision in the audit log.
     *
     * @throws SealUseDeniedException when not allowed (after auditing the denial)
     */
    public void authorizeUse(Principal principal, Seal seal, UseContext context) {
        Decision decision = decide(principal, seal);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("kind", seal.kind().name());
        details.put("owner", seal.owner().name());
        details.put("certificateSerial", seal.certificate().serial());
        details.put("reason", decision.reason());
        if (context != null && context.purpose() != null) {
            details.put("purpose", context.purpose());
        }
        audit.append(AuditEntry.of(principal, ACTION, AuditTarget.of("seal", seal.id()),
                decision.allowed() ? AuditOutcome.GRANTED : AuditOutcome.DENIED,
                context == null ? null : context.requestId(), details));
        if (!decision.allowed()) {
            throw new SealUseDeniedException(decision.reason());
        }
    }

    private boolean sameDepartment(String principalDepartment, SealOwner owner) {
        if (principalDepartment == null || principalDepartment.isBlank()) {
            return false;
        }
        Optional<Department> known = departments.find(owner.department());
        if (known.isPresent()) {
            return known.get().isNamed(principalDepartment);
        }
        String wanted = Department.normalize(principalDepartment);
        return wanted.equals(Department.normalize(owner.department())) || wanted.equals(Department.normalize(owner.name()));
    }
}
