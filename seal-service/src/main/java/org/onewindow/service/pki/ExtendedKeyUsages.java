package org.onewindow.service.pki;

import java.util.List;

/** Extended key usage OIDs used in seal and service certificates. */
public final class ExtendedKeyUsages {
    /** id-kp-documentSigning (RFC 9336). */
    public static final String DOCUMENT_SIGNING = "1.3.6.1.5.5.7.3.36";
    /** Adobe Authentic Documents Trust; what Acrobat historically looked for in document-signing certificates. */
    public static final String ADOBE_AUTHENTIC_DOCUMENTS = "1.2.840.113583.1.1.5";
    /** id-kp-emailProtection; what NSS (pdfsig) traditionally accepted for signing certificates. */
    public static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
    /** id-kp-OCSPSigning. */
    public static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
    /** id-kp-timeStamping. */
    public static final String TIME_STAMPING = "1.3.6.1.5.5.7.3.8";

    /**
     * The default EKU list of a seal certificate: document signing, plus email protection because NSS (and with it
     * poppler's pdfsig) verifies signer certificates for the "email signer" usage and rejects a certificate whose EKU
     * list lacks emailProtection (measured with {@code certutil -V -u S}: documentSigning alone and Adobe's OID alone
     * are "not approved for application"; documentSigning + emailProtection and no EKU at all are valid).
     */
    public static final List<String> SEAL_DEFAULT = List.of(DOCUMENT_SIGNING, EMAIL_PROTECTION);

    private ExtendedKeyUsages() {
    }
}
