package org.onewindow.service.ofd;

import java.util.Objects;

import org.onewindow.service.identity.Principal;
import org.onewindow.service.seal.SealAuthorizer;
import org.onewindow.service.seal.SealRegistry;
import org.onewindow.service.seal.SigningIdentity;
import org.onewindow.service.ses.SesSeals;
import org.onewindow.service.ses.Sm2SealIdentity;

/**
 * Seals OFD documents with registry seals: the use is authorized and audited ({@code seal.use}) by
 * {@link SealRegistry#signingIdentity} exactly as for PDF sealing, then the seal's SM2 key in custody signs the
 * GB/T 38540 {@code SES_Signature} and its stored {@code SESeal} is embedded ({@link SesSeals#signingIdentity}).
 */
public final class OfdSealingService {
    /** The purpose written in the audit record of each use. */
    public static final String SEAL_ACTION = "ofd.seal";

    private final SealRegistry registry;
    private final SesSeals sesSeals;
    private final OfdSealer sealer;

    public OfdSealingService(SealRegistry registry, SesSeals sesSeals, OfdSealer sealer) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.sesSeals = Objects.requireNonNull(sesSeals, "sesSeals");
        this.sealer = Objects.requireNonNull(sealer, "sealer");
    }

    /**
     * Applies registry seal {@code sealId} to {@code ofd} on behalf of {@code principal}.
     *
     * @param requestId  for the audit record (may be {@code null})
     * @param document   what is sealed, for the audit record (a file name or document id)
     * @param placement  where the stamp goes
     * @param timeStamp  add an RFC 3161 time-stamp (the sealer must have a TSA)
     * @param closing    protect the signature list too: no further seal can follow
     * @return the sealed package
     * @throws org.onewindow.service.seal.SealUseDeniedException when the principal may not use the seal (audited)
     * @throws org.onewindow.service.seal.SealNotFoundException  when there is no such seal
     * @throws MalformedOfdException                              when the input is not a usable OFD
     */
    public byte[] seal(Principal principal, String requestId, String document, String sealId, byte[] ofd,
                       OfdSealPlacement placement, boolean timeStamp, boolean closing) {
        SigningIdentity authorized = registry.signingIdentity(principal, sealId,
                new SealAuthorizer.UseContext(requestId, SEAL_ACTION + " " + document));
        Sm2SealIdentity signer = sesSeals.signingIdentity(authorized);
        return sealer.seal(ofd, new OfdSealRequest(signer, placement, timeStamp, closing));
    }
}
