package org.onewindow.service.ses;

import java.io.IOException;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.DERSequence;
import org.ofdrw.gm.ses.v1.SES_ESPictrueInfo;
import org.ofdrw.gm.ses.v1.SES_Header;
import org.ofdrw.gm.ses.v4.CertDigestObj;
import org.ofdrw.gm.ses.v4.SES_ESPropertyInfo;
import org.ofdrw.gm.ses.v4.SES_SealInfo;

/**
 * Reads electronic seals and tells their version from the structure, not from a claim in the bytes:
 * <ul>
 *   <li>two elements, the second a {@code SEQUENCE} (sign info): GM/T 0031-2014 version 1;</li>
 *   <li>four elements {@code seal info, OCTET STRING, OBJECT IDENTIFIER, BIT STRING}: GB/T 38540-2020 version 4;</li>
 *   <li>the same with a fifth {@code [0]} element (time-stamp), or a header version of 5: the 2025 layout.</li>
 * </ul>
 * The ASN.1 types of {@code org.ofdrw:ofdrw-gm} read the version-1 and version-4 parts.
 */
public final class SesSealParser {
    /** Seals larger than this are refused before parsing (a seal is an image plus a few certificates). */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    private SesSealParser() {
    }

    /**
     * Parses a DER seal.
     *
     * @throws SesFormatException naming what is wrong
     */
    public static SesSeal parse(byte[] der) {
        if (der == null || der.length == 0) {
            throw new SesFormatException("no seal data");
        }
        if (der.length > MAX_BYTES) {
            throw new SesFormatException("the seal is " + der.length + " bytes; at most " + MAX_BYTES + " are accepted");
        }
        ASN1Sequence sequence;
        try {
            sequence = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw new SesFormatException("not an electronic seal: the data is not a DER SEQUENCE");
        }
        try {
            if (sequence.size() == 2 && sequence.getObjectAt(1) instanceof ASN1Sequence) {
                return parseV1(sequence, der);
            }
            if ((sequence.size() == 4 || sequence.size() == 5) && sequence.getObjectAt(0) instanceof ASN1Sequence
                    && sequence.getObjectAt(1) instanceof ASN1OctetString
                    && sequence.getObjectAt(2) instanceof ASN1ObjectIdentifier
                    && sequence.getObjectAt(3) instanceof ASN1BitString) {
                return parseV4OrV5(sequence, der);
            }
        } catch (SesFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SesFormatException("the seal structure is malformed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        throw new SesFormatException("not an electronic seal: a SEQUENCE of " + sequence.size()
                + " elements matches neither GM/T 0031 (2 elements) nor GB/T 38540 (4 or 5 elements)");
    }

    private static SesSeal parseV4OrV5(ASN1Sequence sequence, byte[] der) {
        Optional<byte[]> timeStamp = Optional.empty();
        if (sequence.size() == 5) {
            if (!(sequence.getObjectAt(4) instanceof ASN1TaggedObject tagged) || tagged.getTagNo() != 0) {
                throw new SesFormatException("the fifth element of the seal is not the [0] time-stamp of the v5 layout");
            }
            timeStamp = Optional.of(timeStampBytes(tagged));
        }
        ASN1EncodableVector first = new ASN1EncodableVector();
        for (int i = 0; i < 4; i++) {
            first.add(sequence.getObjectAt(i));
        }
        org.ofdrw.gm.ses.v4.SESeal seal = org.ofdrw.gm.ses.v4.SESeal.getInstance(new DERSequence(first));
        SES_SealInfo info = seal.geteSealInfo();
        SES_Header header = info.getHeader();
        checkHeader(header);
        int headerVersion = header.getVersion().intValueExact();
        SesVersion version = timeStamp.isPresent() || headerVersion >= 5 ? SesVersion.V5 : SesVersion.V4;
        SES_ESPropertyInfo property = info.getProperty();
        int certListType = property.getCertListType().intValueExact();
        List<byte[]> certificates = new ArrayList<>();
        List<SesSeal.CertDigest> digests = new ArrayList<>();
        if (certListType == 1) {
            for (ASN1OctetString certificate : property.getCertList().getCerts()) {
                certificates.add(certificate.getOctets());
            }
        } else if (certListType == 2) {
            for (ASN1Encodable item : ASN1Sequence.getInstance(property.getCertList().toASN1Primitive())) {
                CertDigestObj digest = CertDigestObj.getInstance(item);
                digests.add(new SesSeal.CertDigest(digest.getType().getString(), digest.getValue().getOctets()));
            }
        } else {
            throw new SesFormatException("certListType " + certListType + " is neither 1 (certificates) nor 2 (digests)");
        }
        SES_ESPictrueInfo picture = info.getPicture();
        List<byte[]> signed = List.of(
                encode(new DERSequence(new ASN1Encodable[] {info, seal.getCert(), seal.getSignAlgID()})),
                encode(info));
        return new SesSeal(version, headerVersion, string(header.getVid()), string(info.getEsID()),
                property.getType().intValueExact(), property.getName().getString(), certListType, certificates,
                digests, time(property.getCreateDate()), time(property.getValidStart()), time(property.getValidEnd()),
                string(picture.getType()), picture.getData().getOctets(), picture.getWidth().longValueExact(),
                picture.getHeight().longValueExact(), seal.getCert().getOctets(), seal.getSignAlgID().getId(),
                seal.getSignedValue().getOctets(), signed, timeStamp, der.clone());
    }

    private static SesSeal parseV1(ASN1Sequence sequence, byte[] der) {
        org.ofdrw.gm.ses.v1.SESeal seal = org.ofdrw.gm.ses.v1.SESeal.getInstance(sequence);
        org.ofdrw.gm.ses.v1.SES_SealInfo info = seal.getEsealInfo();
        SES_Header header = info.getHeader();
        checkHeader(header);
        org.ofdrw.gm.ses.v1.SES_ESPropertyInfo property = info.getProperty();
        List<byte[]> certificates = new ArrayList<>();
        for (ASN1Encodable certificate : property.getCertList()) {
            certificates.add(ASN1OctetString.getInstance(certificate).getOctets());
        }
        org.ofdrw.gm.ses.v1.SES_SignInfo signInfo = seal.getSignInfo();
        SES_ESPictrueInfo picture = info.getPicture();
        List<byte[]> signed = List.of(
                encode(new DERSequence(new ASN1Encodable[] {info, signInfo.getCert(), signInfo.getSignatureAlgorithm()})),
                encode(info));
        return new SesSeal(SesVersion.V1, header.getVersion().intValueExact(), string(header.getVid()),
                string(info.getEsID()), property.getType().intValueExact(), property.getName().getString(), 1,
                certificates, List.of(), time(property.getCreateDate()), time(property.getValidStart()),
                time(property.getValidEnd()), string(picture.getType()), picture.getData().getOctets(),
                picture.getWidth().longValueExact(), picture.getHeight().longValueExact(),
                signInfo.getCert().getOctets(), signInfo.getSignatureAlgorithm().getId(),
                signInfo.getSignData().getOctets(), signed, Optional.empty(), der.clone());
    }

    private static void checkHeader(SES_Header header) {
        if (header == null || header.getId() == null || !"ES".equals(header.getId().getString())) {
            throw new SesFormatException("the seal header does not start with the identifier \"ES\"");
        }
        if (header.getVersion() == null) {
            throw new SesFormatException("the seal header has no version");
        }
    }

    /** The time-stamp token of {@code [0]}: a BIT STRING (like SES_Signature v4) or an OCTET STRING holding it. */
    private static byte[] timeStampBytes(ASN1TaggedObject tagged) {
        ASN1Primitive inner = tagged.getBaseObject().toASN1Primitive();
        if (inner instanceof ASN1BitString bits) {
            return bits.getOctets();
        }
        if (inner instanceof ASN1OctetString octets) {
            return octets.getOctets();
        }
        if (inner instanceof ASN1Sequence token) {
            return encode(token);
        }
        throw new SesFormatException("the [0] time-stamp of the seal is neither a BIT STRING nor a token");
    }

    private static String string(ASN1String value) {
        return value == null ? null : value.getString();
    }

    private static Instant time(ASN1Primitive value) {
        try {
            if (value instanceof ASN1GeneralizedTime generalized) {
                return generalized.getDate().toInstant();
            }
            if (value instanceof ASN1UTCTime utc) {
                return utc.getAdjustedDate().toInstant();
            }
        } catch (ParseException e) {
            throw new SesFormatException("a date in the seal cannot be read: " + e.getMessage());
        }
        throw new SesFormatException("a date in the seal is missing or not a time");
    }

    static byte[] encode(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new SesFormatException("a part of the seal cannot be DER-encoded", e);
        }
    }
}
