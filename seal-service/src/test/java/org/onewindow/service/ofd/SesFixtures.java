package org.onewindow.service.ofd;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.ofdrw.gm.ses.v1.SES_ESPictrueInfo;
import org.ofdrw.gm.ses.v1.SES_Header;
import org.ofdrw.gm.ses.v4.CertInfoList;
import org.ofdrw.gm.ses.v4.SESeal;
import org.ofdrw.gm.ses.v4.SES_CertList;
import org.ofdrw.gm.ses.v4.SES_ESPropertyInfo;
import org.ofdrw.gm.ses.v4.SES_SealInfo;
import org.onewindow.service.seal.image.SealImageSpec;
import org.onewindow.service.ses.SesSealParser;
import org.onewindow.service.ses.SesSigner;
import org.onewindow.service.seal.image.SealLayout;
import org.onewindow.service.seal.image.SealPngRenderer;

/**
 * Test fixtures made directly with Bouncy Castle: an SM2 root CA, a seal maker, signers with SM3withSM2
 * certificates, and GB/T 38540 version-4 seals (PNG picture of the project's seal renderer) signed by the maker.
 * Stand-ins for the custody-backed SM2 PKI of the {@code ses} package.
 */
public final class SesFixtures {
    static final Provider BC = new BouncyCastleProvider();
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    public record Party(KeyPair keys, X509Certificate certificate) {
    }

    public final Party root;
    public final Party maker;

    public SesFixtures() {
        root = party("CN=敦煌市电子印章根CA,O=敦煌市行政服务中心,C=CN", null, true, Duration.ofDays(3650));
        maker = party("CN=敦煌市电子印章制作系统,O=敦煌市行政服务中心,C=CN", root, false, Duration.ofDays(1000));
    }

    public Party signer(String organization, String name) {
        return party("CN=" + name + ",O=" + organization + ",C=CN", root, false, Duration.ofDays(365));
    }

    Party party(String subject, Party issuer, boolean ca, Duration validity) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec("sm2p256v1"));
            KeyPair keys = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name name = new X500Name(subject);
            X500Name issuerName = issuer == null ? name
                    : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(validity)), name, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            X509Certificate cert = new JcaX509CertificateConverter().setProvider(BC).getCertificate(builder.build(
                    new JcaContentSignerBuilder("SM3withSM2").setProvider(BC)
                            .build(issuer == null ? keys.getPrivate() : issuer.keys().getPrivate())));
            return new Party(keys, cert);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A special seal (专用章) for {@code signer}, valid from yesterday for a year, signed by the maker. */
    public SESeal seal(Party signer, String organization, String sealName) {
        return seal(signer, organization, sealName, Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(365)), maker);
    }

    SESeal seal(Party signer, String organization, String sealName, Instant validStart, Instant validEnd,
                Party madeBy) {
        try {
            SealLayout layout = SealLayout.compute(SealImageSpec.specialSeal(organization, sealName));
            byte[] png = new SealPngRenderer().renderPng(layout, 300);
            SES_ESPropertyInfo property = new SES_ESPropertyInfo()
                    .setType(new ASN1Integer(2))
                    .setName(new DERUTF8String(sealName))
                    .setCertListType(SES_ESPropertyInfo.CertListType)
                    .setCertList(new SES_CertList(new CertInfoList()
                            .add(new DEROctetString(signer.certificate().getEncoded()))))
                    .setCreateDate(new ASN1GeneralizedTime(Date.from(validStart)))
                    .setValidStart(new ASN1GeneralizedTime(Date.from(validStart)))
                    .setValidEnd(new ASN1GeneralizedTime(Date.from(validEnd)));
            SES_SealInfo info = new SES_SealInfo()
                    .setHeader(new SES_Header(new ASN1Integer(4), new DERIA5String("ONEWINDOW")))
                    .setEsID("62098200000" + SERIAL.incrementAndGet())
                    .setProperty(property)
                    .setPicture(new SES_ESPictrueInfo(new DERIA5String("png"), new DEROctetString(png),
                            new ASN1Integer(40), new ASN1Integer(40)));
            SESeal seal = new SESeal().seteSealInfo(info)
                    .setCert(new DEROctetString(madeBy.certificate().getEncoded()))
                    .setSignAlgID(GMObjectIdentifiers.sm2sign_with_sm3);
            seal.setSignedValue(sign(madeBy, makerSignedData(seal)));
            return seal;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] makerSignedData(SESeal seal) {
        return SesSealParser.makerSignedData(seal.geteSealInfo(), seal.getCert(), seal.getSignAlgID());
    }

    static byte[] der(org.bouncycastle.asn1.ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sign(Party party, byte[] data) {
        try {
            Signature signature = Signature.getInstance("SM3withSM2", BC);
            signature.initSign(party.keys().getPrivate());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A software {@link SesSigner}: the key in memory, as custody would hold it. */
    public static SesSigner softSigner(Party party, SESeal seal) {
        return signer(party.certificate(), party, der(seal));
    }

    /** A signer presenting {@code certificate} and {@code sealDer}, signing with {@code key}'s private key. */
    static SesSigner signer(X509Certificate certificate, Party key, byte[] sealDer) {
        return new SesSigner() {
            @Override
            public X509Certificate certificate() {
                return certificate;
            }

            @Override
            public byte[] signSm3WithSm2(byte[] data) {
                return sign(key, data);
            }

            @Override
            public byte[] seal() {
                return sealDer;
            }
        };
    }
}
