package org.onewindow.service.ofd;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.onewindow.service.pki.TimeStamper;

/** A minimal in-process RFC 3161 TSA (EC P-256 key, certificate from the fixtures' SM2 root) for tests. */
final class TestTsa implements TimeStamper {
    private final KeyPair keys;
    private final X509Certificate certificate;
    private long serial;

    TestTsa(SesFixtures.Party root) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(root.certificate().getSubjectX500Principal().getEncoded()),
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(365))), new X500Name("CN=测试时间戳服务,C=CN"), keys.getPublic());
            builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
            certificate = new JcaX509CertificateConverter().setProvider(SesFixtures.BC).getCertificate(builder.build(
                    new JcaContentSignerBuilder("SM3withSM2").setProvider(SesFixtures.BC).build(root.keys().getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized byte[] timeStampToken(String digestAlgorithm, byte[] digest) {
        try {
            TimeStampTokenGenerator generator = new TimeStampTokenGenerator(
                    new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", keys.getPrivate(), certificate),
                    new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder().build()
                            .get(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                    new ASN1ObjectIdentifier("1.2.156.112559.1.1.1"));
            generator.addCertificates(new JcaCertStore(List.of(certificate)));
            org.bouncycastle.tsp.TimeStampRequestGenerator request = new org.bouncycastle.tsp.TimeStampRequestGenerator();
            request.setCertReq(true);
            return generator.generate(request.generate(NISTObjectIdentifiers.id_sha256, digest),
                    BigInteger.valueOf(++serial), new Date()).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String describe() {
        return "test TSA";
    }
}
