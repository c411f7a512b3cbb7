package org.onewindow.service.sign;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import org.onewindow.service.pki.TimeStamper;

/**
 * What sealing needs besides the document and the seal.
 *
 * @param timeStamper for B-T and up (signature time-stamp) and B-LTA (document time-stamp)
 * @param revocation  for B-LT and up (CRLs/OCSP responses in the DSS dictionary)
 * @param statusCheck refuses revoked or suspended seals before signing
 * @param tempDir     where intermediate files go (documents are streamed through files, never held in memory)
 * @param clock       the claimed signing time (/M)
 */
public record SealingContext(Optional<TimeStamper> timeStamper, Optional<RevocationSource> revocation,
                             SealStatusCheck statusCheck, Path tempDir, Clock clock) {
    public SealingContext {
        timeStamper = timeStamper == null ? Optional.empty() : timeStamper;
        revocation = revocation == null ? Optional.empty() : revocation;
        Objects.requireNonNull(statusCheck, "statusCheck");
        Objects.requireNonNull(tempDir, "tempDir");
        Objects.requireNonNull(clock, "clock");
    }

    /** Everything in process: our TSA, our CRL issuer and OCSP responder, our registry. */
    public static SealingContext of(TimeStamper timeStamper, RevocationSource revocation, SealStatusCheck check,
                                    Path tempDir) {
        return new SealingContext(Optional.of(timeStamper), Optional.of(revocation), check, tempDir,
                Clock.systemUTC());
    }
}
