package org.onewindow.templates;

import java.util.List;

/**
 * A rendered PDF/A-2u document.
 *
 * @param templateId     the template used
 * @param pdf            the file
 * @param pageCount      number of pages
 * @param sealFields     the empty signature fields, in layout order
 * @param verificationId the id printed on every page
 * @param verifyUrl      the URL in the QR code
 */
public record RenderedDocument(String templateId, byte[] pdf, int pageCount, List<SealField> sealFields,
                               String verificationId, String verifyUrl) {
    public RenderedDocument {
        sealFields = List.copyOf(sealFields);
    }
}
