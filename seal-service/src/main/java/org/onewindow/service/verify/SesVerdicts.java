package org.onewindow.service.verify;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.onewindow.service.ses.SesFailure;
import org.onewindow.service.ses.SesVerification;
import org.onewindow.service.verify.VerificationReport.RevocationCheck;

/**
 * The result of {@link org.onewindow.service.ses.SesSealVerifier} in the terms of a {@link VerificationReport}: one
 * mapping for every container that carries GB/T 38540 seals (OFD, the SM2 signature of a dual-sealed PDF).
 */
public final class SesVerdicts {
    private SesVerdicts() {
    }

    /**
     * Reports each failed seal check: {@code fail} with its sub-indication, or {@code warn} for missing revocation
     * data when the policy does not require it.
     */
    public static void report(SesVerification result, VerificationPolicy policy,
                              BiConsumer<SubIndication, String> fail, Consumer<String> warn) {
        if (result.notes().stream().anyMatch(n -> n.contains("seal information alone"))) {
            warn.accept("the seal maker signed SES_SealInfo alone, not SEQUENCE{eSealInfo, cert, signAlgID};"
                    + " accepted");
        }
        for (SesVerification.Finding finding : result.failures()) {
            String message = finding.message();
            switch (finding.reason()) {
                case UNSUPPORTED_ALGORITHM, MAKER_CERTIFICATE_UNREADABLE, TIME_STAMP_INVALID ->
                        fail.accept(SubIndication.FORMAT_FAILURE, "the seal is not usable: " + message);
                case MAKER_SIGNATURE_INVALID -> fail.accept(SubIndication.SIG_CRYPTO_FAILURE, "the seal maker's"
                        + " signature over the seal does not verify (seal forged or altered): " + message);
                case SIGNER_NOT_IN_SEAL -> fail.accept(SubIndication.FORMAT_FAILURE, message
                        + ": the signer may not use this seal");
                case SEAL_NOT_YET_VALID, SEAL_EXPIRED -> fail.accept(SubIndication.FORMAT_FAILURE, "the seal was not"
                        + " valid at the signing time: " + message);
                case MAKER_CHAIN_INVALID, SIGNER_CHAIN_INVALID -> fail.accept(policy.trustAnchors().isEmpty()
                                || message.contains("does not chain") ? SubIndication.NO_CERTIFICATE_CHAIN_FOUND
                                : SubIndication.CHAIN_CONSTRAINTS_FAILURE, message);
                case MAKER_REVOKED, SIGNER_REVOKED -> fail.accept(SubIndication.REVOKED, message);
                case MAKER_REVOCATION_UNKNOWN, SIGNER_REVOCATION_UNKNOWN -> {
                    if (policy.requireRevocationData()) {
                        fail.accept(SubIndication.TRY_LATER, message);
                    } else {
                        warn.accept(message);
                    }
                }
            }
        }
    }

    /** Whether the signer's certificate chains to a trust anchor. */
    public static boolean chainTrusted(SesVerification result) {
        return !result.failed(SesFailure.SIGNER_CHAIN_INVALID);
    }

    /** The revocation part of the report: GOOD, REVOKED, NO_DATA, or NOT_CHECKED without a chain. */
    public static RevocationCheck revocation(SesVerification result) {
        List<String> notes = result.notes().stream().filter(n -> n.contains("(OCSP)") || n.contains("(CRL)")
                || n.contains("revoked") || n.contains("suspended")).toList();
        Optional<String> source = notes.stream().anyMatch(n -> n.contains("OCSP")) ? Optional.of("OCSP")
                : notes.stream().anyMatch(n -> n.contains("CRL")) ? Optional.of("CRL") : Optional.empty();
        if (result.failed(SesFailure.SIGNER_REVOKED) || result.failed(SesFailure.MAKER_REVOKED)) {
            return new RevocationCheck(RevocationCheck.Status.REVOKED, Optional.empty(), source,
                    result.failures().stream().map(SesVerification.Finding::message).toList());
        }
        if (result.failed(SesFailure.SIGNER_REVOCATION_UNKNOWN)
                || result.failed(SesFailure.MAKER_REVOCATION_UNKNOWN)) {
            return new RevocationCheck(RevocationCheck.Status.NO_DATA, Optional.empty(), source,
                    List.of("no OCSP response or CRL for the signer or seal maker chain (the document carries none)"));
        }
        if (result.failed(SesFailure.SIGNER_CHAIN_INVALID) || result.failed(SesFailure.MAKER_CHAIN_INVALID)) {
            return new RevocationCheck(RevocationCheck.Status.NOT_CHECKED, Optional.empty(), Optional.empty(),
                    List.of("no chain to a trust anchor, so no revocation status was asked for"));
        }
        return new RevocationCheck(RevocationCheck.Status.GOOD, Optional.empty(), source, notes);
    }
}
