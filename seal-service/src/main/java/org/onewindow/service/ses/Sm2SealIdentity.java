package org.onewindow.service.ses;

import java.security.cert.X509Certificate;
import java.util.List;

import org.onewindow.service.keys.CustodySigner;
import org.onewindow.service.keys.KeyCustody;
import org.onewindow.service.keys.KeyRef;
import org.onewindow.service.keys.SignatureAlgorithm;

/**
 * What an SM2 signer (OFD {@code SES_Signature}, dual-sealed PDF) needs to apply a registry seal, handed out only for
 * an already authorized {@link org.onewindow.service.seal.SigningIdentity}; as a {@link SesSigner} it seals OFD
 * documents ({@code ofd.OfdSealer}) with the key in custody.
 *
 * @param sealId  the registry seal
 * @param custody holds the seal's SM2 key
 * @param key     the seal's SM2 key
 * @param chain   the SM2 signer certificate first, then the SM2 CAs up to the root
 * @param sesSeal the seal's GB/T 38540 {@code SESeal} (DER), whose certificate list holds {@code chain.get(0)}
 */
public record Sm2SealIdentity(String sealId, KeyCustody custody, KeyRef key, List<X509Certificate> chain,
                              byte[] sesSeal) implements SesSigner {
    public Sm2SealIdentity {
        chain = List.copyOf(chain);
    }

    /** SM3withSM2 over the custody: {@code sign(message)} returns DER {@code SEQUENCE {r, s}}. */
    public CustodySigner signer() {
        return new CustodySigner(custody, key, SignatureAlgorithm.SM3_WITH_SM2);
    }

    /** The SM2 signer certificate. */
    @Override
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** SM3withSM2 through custody (the key never leaves it). */
    @Override
    public byte[] signSm3WithSm2(byte[] data) {
        return signer().sign(data);
    }

    @Override
    public byte[] seal() {
        return sesSeal.clone();
    }
}
