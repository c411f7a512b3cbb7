package org.onewindow.service.verify;

/**
 * Sub-indications of ETSI EN 319 102-1 (clause 5.1.3) used by this verifier, plus
 * {@link #DISALLOWED_MODIFICATION} and {@link #NO_SIGNATURE}, which ETSI leaves to the PDF layer.
 */
public enum SubIndication {
    /** The signed bytes do not have the digest the signature attests (the document was changed). */
    HASH_FAILURE(Indication.TOTAL_FAILED),
    /** The signature value does not verify with the signing certificate's key. */
    SIG_CRYPTO_FAILURE(Indication.TOTAL_FAILED),
    /** Malformed signature or ByteRange (universal signature forgery, wrapping, truncation ...). */
    FORMAT_FAILURE(Indication.TOTAL_FAILED),
    /** The signing certificate was revoked before the (proven) signing time. */
    REVOKED(Indication.TOTAL_FAILED),
    /** The signing certificate was not yet valid at the signing time. */
    NOT_YET_VALID(Indication.TOTAL_FAILED),
    /** Changes after the signature that neither PAdES nor the document's DocMDP permission allow. */
    DISALLOWED_MODIFICATION(Indication.TOTAL_FAILED),
    /** No chain from the signing certificate to a configured trust anchor. */
    NO_CERTIFICATE_CHAIN_FOUND(Indication.INDETERMINATE),
    /** The chain exists but does not validate (signature, CA constraints, key usage). */
    CHAIN_CONSTRAINTS_FAILURE(Indication.INDETERMINATE),
    /** The signing certificate is expired and nothing proves the signature existed before. */
    OUT_OF_BOUNDS_NO_POE(Indication.INDETERMINATE),
    /** Revoked after the claimed signing time, but the signing time is not proven by a time-stamp. */
    REVOKED_NO_POE(Indication.INDETERMINATE),
    /** Revocation data was required by the policy and is missing. */
    TRY_LATER(Indication.INDETERMINATE),
    /** The signing certificate cannot be identified (missing, or the ESS signing-certificate does not match). */
    NO_SIGNING_CERTIFICATE_FOUND(Indication.INDETERMINATE),
    /** A time-stamp is present but invalid. */
    TIMESTAMP_ORDER_FAILURE(Indication.INDETERMINATE),
    /** The document has no signature at all. */
    NO_SIGNATURE(Indication.INDETERMINATE);

    private final Indication indication;

    SubIndication(Indication indication) {
        this.indication = indication;
    }

    /** The main indication this sub-indication belongs to. */
    public Indication indication() {
        return indication;
    }
}
