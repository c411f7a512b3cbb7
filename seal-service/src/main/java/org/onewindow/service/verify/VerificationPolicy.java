package org.onewindow.service.verify;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a verification trusts and how much it may spend.
 *
 * @param trustAnchors           CA certificates trusted as roots (e.g. the demo root, the provincial e-seal root)
 * @param maxBytes               larger inputs are refused (413) before parsing
 * @param timeout                the parse and analysis run in a worker thread and are abandoned after this
 * @param maxDecompressedBytes   cap on all decompressed streams together (decompression bombs)
 * @param requireRevocationData  without embedded CRL/OCSP for the chain the result is INDETERMINATE/TRY_LATER
 *                               (otherwise it is only a warning, so B-B and B-T signatures can pass)
 * @param onlineRevocation       when present, certificates without embedded revocation data are checked online
 *                               (OCSP, then CRL); a failed lookup makes the signature INDETERMINATE/TRY_LATER
 */
public record VerificationPolicy(List<X509Certificate> trustAnchors, long maxBytes, Duration timeout,
                                 long maxDecompressedBytes, boolean requireRevocationData,
                                 Optional<OnlineRevocationChecker> onlineRevocation) {
    public static final long DEFAULT_MAX_BYTES = 100L * 1024 * 1024;

    public VerificationPolicy {
        trustAnchors = List.copyOf(Objects.requireNonNull(trustAnchors, "trustAnchors"));
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(onlineRevocation, "onlineRevocation");
        if (maxBytes <= 0 || maxDecompressedBytes <= 0 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** 100 MB, 10 s, 256 MB decompressed, revocation data optional. */
    public static VerificationPolicy trusting(List<X509Certificate> anchors) {
        return new VerificationPolicy(anchors, DEFAULT_MAX_BYTES, Duration.ofSeconds(10), 256L * 1024 * 1024, false,
                Optional.empty());
    }

    public VerificationPolicy withMaxBytes(long bytes) {
        return new VerificationPolicy(trustAnchors, bytes, timeout, maxDecompressedBytes, requireRevocationData,
                onlineRevocation);
    }

    public VerificationPolicy withTimeout(Duration limit) {
        return new VerificationPolicy(trustAnchors, maxBytes, limit, maxDecompressedBytes, requireRevocationData,
                onlineRevocation);
    }

    public VerificationPolicy requiringRevocationData() {
        return new VerificationPolicy(trustAnchors, maxBytes, timeout, maxDecompressedBytes, true,
                onlineRevocation);
    }

    /** Checks certificates without embedded revocation data online with {@code checker}. */
    public VerificationPolicy withOnlineRevocation(OnlineRevocationChecker checker) {
        return new VerificationPolicy(trustAnchors, maxBytes, timeout, maxDecompressedBytes, requireRevocationData,
                Optional.of(checker));
    }
}
