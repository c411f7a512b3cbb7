package org.onewindow.service.sign;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import com.itextpdf.signatures.ITSAClient;
import org.onewindow.service.pki.TimeStamper;

/** iText's time-stamp seam over our {@link TimeStamper} (the in-process TSA or a configured RFC 3161 URL). */
final class TimeStamperTsaClient implements ITSAClient {
    /** Token with the TSA certificate chain; generous so iText's signature placeholder is never too small. */
    private static final int TOKEN_SIZE_ESTIMATE = 12_000;
    private static final String DIGEST = "SHA-256";

    private final TimeStamper stamper;

    TimeStamperTsaClient(TimeStamper stamper) {
        this.stamper = stamper;
    }

    @Override
    public int getTokenSizeEstimate() {
        return TOKEN_SIZE_ESTIMATE;
    }

    @Override
    public MessageDigest getMessageDigest() throws GeneralSecurityException {
        return MessageDigest.getInstance(DIGEST);
    }

    @Override
    public byte[] getTimeStampToken(byte[] imprint) {
        return stamper.timeStampToken(DIGEST, imprint);
    }
}
