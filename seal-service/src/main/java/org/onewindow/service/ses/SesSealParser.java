package org.onewindow.service.ses;

import java.io.IOException;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.DERSequence;

/**
 * Reads electronic seals and tells their version from the structure, not from a claim in the bytes:
 * <ul>
 *   <li>two elements, the second a {@code SEQUENCE} (sign info): GM/T 0031-2014 version 1;</li>
 *   <li>four elements {@code seal info, OCTET STRING, OBJECT IDENTIFIER, BIT STRING}: GB/T 38540-2020 version 4;</li>
 *   <li>the same with a fifth {@code [0]} element (time-stamp), or a header version of 5: the 2025 layout.</li>
 * </ul>
 * Parsing uses Bouncy Castle's ASN.1 primitives directly: the {@code getInstance} methods of {@code ofdrw-gm} 2.3.3
 * were compiled against BC 1.68 and fail with {@code NoSuchMethodError} on BC 1.81 ({@code DERIA5String.getInstance}
 * changed its return type); its constructors and encoders work and are used to make seals.
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
        ASN1Sequence info = sequence(sequence.getObjectAt(0), "SES_SealInfo");
        ASN1OctetString cert = (ASN1OctetString) sequence.getObjectAt(1);
        ASN1ObjectIdentifier algorithm = (ASN1ObjectIdentifier) sequence.getObjectAt(2);
        ASN1BitString signedValue = (ASN1BitString) sequence.getObjectAt(3);
        SealInfo sealInfo = sealInfo(info);
        SesVersion version = timeStamp.isPresent() || sealInfo.headerVersion() >= 5 ? SesVersion.V5 : SesVersion.V4;

        // SES_ESPropertyInfo (v4): type, name, certListType, certList, createDate, validStart, validEnd
        ASN1Sequence property = sequence(sealInfo.property(), "SES_ESPropertyInfo");
        if (property.size() != 7) {
            throw new SesFormatException("SES_ESPropertyInfo has " + property.size() + " elements; version 4 has 7");
        }
        int certListType = integer(property.getObjectAt(2), "certListType");
        List<byte[]> certificates = new ArrayList<>();
        List<SesSeal.CertDigest> digests = new ArrayList<>();
        ASN1Sequence certList = sequence(property.getObjectAt(3), "certList");
        if (certListType == 1) {
            for (ASN1Encodable item : certList) {
                certificates.add(octets(item, "a certificate in certList"));
            }
        } else if (certListType == 2) {
            for (ASN1Encodable item : certList) {
                ASN1Sequence digest = sequence(item, "CertDigestObj");
                if (digest.size() != 2) {
                    throw new SesFormatException("a CertDigestObj must have a type and a value");
                }
                digests.add(new SesSeal.CertDigest(text(digest.getObjectAt(0), "CertDigestObj.type"),
                        octets(digest.getObjectAt(1), "CertDigestObj.value")));
            }
        } else {
            throw new SesFormatException("certListType " + certListType + " is neither 1 (certificates) nor 2 (digests)");
        }
        List<byte[]> signed = List.of(makerSignedData(info, cert, algorithm), encode(info));
        return new SesSeal(version, sealInfo.headerVersion(), sealInfo.vendorId(), sealInfo.esId(),
                integer(property.getObjectAt(0), "type"), text(property.getObjectAt(1), "name"), certListType,
                certificates, digests, time(property.getObjectAt(4)), time(property.getObjectAt(5)),
                time(property.getObjectAt(6)), sealInfo.pictureType(), sealInfo.picture(), sealInfo.widthMm(),
                sealInfo.heightMm(), cert.getOctets(), algorithm.getId(), signedValue.getOctets(), signed, timeStamp,
                der.clone());
    }

    private static SesSeal parseV1(ASN1Sequence sequence, byte[] der) {
        ASN1Sequence info = sequence(sequence.getObjectAt(0), "SES_SealInfo");
        ASN1Sequence signInfo = sequence(sequence.getObjectAt(1), "SES_SignInfo");
        if (signInfo.size() != 3 || !(signInfo.getObjectAt(0) instanceof ASN1OctetString cert)
                || !(signInfo.getObjectAt(1) instanceof ASN1ObjectIdentifier algorithm)
                || !(signInfo.getObjectAt(2) instanceof ASN1BitString signData)) {
            throw new SesFormatException("SES_SignInfo must be {cert OCTET STRING, signatureAlgorithm OID, "
                    + "signData BIT STRING}");
        }
        SealInfo sealInfo = sealInfo(info);
        // SES_ESPropertyInfo (v1): type, name, certList, createDate, validStart, validEnd (UTCTime)
        ASN1Sequence property = sequence(sealInfo.property(), "SES_ESPropertyInfo");
        if (property.size() != 6) {
            throw new SesFormatException("SES_ESPropertyInfo has " + property.size() + " elements; version 1 has 6");
        }
        List<byte[]> certificates = new ArrayList<>();
        for (ASN1Encodable item : sequence(property.getObjectAt(2), "certList")) {
            certificates.add(octets(item, "a certificate in certList"));
        }
        List<byte[]> signed = List.of(makerSignedData(info, cert, algorithm), encode(info));
        return new SesSeal(SesVersion.V1, sealInfo.headerVersion(), sealInfo.vendorId(), sealInfo.esId(),
                integer(property.getObjectAt(0), "type"), text(property.getObjectAt(1), "name"), 1, certificates,
                List.of(), time(property.getObjectAt(3)), time(property.getObjectAt(4)), time(property.getObjectAt(5)),
                sealInfo.pictureType(), sealInfo.picture(), sealInfo.widthMm(), sealInfo.heightMm(), cert.getOctets(),
                algorithm.getId(), signData.getOctets(), signed, Optional.empty(), der.clone());
    }

    /**
     * What the seal maker signs (GB/T 38540, and GM/T 0031 read the same way): the DER
     * {@code SEQUENCE {eSealInfo, cert, signAlgID}}.
     */
    public static byte[] makerSignedData(ASN1Encodable sealInfo, ASN1Encodable makerCertificate,
                                         ASN1Encodable algorithm) {
        return encode(new DERSequence(new ASN1Encodable[] {sealInfo, makerCertificate, algorithm}));
    }

    /** The parts of SES_SealInfo common to every version; the property info is left to the caller. */
    private record SealInfo(int headerVersion, String vendorId, String esId, ASN1Encodable property,
                            String pictureType, byte[] picture, long widthMm, long heightMm) {
    }

    /** SES_SealInfo ::= SEQUENCE {header, esID IA5String, property, picture, extDatas OPTIONAL}. */
    private static SealInfo sealInfo(ASN1Sequence info) {
        if (info.size() < 4 || info.size() > 5) {
            throw new SesFormatException("SES_SealInfo has " + info.size() + " elements; 4 or 5 expected");
        }
        ASN1Sequence header = sequence(info.getObjectAt(0), "SES_Header");
        if (header.size() != 3 || !"ES".equals(textOrNull(header.getObjectAt(0)))) {
            throw new SesFormatException("the seal header does not start with the identifier \"ES\"");
        }
        int headerVersion = integer(header.getObjectAt(1), "the header version");
        ASN1Sequence picture = sequence(info.getObjectAt(3), "SES_ESPictureInfo");
        if (picture.size() != 4) {
            throw new SesFormatException("SES_ESPictureInfo must be {type, data, width, height}");
        }
        return new SealInfo(headerVersion, text(header.getObjectAt(2), "the vendor id"),
                text(info.getObjectAt(1), "esID"), info.getObjectAt(2), text(picture.getObjectAt(0), "picture type"),
                octets(picture.getObjectAt(1), "picture data"), integer(picture.getObjectAt(2), "picture width"),
                integer(picture.getObjectAt(3), "picture height"));
    }

    /** The time-stamp token of {@code [0]}: a BIT STRING (like SES_Signature v4), an OCTET STRING or the token. */
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

    static ASN1Sequence sequence(ASN1Encodable value, String what) {
        if (value instanceof ASN1Sequence sequence) {
            return sequence;
        }
        throw new SesFormatException(what + " is not a SEQUENCE");
    }

    static int integer(ASN1Encodable value, String what) {
        if (value instanceof ASN1Integer integer) {
            try {
                return integer.intValueExact();
            } catch (ArithmeticException e) {
                throw new SesFormatException(what + " is out of range");
            }
        }
        throw new SesFormatException(what + " is not an INTEGER");
    }

    static byte[] octets(ASN1Encodable value, String what) {
        if (value instanceof ASN1OctetString octets) {
            return octets.getOctets();
        }
        throw new SesFormatException(what + " is not an OCTET STRING");
    }

    static byte[] bits(ASN1Encodable value, String what) {
        if (value.toASN1Primitive() instanceof ASN1BitString bits && bits.getPadBits() == 0) {
            return bits.getOctets();
        }
        throw new SesFormatException(what + " is not a whole-byte BIT STRING");
    }

    static String oid(ASN1Encodable value, String what) {
        if (value.toASN1Primitive() instanceof ASN1ObjectIdentifier id) {
            return id.getId();
        }
        throw new SesFormatException(what + " is not an OBJECT IDENTIFIER");
    }

    private static String textOrNull(ASN1Encodable value) {
        return value instanceof ASN1String string ? string.getString() : null;
    }

    static String text(ASN1Encodable value, String what) {
        String text = textOrNull(value);
        if (text == null) {
            throw new SesFormatException(what + " is not a string");
        }
        return text;
    }

    static Instant time(ASN1Encodable value) {
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
