package org.onewindow.service.ses;

/** Why a seal does not verify. */
public enum SesFailure {
    /** The maker's signature algorithm is not SM3withSM2. */
    UNSUPPORTED_ALGORITHM,
    /** The maker certificate cannot be read. */
    MAKER_CERTIFICATE_UNREADABLE,
    /** The maker's signature does not match the seal (the seal was changed, or signed by another key). */
    MAKER_SIGNATURE_INVALID,
    /** The signing time is before the seal's validStart. */
    SEAL_NOT_YET_VALID,
    /** The signing time is after the seal's validEnd. */
    SEAL_EXPIRED,
    /** The signer's certificate is not in the seal's certificate list. */
    SIGNER_NOT_IN_SEAL,
    /** The maker certificate does not chain to a trusted root, or is outside its validity at the signing time. */
    MAKER_CHAIN_INVALID,
    /** The maker certificate (or a CA above it) was revoked or suspended at the signing time. */
    MAKER_REVOKED,
    /** No valid OCSP response or CRL tells the maker certificate's status. */
    MAKER_REVOCATION_UNKNOWN,
    /** The signer certificate does not chain to a trusted root, or is outside its validity at the signing time. */
    SIGNER_CHAIN_INVALID,
    /** The signer certificate (or a CA above it) was revoked or suspended at the signing time. */
    SIGNER_REVOKED,
    /** No valid OCSP response or CRL tells the signer certificate's status. */
    SIGNER_REVOCATION_UNKNOWN,
    /** The v5 time-stamp does not cover the maker's signature or its signature is invalid. */
    TIME_STAMP_INVALID
}
