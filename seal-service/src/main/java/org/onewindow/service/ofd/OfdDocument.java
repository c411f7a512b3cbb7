package org.onewindow.service.ofd;

import java.util.List;

/**
 * A template rendered to OFD (GB/T 33190).
 *
 * @param templateId     the template used
 * @param ofd            the OFD package (a ZIP with {@code OFD.xml})
 * @param pageCount      number of pages
 * @param sealFields     where each of the template's seals goes, in layout order
 * @param verificationId the id printed on every page
 * @param verifyUrl      the URL in the QR code
 */
public record OfdDocument(String templateId, byte[] ofd, int pageCount, List<SealField> sealFields,
                          String verificationId, String verifyUrl) {
    public OfdDocument {
        sealFields = List.copyOf(sealFields);
    }

    /**
     * A seal position of the template in the OFD page's coordinates: millimetres from the page's top-left corner
     * (OFD's own orientation), which is what {@link OfdSealPlacement.PageArea} takes.
     *
     * @param name   the template's seal name, e.g. {@code approvalSeal}
     * @param label  what belongs there, e.g. 审批专用章
     * @param page   1-based page number
     */
    public record SealField(String name, String label, int page, double xMm, double yMm, double widthMm,
                            double heightMm) {

        /** The placement that puts a seal exactly here. */
        public OfdSealPlacement.PageArea placement() {
            return new OfdSealPlacement.PageArea(page, xMm, yMm, widthMm, heightMm);
        }
    }

    /** The seal field of that name. */
    public SealField sealField(String name) {
        return sealFields.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no seal field " + name + " in " + templateId));
    }
}
