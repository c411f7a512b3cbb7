package org.onewindow.service.ofd;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.ofdrw.gm.ses.v4.SESeal;
import org.onewindow.service.ses.SesSigner;
import org.onewindow.service.verify.VerificationPolicy;

/**
 * The decision (准予行政许可决定书) rendered to OFD and sealed twice in continue-signing mode — the department's seal,
 * then the center's 审批专用章 — made once per test JVM and shared by the OFD tests.
 */
final class SealedSamples {
    static final String DEPARTMENT = "敦煌市市场监督管理局";
    static final String CENTER = "敦煌市行政服务中心";

    final SesFixtures pki = new SesFixtures();
    final SesFixtures.Party departmentParty = pki.signer(DEPARTMENT, "行政许可专用章");
    final SesFixtures.Party centerParty = pki.signer(CENTER, "审批专用章");
    final SESeal departmentSeal = pki.seal(departmentParty, DEPARTMENT, "行政许可专用章");
    final SESeal centerSeal = pki.seal(centerParty, CENTER, "审批专用章");
    final SesSigner department = SesFixtures.softSigner(departmentParty, departmentSeal);
    final SesSigner center = SesFixtures.softSigner(centerParty, centerSeal);
    final TestTsa tsa = new TestTsa(pki.root);
    final OfdSealer sealer = new OfdSealer(Clock.systemUTC(), Optional.of(tsa));
    final OfdDocument decision = OfdTemplateRendererTest.RENDERER.renderSample("permit-decision",
            OfdTemplateRendererTest.PUBLIC_URL);
    final byte[] oneSeal = sealer.seal(decision.ofd(),
            OfdSealRequest.of(department, decision.sealField("departmentSeal").placement()));
    final byte[] twoSeals = sealer.seal(oneSeal,
            new OfdSealRequest(center, decision.sealField("approvalSeal").placement(), true, false));
    final VerificationPolicy trusting = VerificationPolicy.trusting(List.of(pki.root.certificate()));

    private static SealedSamples instance;

    static synchronized SealedSamples get() {
        if (instance == null) {
            instance = new SealedSamples();
        }
        return instance;
    }
}
