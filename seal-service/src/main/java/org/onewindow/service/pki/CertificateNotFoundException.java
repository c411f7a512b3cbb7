package org.onewindow.service.pki;

import org.onewindow.service.errors.NotFoundException;

/** The CA has not issued a certificate with this serial number. */
public class CertificateNotFoundException extends NotFoundException {
    public CertificateNotFoundException(String message) {
        super(message);
    }

    public CertificateNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
