package org.onewindow.service.ses;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.Locale;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.ofdrw.gm.ses.v1.SES_ESPictrueInfo;
import org.ofdrw.gm.ses.v1.SES_Header;
import org.ofdrw.gm.ses.v4.CertInfoList;
import org.ofdrw.gm.ses.v4.SES_CertList;
import org.ofdrw.gm.ses.v4.SES_ESPropertyInfo;
import org.ofdrw.gm.ses.v4.SES_SealInfo;
import org.ofdrw.gm.ses.v4.SESeal;
import org.onewindow.service.keys.KeyCustody;
import org.onewindow.service.keys.KeyRef;
import org.onewindow.service.keys.SignatureAlgorithm;
import org.onewindow.service.keys.Sm2;

/**
 * Makes GB/T 38540-2020 version-4 seals ({@code SESeal}) signed by the seal maker (制章人) with SM3withSM2 through
 * key custody. The maker signs the DER {@code SEQUENCE {eSealInfo, cert, signAlgID}}; the maker certificate is the
 * leaf of the maker key's chain in custody.
 */
public final class SesSealMaker {
    /** Header vendor id ({@code Vid}) of seals made here. */
    public static final String DEFAULT_VENDOR_ID = "onewindow";

    private final KeyCustody custody;
    private final KeyRef makerKey;
    private final String vendorId;
    private final Clock clock;

    /**
     * @param custody  holds the maker key
     * @param makerKey an SM2 key with its certificate chain in custody
     * @param vendorId header {@code Vid} (printable ASCII)
     */
    public SesSealMaker(KeyCustody custody, KeyRef makerKey, String vendorId, Clock clock) {
        this.custody = Objects.requireNonNull(custody, "custody");
        this.makerKey = Objects.requireNonNull(makerKey, "makerKey");
        this.vendorId = Objects.requireNonNull(vendorId, "vendorId");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The maker's certificate (leaf of the maker key's chain). */
    public X509Certificate makerCertificate() {
        return custody.certificateChain(makerKey).get(0);
    }

    /**
     * Makes and signs a version-4 seal.
     *
     * @return the DER {@code SESeal}
     * @throws IllegalStateException when the maker key is not an SM2 key
     */
    public byte[] make(SesSealRequest request) {
        return SesSealParser.encode(makeSeal(request, SesVersion.V4));
    }

    /**
     * The signed seal as an ofdrw {@code SESeal} (version 4 layout; with {@link SesVersion#V5} the header says 5 and
     * the caller may append the {@code [0]} time-stamp, see {@link #withTimeStamp}).
     */
    SESeal makeSeal(SesSealRequest request, SesVersion headerVersion) {
        X509Certificate maker = makerCertificate();
        if (!Sm2.isSm2Key(maker.getPublicKey())) {
            throw new IllegalStateException("the seal maker key " + makerKey + " is not an SM2 key");
        }
        try {
            ASN1Encodable[] certificates = new ASN1Encodable[request.signerCertificates().size()];
            for (int i = 0; i < certificates.length; i++) {
                certificates[i] = new DEROctetString(request.signerCertificates().get(i).getEncoded());
            }
            SES_ESPropertyInfo property = new SES_ESPropertyInfo(new ASN1Integer(request.type().code()),
                    new DERUTF8String(request.name()), SES_ESPropertyInfo.CertListType,
                    new SES_CertList(CertInfoList.getInstance(new DERSequence(certificates))),
                    new ASN1GeneralizedTime(Date.from(clock.instant())),
                    new ASN1GeneralizedTime(Date.from(request.validStart())),
                    new ASN1GeneralizedTime(Date.from(request.validEnd())));
            SES_ESPictrueInfo picture = new SES_ESPictrueInfo(
                    new DERIA5String(request.pictureType().toLowerCase(Locale.ROOT)),
                    new DEROctetString(request.picture()), new ASN1Integer(request.widthMm()),
                    new ASN1Integer(request.heightMm()));
            SES_Header header = new SES_Header(new ASN1Integer(headerVersion.number()), new DERIA5String(vendorId));
            SES_SealInfo info = new SES_SealInfo(header, new DERIA5String(request.esId()), property, picture, null);
            DEROctetString makerCert = new DEROctetString(maker.getEncoded());
            ASN1ObjectIdentifier algorithm = new ASN1ObjectIdentifier(Sm2.SM3_WITH_SM2_OID);
            byte[] toBeSigned = SesSealParser.makerSignedData(info, makerCert, algorithm);
            byte[] signature = custody.sign(makerKey, SignatureAlgorithm.SM3_WITH_SM2, toBeSigned);
            return new SESeal(info, makerCert, algorithm, new DERBitString(signature));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate cannot be encoded", e);
        }
    }

    /** The v5 layout: a version-5 seal with the {@code [0] EXPLICIT BIT STRING} time-stamp token appended. */
    static byte[] withTimeStamp(SESeal seal, byte[] timeStampToken) {
        var sequence = org.bouncycastle.asn1.ASN1Sequence.getInstance(seal.toASN1Primitive());
        var vector = new org.bouncycastle.asn1.ASN1EncodableVector();
        sequence.forEach(vector::add);
        vector.add(new org.bouncycastle.asn1.DERTaggedObject(true, 0, new DERBitString(timeStampToken)));
        return SesSealParser.encode(new DERSequence(vector));
    }
}
