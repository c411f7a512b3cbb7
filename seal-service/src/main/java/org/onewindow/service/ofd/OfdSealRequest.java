package org.onewindow.service.ofd;

import org.onewindow.service.ses.SesSigner;

import java.util.Objects;

/**
 * One seal to apply to an OFD document.
 *
 * @param signer    the SM2 key, certificate and GB/T 38540 seal
 * @param placement where the stamp is shown
 * @param timeStamp add an RFC 3161 time-stamp over the signature value (needs a TSA in {@link OfdSealer})
 * @param closing   the last seal: it protects {@code Signatures.xml} too, so no further seal can be added
 *                  (GB/T 33190's whole-document protection); otherwise later seals can follow (continue-signing)
 */
public record OfdSealRequest(SesSigner signer, OfdSealPlacement placement, boolean timeStamp, boolean closing) {
    public OfdSealRequest {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(placement, "placement");
    }

    /** A seal that later seals can follow, without a time-stamp. */
    public static OfdSealRequest of(SesSigner signer, OfdSealPlacement placement) {
        return new OfdSealRequest(signer, placement, false, false);
    }
}
