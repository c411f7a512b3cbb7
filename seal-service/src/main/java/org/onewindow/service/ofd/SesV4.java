package org.onewindow.service.ofd;

import java.io.IOException;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
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
 * A strict reader of GB/T 38540-2020 version-4 {@code SES_Signature} and {@code SESeal} structures, on Bouncy
 * Castle's ASN.1 primitives. ofdrw-gm 2.3.3's {@code getInstance} parsers were compiled against Bouncy Castle 1.68
 * and fail with the project's 1.81 ({@code NoSuchMethodError} on {@code DERIA5String.getInstance}); its classes still
 * serve to <em>build</em> the structures when sealing.
 *
 * <pre>
 * SES_Signature ::= SEQUENCE { toSign TBS_Sign, cert OCTET STRING, signatureAlgID OBJECT IDENTIFIER,
 *                              signature BIT STRING, timeStamp [0] EXPLICIT BIT STRING OPTIONAL }
 * TBS_Sign      ::= SEQUENCE { version INTEGER, eseal SESeal, timeInfo GeneralizedTime, dataHash BIT STRING,
 *                              propertyInfo IA5String, extDatas ExtensionDatas OPTIONAL }
 * SESeal        ::= SEQUENCE { eSealInfo SES_SealInfo, cert OCTET STRING, signAlgID OBJECT IDENTIFIER,
 *                              signedValue BIT STRING }
 * SES_SealInfo  ::= SEQUENCE { header SES_Header, esID IA5String, property SES_ESPropertyInfo,
 *                              picture SES_ESPictrueInfo, extDatas ExtensionDatas OPTIONAL }
 * SES_Header    ::= SEQUENCE { id IA5String ("ES"), version INTEGER (4), vid IA5String }
 * SES_ESPropertyInfo ::= SEQUENCE { type INTEGER, name UTF8String, certListType INTEGER, certList SES_CertList,
 *                              createDate, validStart, validEnd GeneralizedTime }
 * SES_CertList  ::= CHOICE { certs SEQUENCE OF OCTET STRING, certDigestList SEQUENCE OF CertDigestObj }
 * CertDigestObj ::= SEQUENCE { type PrintableString, value OCTET STRING }
 * SES_ESPictrueInfo ::= SEQUENCE { type IA5String, data OCTET STRING, width INTEGER, height INTEGER }
 * </pre>
 */
final class SesV4 {
    private SesV4() {
    }

    record Signature(byte[] toSignDer, int version, Seal seal, Instant timeInfo, byte[] dataHash, String propertyInfo,
                     byte[] certificate, String signatureAlgorithm, byte[] signature, byte[] timeStamp) {
    }

    record DigestObj(String type, byte[] value) {
    }

    record Seal(byte[] der, byte[] makerSignedData, byte[] sealInfoDer, String headerId, int headerVersion,
                String vendorId, String esId, int type, String name, int certListType, List<byte[]> certificates,
                List<DigestObj> certificateDigests, Instant created, Instant validStart, Instant validEnd,
                String pictureType, byte[] picture, long widthMm, long heightMm, byte[] makerCertificate,
                String signatureAlgorithm, byte[] signedValue) {
    }

    /** @throws IllegalArgumentException naming the first field that does not fit */
    static Signature signature(byte[] der) {
        ASN1Sequence s = sequence(primitive(der), "SES_Signature", 4, 5);
        ASN1Sequence tbs = sequence(s.getObjectAt(0), "TBS_Sign", 5, 6);
        byte[] timeStamp = null;
        if (s.size() == 5) {
            ASN1Encodable last = s.getObjectAt(4);
            if (last instanceof ASN1TaggedObject tagged) {
                timeStamp = bits(tagged.getExplicitBaseObject(), "timeStamp");
            } else {
                timeStamp = bits(last, "timeStamp");
            }
        }
        return new Signature(encoded(tbs), integer(tbs.getObjectAt(0), "TBS_Sign.version"),
                seal(tbs.getObjectAt(1)), time(tbs.getObjectAt(2), "TBS_Sign.timeInfo"),
                bits(tbs.getObjectAt(3), "TBS_Sign.dataHash"), string(tbs.getObjectAt(4), "TBS_Sign.propertyInfo"),
                octets(s.getObjectAt(1), "SES_Signature.cert"), oid(s.getObjectAt(2), "SES_Signature.signatureAlgID"),
                bits(s.getObjectAt(3), "SES_Signature.signature"), timeStamp);
    }

    static Seal seal(ASN1Encodable object) {
        ASN1Sequence s = sequence(object, "SESeal", 4, 4);
        ASN1Sequence info = sequence(s.getObjectAt(0), "SES_SealInfo", 4, 5);
        ASN1Sequence header = sequence(info.getObjectAt(0), "SES_Header", 3, 3);
        ASN1Sequence property = sequence(info.getObjectAt(2), "SES_ESPropertyInfo", 7, 7);
        ASN1Sequence picture = sequence(info.getObjectAt(3), "SES_ESPictrueInfo", 4, 4);
        int certListType = integer(property.getObjectAt(2), "certListType");
        ASN1Sequence list = sequence(property.getObjectAt(3), "SES_CertList", 0, 1000);
        List<byte[]> certs = new ArrayList<>();
        List<DigestObj> digests = new ArrayList<>();
        for (ASN1Encodable entry : list) {
            if (certListType == 1) {
                certs.add(octets(entry, "certList.cert"));
            } else if (certListType == 2) {
                ASN1Sequence obj = sequence(entry, "CertDigestObj", 2, 2);
                digests.add(new DigestObj(string(obj.getObjectAt(0), "CertDigestObj.type"),
                        octets(obj.getObjectAt(1), "CertDigestObj.value")));
            } else {
                throw new IllegalArgumentException("certListType " + certListType + " is neither 1 nor 2");
            }
        }
        ASN1EncodableVector signed = new ASN1EncodableVector();
        signed.add(s.getObjectAt(0));
        signed.add(s.getObjectAt(1));
        signed.add(s.getObjectAt(2));
        return new Seal(encoded(s), encoded(new DERSequence(signed)), encoded(info.toASN1Primitive()),
                string(header.getObjectAt(0), "SES_Header.id"), integer(header.getObjectAt(1), "SES_Header.version"),
                string(header.getObjectAt(2), "SES_Header.vid"), string(info.getObjectAt(1), "esID"),
                integer(property.getObjectAt(0), "property.type"), string(property.getObjectAt(1), "property.name"),
                certListType, certs, digests, time(property.getObjectAt(4), "createDate"),
                time(property.getObjectAt(5), "validStart"), time(property.getObjectAt(6), "validEnd"),
                string(picture.getObjectAt(0), "picture.type"), octets(picture.getObjectAt(1), "picture.data"),
                integer(picture.getObjectAt(2), "picture.width"), integer(picture.getObjectAt(3), "picture.height"),
                octets(s.getObjectAt(1), "SESeal.cert"), oid(s.getObjectAt(2), "SESeal.signAlgID"),
                bits(s.getObjectAt(3), "SESeal.signedValue"));
    }

    private static ASN1Primitive primitive(byte[] der) {
        try {
            ASN1Primitive p = ASN1Primitive.fromByteArray(der);
            if (!Arrays.equals(p.getEncoded(ASN1Encoding.DER), der)) {
                throw new IllegalArgumentException("not DER-encoded (or trailing bytes)");
            }
            return p;
        } catch (IOException e) {
            throw new IllegalArgumentException("not ASN.1: " + e.getMessage(), e);
        }
    }

    private static ASN1Sequence sequence(ASN1Encodable o, String what, int min, int max) {
        if (!(o.toASN1Primitive() instanceof ASN1Sequence s)) {
            throw new IllegalArgumentException(what + " is not a SEQUENCE");
        }
        if (s.size() < min || s.size() > max) {
            throw new IllegalArgumentException(what + " has " + s.size() + " fields, expected " + min
                    + (min == max ? "" : ".." + max));
        }
        return s;
    }

    private static int integer(ASN1Encodable o, String what) {
        if (!(o.toASN1Primitive() instanceof ASN1Integer i)) {
            throw new IllegalArgumentException(what + " is not an INTEGER");
        }
        try {
            return i.intValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(what + " is out of range");
        }
    }

    private static String string(ASN1Encodable o, String what) {
        if (!(o.toASN1Primitive() instanceof ASN1String s)) {
            throw new IllegalArgumentException(what + " is not a string");
        }
        return s.getString();
    }

    private static byte[] octets(ASN1Encodable o, String what) {
        if (!(o.toASN1Primitive() instanceof ASN1OctetString s)) {
            throw new IllegalArgumentException(what + " is not an OCTET STRING");
        }
        return s.getOctets();
    }

    private static byte[] bits(ASN1Encodable o, String what) {
        if (!(o.toASN1Primitive() instanceof ASN1BitString s) || s.getPadBits() != 0) {
            throw new IllegalArgumentException(what + " is not a whole-byte BIT STRING");
        }
        return s.getOctets();
    }

    private static String oid(ASN1Encodable o, String what) {
        if (!(o.toASN1Primitive() instanceof ASN1ObjectIdentifier id)) {
            throw new IllegalArgumentException(what + " is not an OBJECT IDENTIFIER");
        }
        return id.getId();
    }

    private static Instant time(ASN1Encodable o, String what) {
        try {
            ASN1Primitive p = o.toASN1Primitive();
            if (p instanceof ASN1GeneralizedTime g) {
                return g.getDate().toInstant();
            }
            if (p instanceof ASN1UTCTime u) {
                return u.getAdjustedDate().toInstant();
            }
        } catch (ParseException e) {
            throw new IllegalArgumentException(what + " is not a valid time");
        }
        throw new IllegalArgumentException(what + " is not a GeneralizedTime");
    }

    private static byte[] encoded(ASN1Encodable o) {
        try {
            return o.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
