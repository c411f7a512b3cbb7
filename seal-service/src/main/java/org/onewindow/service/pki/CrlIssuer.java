package org.onewindow.service.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;

/**
 * Issues a fresh CRL on every call, reflecting the registry at that moment: revoked certificates with their reason
 * (none for {@code unspecified}, as RFC 5280 asks) and suspended ones with {@code certificateHold}.
 *
 * <p>The CRL number is the issuing time in milliseconds, bumped to stay strictly increasing within this instance;
 * that keeps it monotonic across instances and restarts without a stored counter.
 */
public final class CrlIssuer {
    /** Media type of the DER CRL. */
    public static final String CONTENT_TYPE = "application/pkix-crl";

    private final CertificateAuthorities cas;
    private final Clock clock;
    private final Duration validity;
    private final AtomicLong lastNumber = new AtomicLong();

    /** @param validity nextUpdate - thisUpdate (e.g. 24 hours) */
    public CrlIssuer(CertificateAuthorities cas, Clock clock, Duration validity) {
        this.cas = cas;
        this.clock = clock;
        this.validity = validity;
    }

    /**
     * The current CRL of a CA, DER-encoded.
     *
     * @throws CaNotFoundException when the CA is unknown or external
     */
    public byte[] crl(String caId) {
        CertificateAuthority ca = cas.get(caId);
        Instant now = clock.instant();
        long number = lastNumber.updateAndGet(last -> Math.max(last + 1, now.toEpochMilli()));
        X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(ca.certificate(), Date.from(now));
        builder.setNextUpdate(Date.from(now.plus(validity)));
        try {
            for (IssuedCertificate entry : ca.registry().issued(caId)) {
                switch (entry.state()) {
                    case GOOD -> {
                    }
                    case REVOKED -> builder.addCRLEntry(entry.serialNumber(), Date.from(entry.stateSince()),
                            reasonExtensions(entry.reason() == null ? 0 : entry.reason().code()));
                    case SUSPENDED -> builder.addCRLEntry(entry.serialNumber(), Date.from(entry.stateSince()),
                            reasonExtensions(CRLReason.certificateHold));
                }
            }
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate().getPublicKey()));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
            return new JcaX509CRLConverter().getCRL(builder.build(ca.contentSigner())).getEncoded();
        } catch (IOException | NoSuchAlgorithmException | java.security.cert.CRLException e) {
            throw new IllegalStateException("building the CRL of " + caId + " failed", e);
        }
    }

    private static org.bouncycastle.asn1.x509.Extensions reasonExtensions(int reason) throws IOException {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        if (reason != CRLReason.unspecified) {
            extensions.addExtension(Extension.reasonCode, false, CRLReason.lookup(reason));
        }
        return extensions.isEmpty() ? null : extensions.generate();
    }
}
