package org.onewindow.service.ofd;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.jcajce.provider.digest.SM3;
import org.ofdrw.core.signatures.SigType;
import org.ofdrw.sign.ExtendSignatureContainer;
import org.onewindow.service.pki.TimeStamper;
import org.onewindow.service.ses.SesSignature;
import org.onewindow.service.ses.SesSigner;

/**
 * Hands ofdrw's signer the GB/T 38540 version-4 {@code SES_Signature} for {@code SignedValue.dat}
 * ({@link SesSignature#make}): {@code dataHash = SM3(Signature.xml)}, {@code propertyInfo = path of Signature.xml},
 * optionally an RFC 3161 time-stamp over the signature value (SHA-256 imprint: the service's TSA speaks SHA-2).
 */
final class SesV4Container implements ExtendSignatureContainer {
    private final SesSigner signer;
    private final Clock clock;
    private final Optional<TimeStamper> timeStamper;

    SesV4Container(SesSigner signer, Clock clock, Optional<TimeStamper> timeStamper) {
        this.signer = signer;
        this.clock = clock;
        this.timeStamper = timeStamper;
    }

    @Override
    public MessageDigest getDigestFnc() {
        return new SM3.Digest();
    }

    @Override
    public ASN1ObjectIdentifier getSignAlgOID() {
        return GMObjectIdentifiers.sm2sign_with_sm3;
    }

    @Override
    public byte[] sign(InputStream signatureXml, String propertyInfo) throws IOException, GeneralSecurityException {
        byte[] dataHash = new SM3.Digest().digest(signatureXml.readAllBytes());
        Optional<UnaryOperator<byte[]>> stamp = timeStamper.map(tsa -> value -> {
            try {
                return tsa.timeStampToken("SHA-256", MessageDigest.getInstance("SHA-256").digest(value));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 unavailable", e);
            }
        });
        return SesSignature.make(signer, clock.instant(), dataHash, propertyInfo, stamp);
    }

    @Override
    public byte[] getSeal() {
        return signer.seal();
    }

    @Override
    public SigType getSignType() {
        return SigType.Seal;
    }
}
