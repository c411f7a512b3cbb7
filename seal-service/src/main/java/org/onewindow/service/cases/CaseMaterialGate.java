package org.onewindow.service.cases;

import java.util.Objects;

import org.onewindow.service.errors.UnauthorizedException;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.intake.MaterialGate;

/** The case flow's say on intake uploads: only to open cases, only materials their item lists; then recorded. */
public final class CaseMaterialGate implements MaterialGate {
    private final CaseService cases;

    public CaseMaterialGate(CaseService cases) {
        this.cases = Objects.requireNonNull(cases, "cases");
    }

    @Override
    public void beforeUpload(Principal principal, String caseId, String materialCode) {
        if (principal == null) {
            throw new UnauthorizedException("uploading materials needs a logged-in window clerk");
        }
        cases.checkMaterialWelcome(caseId, materialCode);
    }

    @Override
    public void afterUpload(Principal principal, String requestId, String caseId, String materialCode,
                            String documentRef) {
        cases.markMaterialPresent(new CaseService.Actor(principal, requestId), caseId, materialCode, documentRef);
    }
}
