package org.onewindow.service.ses;

import java.security.cert.X509Certificate;

/**
 * The signing side of a GB/T 38540 electronic seal: an SM2 key (held by key custody; never handed out), its
 * SM3withSM2 certificate and the seal (印章) made for it by the seal maker. {@link SesSignature#make} builds the
 * {@code SES_Signature} and asks only for the raw signature.
 */
public interface SesSigner {

    /** The signer's certificate (SM2 key, SM3withSM2 signature 1.2.156.10197.1.501); must be in the seal's list. */
    X509Certificate certificate();

    /**
     * Signs {@code data} with SM3withSM2 (GB/T 32918.2 with the default user id {@code 1234567812345678}, digest
     * SM3 computed inside), returning the DER {@code SEQUENCE { r INTEGER, s INTEGER }}.
     */
    byte[] signSm3WithSm2(byte[] data);

    /** The DER GB/T 38540 seal ({@code SESeal}) that the signature embeds, made and signed by the seal maker. */
    byte[] seal();
}
