package org.onewindow.service.ses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.ofdrw.gm.ses.v1.SES_ESPictrueInfo;
import org.ofdrw.gm.ses.v1.SES_ESPropertyInfo;
import org.ofdrw.gm.ses.v1.SES_Header;
import org.ofdrw.gm.ses.v1.SES_SealInfo;
import org.ofdrw.gm.ses.v1.SES_SignInfo;
import org.onewindow.service.keys.Sm2;

/** {@link SesSignature}: made and read back (v4), the GM/T 0031 v1 layout read, malformed input refused. */
class SesSignatureTest {
    private static KeyPair sm2Keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Sm2.provider());
        generator.initialize(new ECGenParameterSpec("sm2p256v1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate selfSigned(KeyPair keys, String cn) throws Exception {
        Instant now = Instant.now();
        return new JcaX509CertificateConverter().setProvider(Sm2.provider()).getCertificate(
                new JcaX509v3CertificateBuilder(new X500Name("CN=" + cn), BigInteger.ONE,
                        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))),
                        new X500Name("CN=" + cn), keys.getPublic())
                        .build(new JcaContentSignerBuilder("SM3withSM2").setProvider(Sm2.provider())
                                .build(keys.getPrivate())));
    }

    private static byte[] sign(KeyPair keys, byte[] data) throws Exception {
        Signature signature = Signature.getInstance("SM3withSM2", Sm2.provider());
        signature.initSign(keys.getPrivate());
        signature.update(data);
        return signature.sign();
    }

    /** A v1 seal listing {@code signer}, signed by {@code maker}. */
    private static byte[] v1Seal(KeyPair maker, X509Certificate makerCert, X509Certificate signer) throws Exception {
        Instant now = Instant.now();
        SES_ESPropertyInfo property = new SES_ESPropertyInfo(new ASN1Integer(1), new DERUTF8String("测试章"),
                new DERSequence(new DEROctetString(signer.getEncoded())), new ASN1UTCTime(Date.from(now)),
                new ASN1UTCTime(Date.from(now.minus(Duration.ofMinutes(1)))),
                new ASN1UTCTime(Date.from(now.plus(Duration.ofDays(1)))));
        SES_SealInfo info = new SES_SealInfo(new SES_Header(new ASN1Integer(1), new DERIA5String("v")),
                new DERIA5String("v1"), property, new SES_ESPictrueInfo(new DERIA5String("png"),
                new DEROctetString(new byte[] {1, 2, 3}), new ASN1Integer(40), new ASN1Integer(40)), null);
        DEROctetString cert = new DEROctetString(makerCert.getEncoded());
        ASN1ObjectIdentifier algorithm = new ASN1ObjectIdentifier(Sm2.SM3_WITH_SM2_OID);
        return SesSealParser.encode(new org.ofdrw.gm.ses.v1.SESeal(info, new SES_SignInfo(cert, algorithm,
                new DERBitString(sign(maker, SesSealParser.makerSignedData(info, cert, algorithm))))));
    }

    @Test
    void aMadeSignatureReadsBackAndVerifies() throws Exception {
        KeyPair maker = sm2Keys();
        KeyPair signerKeys = sm2Keys();
        X509Certificate signer = selfSigned(signerKeys, "signer");
        byte[] seal = v1Seal(maker, selfSigned(maker, "maker"), signer);
        byte[] dataHash = Sm2.sm3().digest("文档".getBytes(StandardCharsets.UTF_8));
        Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        byte[] der = SesSignature.make(new SesSigner() {
            @Override
            public X509Certificate certificate() {
                return signer;
            }

            @Override
            public byte[] signSm3WithSm2(byte[] data) {
                try {
                    return sign(signerKeys, data);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public byte[] seal() {
                return seal;
            }
        }, time, dataHash, "/Doc_0/Signs/Sign_0/Signature.xml", Optional.of(value -> new byte[] {9, 9}));

        SesSignature read = SesSignature.parse(der);
        assertEquals(4, read.version());
        assertEquals(time, read.timeInfo());
        assertArrayEquals(dataHash, read.dataHash());
        assertEquals("/Doc_0/Signs/Sign_0/Signature.xml", read.propertyInfo());
        assertArrayEquals(signer.getEncoded(), read.certificate());
        assertEquals(SesVersion.V1, read.seal().version());
        assertArrayEquals(new byte[] {9, 9}, read.timeStamp().orElseThrow());
        assertTrue(Sm2.verify(signer.getPublicKey(), read.toSign(), read.signature()));
    }

    /** GM/T 0031: SEQUENCE {TBS_Sign {version, eseal, timeInfo BIT STRING, dataHash, propertyInfo, cert, alg}, sig}. */
    @Test
    void theVersion1LayoutIsRead() throws Exception {
        KeyPair maker = sm2Keys();
        KeyPair signerKeys = sm2Keys();
        X509Certificate signer = selfSigned(signerKeys, "signer");
        byte[] seal = v1Seal(maker, selfSigned(maker, "maker"), signer);
        DERSequence tbs = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {new ASN1Integer(1),
                ASN1Primitive.fromByteArray(seal),
                new DERBitString("20261125080000Z".getBytes(StandardCharsets.US_ASCII)),
                new DERBitString(new byte[32]), new DERIA5String("/Doc_0/Signs/Sign_0/Signature.xml"),
                new DEROctetString(signer.getEncoded()), new ASN1ObjectIdentifier(Sm2.SM3_WITH_SM2_OID)});
        byte[] toSign = SesSealParser.encode(tbs);
        byte[] der = SesSealParser.encode(new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {tbs,
                new DERBitString(sign(signerKeys, toSign))}));

        SesSignature read = SesSignature.parse(der);
        assertEquals(1, read.version());
        assertEquals(Instant.parse("2026-11-25T08:00:00Z"), read.timeInfo());
        assertArrayEquals(toSign, read.toSign());
        assertTrue(read.timeStamp().isEmpty());
        assertTrue(Sm2.verify(signer.getPublicKey(), read.toSign(), read.signature()));
    }

    @Test
    void malformedSignaturesAreRefusedWithAReason() {
        assertThrows(SesFormatException.class, () -> SesSignature.parse(new byte[0]));
        SesFormatException three = assertThrows(SesFormatException.class, () -> SesSignature.parse(
                SesSealParser.encode(new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {new ASN1Integer(1),
                        new ASN1Integer(2), new ASN1Integer(3)}))));
        assertTrue(three.getMessage().contains("3 fields"), three.getMessage());
        byte[] trailing = SesSealParser.encode(new DERSequence(new ASN1Integer(1)));
        byte[] withGarbage = java.util.Arrays.copyOf(trailing, trailing.length + 1);
        assertThrows(SesFormatException.class, () -> SesSignature.parse(withGarbage));
    }
}
