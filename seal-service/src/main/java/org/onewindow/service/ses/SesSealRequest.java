package org.onewindow.service.ses;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What goes into a GB/T 38540 seal.
 *
 * @param esId               the seal's id ({@code esID}, printable ASCII)
 * @param type               organization or personal seal
 * @param name               the seal's name (UTF-8)
 * @param signerCertificates the certificates the seal may be applied with (certListType 1), at least one
 * @param validStart         start of the seal's validity
 * @param validEnd           end of the seal's validity
 * @param pictureType        {@code png}, {@code svg}, {@code ofd} ...
 * @param picture            the image
 * @param widthMm            display width in millimetres
 * @param heightMm           display height in millimetres
 */
public record SesSealRequest(String esId, SesSealType type, String name, List<X509Certificate> signerCertificates,
                             Instant validStart, Instant validEnd, String pictureType, byte[] picture, int widthMm,
                             int heightMm) {
    public SesSealRequest {
        Objects.requireNonNull(esId, "esId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(validStart, "validStart");
        Objects.requireNonNull(validEnd, "validEnd");
        Objects.requireNonNull(pictureType, "pictureType");
        Objects.requireNonNull(picture, "picture");
        signerCertificates = List.copyOf(signerCertificates);
        if (signerCertificates.isEmpty()) {
            throw new IllegalArgumentException("a seal needs at least one signer certificate");
        }
        if (esId.isEmpty() || !esId.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("esId must be printable ASCII (IA5String)");
        }
        if (!validEnd.isAfter(validStart)) {
            throw new IllegalArgumentException("validEnd must be after validStart");
        }
        if (widthMm <= 0 || heightMm <= 0) {
            throw new IllegalArgumentException("width and height must be positive millimetres");
        }
    }
}
