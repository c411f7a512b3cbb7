package org.onewindow.service.pki;

/** What a certificate is for; decides its extensions. */
public enum CertificateKind {
    /** Self-signed root CA. */
    ROOT_CA,
    /** CA issued by another CA (path length 0: issues end-entity certificates only). */
    SUBORDINATE_CA,
    /** Seal or personal signature certificate: digitalSignature + nonRepudiation, document-signing EKU. */
    SEAL,
    /** Delegated OCSP responder: id-kp-OCSPSigning, id-pkix-ocsp-nocheck. */
    OCSP_SIGNER,
    /** Time-stamping unit: critical EKU id-kp-timeStamping only (RFC 3161). */
    TIME_STAMPING
}
