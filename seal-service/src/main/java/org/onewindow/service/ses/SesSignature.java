package org.onewindow.service.ses;

import static org.onewindow.service.ses.SesSealParser.bits;
import static org.onewindow.service.ses.SesSealParser.integer;
import static org.onewindow.service.ses.SesSealParser.octets;
import static org.onewindow.service.ses.SesSealParser.oid;
import static org.onewindow.service.ses.SesSealParser.sequence;
import static org.onewindow.service.ses.SesSealParser.text;
import static org.onewindow.service.ses.SesSealParser.time;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.onewindow.service.keys.Sm2;

/**
 * An electronic signature made with a seal ({@code SES_Signature}), read and made in one place for OFD
 * ({@code SignedValue.dat}) and any other container.
 *
 * <pre>
 * GB/T 38540 (v4):  SES_Signature ::= SEQUENCE { toSign TBS_Sign, cert OCTET STRING, signatureAlgID OID,
 *                                                signature BIT STRING, timeStamp [0] EXPLICIT BIT STRING OPTIONAL }
 *                   TBS_Sign ::= SEQUENCE { version INTEGER, eseal SESeal, timeInfo GeneralizedTime,
 *                                           dataHash BIT STRING, propertyInfo IA5String, extDatas OPTIONAL }
 * GM/T 0031 (v1):   SES_Signature ::= SEQUENCE { toSign TBS_Sign, signature BIT STRING }
 *                   TBS_Sign ::= SEQUENCE { version INTEGER, eseal SESeal, timeInfo BIT STRING (a time text),
 *                                           dataHash BIT STRING, propertyInfo IA5String, cert OCTET STRING,
 *                                           signatureAlgorithm OID }
 * </pre>
 * The embedded seal is read by {@link SesSealParser} (v1, v4 or v5 layout).
 *
 * @param toSign             the DER {@code TBS_Sign}: what the signer's signature covers
 * @param version            {@code TBS_Sign.version}
 * @param seal               the embedded seal
 * @param timeInfo           the signing time the signer claims
 * @param dataHash           the hash of the signed data (for OFD: SM3 of {@code Signature.xml})
 * @param propertyInfo       what was signed (for OFD: the path of {@code Signature.xml})
 * @param certificate        the signer's DER certificate
 * @param signatureAlgorithm OID of the signer's signature
 * @param signature          the signer's signature over {@link #toSign()}
 * @param timeStamp          an RFC 3161 token over {@link #signature()} (v4 only), when present
 */
public record SesSignature(byte[] toSign, int version, SesSeal seal, Instant timeInfo, byte[] dataHash,
                           String propertyInfo, byte[] certificate, String signatureAlgorithm, byte[] signature,
                           Optional<byte[]> timeStamp) {
    public SesSignature {
        Objects.requireNonNull(seal, "seal");
        Objects.requireNonNull(timeStamp, "timeStamp");
    }

    /**
     * Makes a version-4 {@code SES_Signature}: {@code TBS_Sign {4, seal, time, dataHash, propertyInfo}} signed with
     * SM3withSM2 by {@code signer}.
     *
     * @param timeStamper when present, returns a DER RFC 3161 token for the signature value
     * @return the DER {@code SES_Signature}
     */
    public static byte[] make(SesSigner signer, Instant time, byte[] dataHash, String propertyInfo,
                              Optional<UnaryOperator<byte[]>> timeStamper) {
        ASN1Primitive seal;
        try {
            seal = ASN1Primitive.fromByteArray(signer.seal());
        } catch (IOException e) {
            throw new SesFormatException("the signer's seal is not DER", e);
        }
        byte[] toSign = SesSealParser.encode(new DERSequence(new ASN1Encodable[] {new ASN1Integer(4), seal,
                new ASN1GeneralizedTime(Date.from(time)), new DERBitString(dataHash), new DERIA5String(propertyInfo)}));
        byte[] value = signer.signSm3WithSm2(toSign);
        byte[] certificate;
        try {
            certificate = signer.certificate().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("the signer certificate cannot be encoded", e);
        }
        ASN1Encodable[] fields = {ASN1Sequence.getInstance(toSign), new DEROctetString(certificate),
                new ASN1ObjectIdentifier(Sm2.SM3_WITH_SM2_OID), new DERBitString(value)};
        if (timeStamper.isPresent()) {
            fields = Arrays.copyOf(fields, 5);
            fields[4] = new DERTaggedObject(true, 0, new DERBitString(timeStamper.get().apply(value)));
        }
        return SesSealParser.encode(new DERSequence(fields));
    }

    /**
     * Reads a DER {@code SES_Signature} (v4 or v1 layout).
     *
     * @throws SesFormatException naming the first field that does not fit (the embedded seal included)
     */
    public static SesSignature parse(byte[] der) {
        if (der == null || der.length == 0) {
            throw new SesFormatException("no signature data");
        }
        if (der.length > SesSealParser.MAX_BYTES) {
            throw new SesFormatException("the signature is " + der.length + " bytes; at most "
                    + SesSealParser.MAX_BYTES + " are accepted");
        }
        ASN1Sequence outer;
        try {
            ASN1Primitive p = ASN1Primitive.fromByteArray(der);
            if (!Arrays.equals(p.getEncoded(ASN1Encoding.DER), der)) {
                throw new SesFormatException("the SES_Signature is not DER-encoded (or has trailing bytes)");
            }
            outer = sequence(p, "SES_Signature");
        } catch (IOException e) {
            throw new SesFormatException("the SES_Signature is not ASN.1: " + e.getMessage());
        }
        try {
            if (outer.size() == 2) {
                return parseV1(outer);
            }
            if (outer.size() == 4 || outer.size() == 5) {
                return parseV4(outer);
            }
        } catch (SesFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SesFormatException("the SES_Signature is malformed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        throw new SesFormatException("SES_Signature has " + outer.size() + " fields; GB/T 38540 has 4 or 5, "
                + "GM/T 0031 has 2");
    }

    private static SesSignature parseV4(ASN1Sequence s) {
        ASN1Sequence tbs = sequence(s.getObjectAt(0), "TBS_Sign");
        if (tbs.size() < 5 || tbs.size() > 6) {
            throw new SesFormatException("TBS_Sign has " + tbs.size() + " fields, expected 5..6");
        }
        Optional<byte[]> timeStamp = Optional.empty();
        if (s.size() == 5) {
            ASN1Encodable last = s.getObjectAt(4);
            timeStamp = Optional.of(last instanceof ASN1TaggedObject tagged
                    ? bits(tagged.getExplicitBaseObject(), "SES_Signature.timeStamp")
                    : bits(last, "SES_Signature.timeStamp"));
        }
        return new SesSignature(SesSealParser.encode(tbs), integer(tbs.getObjectAt(0), "TBS_Sign.version"),
                seal(tbs.getObjectAt(1)), time(tbs.getObjectAt(2)), bits(tbs.getObjectAt(3), "TBS_Sign.dataHash"),
                text(tbs.getObjectAt(4), "TBS_Sign.propertyInfo"), octets(s.getObjectAt(1), "SES_Signature.cert"),
                oid(s.getObjectAt(2), "SES_Signature.signatureAlgID"),
                bits(s.getObjectAt(3), "SES_Signature.signature"), timeStamp);
    }

    private static SesSignature parseV1(ASN1Sequence s) {
        ASN1Sequence tbs = sequence(s.getObjectAt(0), "TBS_Sign");
        if (tbs.size() != 7) {
            throw new SesFormatException("TBS_Sign (GM/T 0031) has " + tbs.size() + " fields, expected 7");
        }
        return new SesSignature(SesSealParser.encode(tbs), integer(tbs.getObjectAt(0), "TBS_Sign.version"),
                seal(tbs.getObjectAt(1)), textTime(bits(tbs.getObjectAt(2), "TBS_Sign.timeInfo")),
                bits(tbs.getObjectAt(3), "TBS_Sign.dataHash"), text(tbs.getObjectAt(4), "TBS_Sign.propertyInfo"),
                octets(tbs.getObjectAt(5), "TBS_Sign.cert"),
                oid(tbs.getObjectAt(6), "TBS_Sign.signatureAlgorithm"),
                bits(s.getObjectAt(1), "SES_Signature.signature"), Optional.empty());
    }

    private static SesSeal seal(ASN1Encodable seal) {
        return SesSealParser.parse(SesSealParser.encode(seal));
    }

    /** GM/T 0031 writes the time as text in a BIT STRING: GeneralizedTime or UTCTime syntax. */
    private static Instant textTime(byte[] text) {
        String value = new String(text, StandardCharsets.US_ASCII).strip();
        try {
            if (value.length() >= 14 && Character.isDigit(value.charAt(13))) {
                return new ASN1GeneralizedTime(value).getDate().toInstant();
            }
            return new ASN1UTCTime(value).getAdjustedDate().toInstant();
        } catch (ParseException | IllegalArgumentException e) {
            throw new SesFormatException("TBS_Sign.timeInfo \"" + value + "\" is not a time");
        }
    }
}
