package org.onewindow.service.verify;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.itextpdf.kernel.pdf.PdfName;

import org.onewindow.service.verify.VerificationReport.Change;
import org.onewindow.service.verify.VerificationReport.Kind;
import org.onewindow.service.verify.VerificationReport.RevocationCheck;
import org.onewindow.service.verify.VerificationReport.SignatureReport;
import org.onewindow.service.verify.VerificationReport.TimeStampInfo;

/** What is known about one signature while it is being checked; {@link #build} makes the immutable report. */
final class SignatureDraft {
    final String name;
    final Kind kind;
    final PdfName subFilter;
    final int revision;
    final PdfVerifier.ByteRangeCheck range;
    final Optional<Instant> claimed;
    X509Certificate signingCertificate;
    Optional<TimeStampInfo> timeStamp = Optional.empty();
    Optional<String> level = Optional.empty();
    boolean digestIntact;
    boolean signatureValueValid;
    boolean chainTrusted;
    RevocationCheck revocation = new RevocationCheck(RevocationCheck.Status.NOT_CHECKED, Optional.empty(),
            Optional.empty(), List.of());
    List<Change> changes = List.of();

    SignatureDraft(String name, Kind kind, PdfName subFilter, int revision, PdfVerifier.ByteRangeCheck range,
                   Optional<Instant> claimed) {
        this.name = name;
        this.kind = kind;
        this.subFilter = subFilter;
        this.revision = revision;
        this.range = range;
        this.claimed = claimed;
    }

    SignatureReport build(Findings f) {
        Optional<X509Certificate> cert = Optional.ofNullable(signingCertificate);
        if (kind == Kind.DOCUMENT_TIMESTAMP) {
            level = Optional.empty();
        }
        return new SignatureReport(name, kind, f.indication(), f.subIndication(), List.copyOf(f.errors),
                List.copyOf(f.warnings), subFilter == null ? "" : subFilter.getValue(),
                cert.flatMap(PdfVerifier::commonName), cert.flatMap(PdfVerifier::organization),
                cert.map(PdfVerifier::info), claimed, timeStamp, f.indication() == Indication.TOTAL_PASSED
                ? level : Optional.empty(), digestIntact, signatureValueValid, chainTrusted, revocation,
                range.values, revision, range.coversWholeFile, List.copyOf(changes));
    }
}
