package org.onewindow.service.ofd;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.jcajce.provider.digest.SM3;
import org.ofdrw.core.signatures.SigType;
import org.ofdrw.gm.ses.v4.SES_Signature;
import org.ofdrw.gm.ses.v4.TBS_Sign;
import org.ofdrw.sign.ExtendSignatureContainer;
import org.onewindow.service.pki.TimeStamper;

/**
 * Makes the GB/T 38540 version-4 {@code SES_Signature} that ofdrw's signer writes to {@code SignedValue.dat}:
 * {@code TBS_Sign { version 4, eseal, timeInfo, dataHash = SM3(Signature.xml), propertyInfo = path of
 * Signature.xml }}, signed with SM3withSM2 through {@link SesSigner}; optionally an RFC 3161 time-stamp over the
 * signature value (SHA-256 imprint: the service's TSA speaks SHA-2) in {@code timeStamp}.
 */
final class SesV4Container implements ExtendSignatureContainer {
    static final ASN1ObjectIdentifier SM3_WITH_SM2 = GMObjectIdentifiers.sm2sign_with_sm3;

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
        return SM3_WITH_SM2;
    }

    @Override
    public byte[] sign(InputStream signatureXml, String propertyInfo) throws IOException, GeneralSecurityException {
        byte[] dataHash = new SM3.Digest().digest(signatureXml.readAllBytes());
        TBS_Sign toSign = new TBS_Sign()
                .setVersion(new ASN1Integer(4))
                .setEseal(signer.seal())
                .setTimeInfo(new ASN1GeneralizedTime(Date.from(clock.instant())))
                .setDataHash(new DERBitString(dataHash))
                .setPropertyInfo(propertyInfo);
        byte[] value = signer.signSm3WithSm2(toSign.getEncoded(ASN1Encoding.DER));
        SES_Signature signature = new SES_Signature()
                .setToSign(toSign)
                .setCert(certificate())
                .setSignatureAlgID(SM3_WITH_SM2)
                .setSignature(new DERBitString(value));
        if (timeStamper.isPresent()) {
            byte[] imprint = MessageDigest.getInstance("SHA-256").digest(value);
            signature.setTimeStamp(new DERBitString(timeStamper.get().timeStampToken("SHA-256", imprint)));
        }
        return signature.getEncoded(ASN1Encoding.DER);
    }

    private DEROctetString certificate() throws CertificateEncodingException {
        return new DEROctetString(signer.certificate().getEncoded());
    }

    @Override
    public byte[] getSeal() throws IOException {
        return signer.seal().getEncoded(ASN1Encoding.DER);
    }

    @Override
    public SigType getSignType() {
        return SigType.Seal;
    }
}
