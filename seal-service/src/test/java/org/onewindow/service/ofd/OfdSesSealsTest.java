package org.onewindow.service.ofd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.ofdrw.gm.ses.v1.SES_ESPictrueInfo;
import org.ofdrw.gm.ses.v1.SES_ESPropertyInfo;
import org.ofdrw.gm.ses.v1.SES_Header;
import org.ofdrw.gm.ses.v1.SES_SealInfo;
import org.ofdrw.gm.ses.v1.SES_SignInfo;
import org.onewindow.service.keys.Sm2;
import org.onewindow.service.ses.SesRevocationSource;
import org.onewindow.service.ses.SesSealParser;
import org.onewindow.service.ses.SesSigner;
import org.onewindow.service.ses.SesVersion;
import org.onewindow.service.verify.Indication;
import org.onewindow.service.verify.SubIndication;
import org.onewindow.service.verify.VerificationReport;
import org.onewindow.service.verify.VerificationReport.RevocationCheck;

/**
 * OFD verification through the {@code ses} seal verifier: seals of every layout (GM/T 0031 v1, GB/T 38540 v4, the
 * v5 time-stamped layout) and the revocation status of signer and seal maker.
 */
class OfdSesSealsTest {
    final SealedSamples s = SealedSamples.get();

    private byte[] sealWith(byte[] sesSeal) {
        SesSigner signer = SesFixtures.signer(s.centerParty.certificate(), s.centerParty, sesSeal);
        return s.sealer.seal(s.decision.ofd(), OfdSealRequest.of(signer,
                s.decision.sealField("approvalSeal").placement()));
    }

    @Test
    void aVersion5SealWithItsTimeStampVerifies() throws Exception {
        byte[] v4 = SesFixtures.der(s.centerSeal);
        byte[] token = s.tsa.timeStampToken("SHA-256", MessageDigest.getInstance("SHA-256")
                .digest(SesSealParser.parse(v4).signedValue()));
        ASN1EncodableVector fields = new ASN1EncodableVector();
        ASN1Sequence.getInstance(v4).forEach(fields::add);
        fields.add(new DERTaggedObject(true, 0, new DERBitString(token)));
        byte[] v5 = SesFixtures.der(new DERSequence(fields));
        assertEquals(SesVersion.V5, SesSealParser.parse(v5).version());

        VerificationReport report = new OfdVerifier(s.trusting).verify(sealWith(v5));
        assertEquals(Indication.TOTAL_PASSED, report.indication(), report::toString);

        // the same seal with a time-stamp over something else: the seal is not usable
        byte[] otherToken = s.tsa.timeStampToken("SHA-256", new byte[32]);
        fields = new ASN1EncodableVector();
        ASN1Sequence.getInstance(v4).forEach(fields::add);
        fields.add(new DERTaggedObject(true, 0, new DERBitString(otherToken)));
        VerificationReport bad = new OfdVerifier(s.trusting).verify(sealWith(
                SesFixtures.der(new DERSequence(fields))));
        assertEquals(Indication.TOTAL_FAILED, bad.indication(), bad::toString);
        assertTrue(bad.signatures().get(0).errors().stream().anyMatch(e -> e.contains("time-stamp")),
                bad::toString);
    }

    @Test
    void aVersion1SealVerifies() throws Exception {
        Instant now = Instant.now();
        SES_ESPropertyInfo property = new SES_ESPropertyInfo(new ASN1Integer(1), new DERUTF8String("审批专用章"),
                new DERSequence(new DEROctetString(s.centerParty.certificate().getEncoded())),
                new ASN1UTCTime(Date.from(now)), new ASN1UTCTime(Date.from(now.minus(Duration.ofMinutes(5)))),
                new ASN1UTCTime(Date.from(now.plus(Duration.ofDays(10)))));
        SES_SealInfo info = new SES_SealInfo(new SES_Header(new ASN1Integer(1), new DERIA5String("legacy")),
                new DERIA5String("v1-0001"), property, new SES_ESPictrueInfo(new DERIA5String("png"),
                new DEROctetString(SesSealParser.parse(SesFixtures.der(s.centerSeal)).picture()),
                new ASN1Integer(40), new ASN1Integer(40)), null);
        DEROctetString cert = new DEROctetString(s.pki.maker.certificate().getEncoded());
        ASN1ObjectIdentifier algorithm = new ASN1ObjectIdentifier(Sm2.SM3_WITH_SM2_OID);
        byte[] signature = SesFixtures.sign(s.pki.maker, SesSealParser.makerSignedData(info, cert, algorithm));
        byte[] v1 = SesFixtures.der(new org.ofdrw.gm.ses.v1.SESeal(info,
                new SES_SignInfo(cert, algorithm, new DERBitString(signature))));
        assertEquals(SesVersion.V1, SesSealParser.parse(v1).version());

        VerificationReport report = new OfdVerifier(s.trusting).verify(sealWith(v1));
        assertEquals(Indication.TOTAL_PASSED, report.indication(), report::toString);
        assertTrue(report.signatures().get(0).fieldName().contains("审批专用章"), report::toString);
    }

    /** A CRL of the fixtures' root listing {@code revoked} (or nothing), as the CA would publish it. */
    private SesRevocationSource crl(Optional<X509Certificate> revoked, Instant revokedAt) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(s.pki.root.certificate().getSubjectX500Principal().getEncoded()),
                    Date.from(Instant.now().minus(Duration.ofMinutes(1))));
            builder.setNextUpdate(Date.from(Instant.now().plus(Duration.ofDays(1))));
            for (X509Certificate certificate : revoked.stream().toList()) {
                builder.addCRLEntry(certificate.getSerialNumber(), Date.from(revokedAt), 0);
            }
            byte[] der = builder.build(new JcaContentSignerBuilder("SM3withSM2").setProvider(SesFixtures.BC)
                    .build(s.pki.root.keys().getPrivate())).getEncoded();
            return new SesRevocationSource() {
                @Override
                public Optional<byte[]> ocsp(byte[] request) {
                    return Optional.empty();
                }

                @Override
                public Optional<byte[]> crl(X509Certificate issuer) {
                    return issuer.equals(s.pki.root.certificate()) ? Optional.of(der) : Optional.empty();
                }
            };
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void revocationStatusComesFromTheGivenSource() {
        VerificationReport good = new OfdVerifier(s.trusting, List.of(), crl(Optional.empty(), Instant.now()))
                .verify(s.twoSeals);
        assertEquals(Indication.TOTAL_PASSED, good.indication(), good::toString);
        good.signatures().forEach(sig -> assertEquals(RevocationCheck.Status.GOOD, sig.revocation().status()));

        VerificationReport revoked = new OfdVerifier(s.trusting, List.of(),
                crl(Optional.of(s.centerParty.certificate()), Instant.now().minus(Duration.ofDays(1))))
                .verify(s.twoSeals);
        assertEquals(Indication.TOTAL_FAILED, revoked.indication(), revoked::toString);
        VerificationReport.SignatureReport center = revoked.signatures().get(1);
        assertEquals(SubIndication.REVOKED, center.subIndication().orElseThrow(), center::toString);
        assertEquals(RevocationCheck.Status.REVOKED, center.revocation().status());
        assertEquals(Indication.TOTAL_PASSED, revoked.signatures().get(0).indication(), "the department's seal");

        // no revocation data: a warning, or TRY_LATER when the policy requires revocation data
        VerificationReport unknown = new OfdVerifier(s.trusting).verify(s.twoSeals);
        assertEquals(Indication.TOTAL_PASSED, unknown.indication(), unknown::toString);
        assertEquals(RevocationCheck.Status.NO_DATA, unknown.signatures().get(0).revocation().status());
        VerificationReport strict = new OfdVerifier(s.trusting.requiringRevocationData()).verify(s.twoSeals);
        assertEquals(SubIndication.TRY_LATER, strict.signatures().get(0).subIndication().orElseThrow());
    }

    @Test
    void aSignerBelowAnIntermediateCaChainsOnlyWithThatCa() {
        SesFixtures.Party issuing = s.pki.party("CN=敦煌市电子印章签发CA,O=敦煌市行政服务中心,C=CN", s.pki.root, true,
                Duration.ofDays(1000));
        SesFixtures.Party clerk = s.pki.party("CN=窗口专用章,O=" + SealedSamples.CENTER + ",C=CN", issuing, false,
                Duration.ofDays(100));
        byte[] sealed = s.sealer.seal(s.decision.ofd(), OfdSealRequest.of(SesFixtures.softSigner(clerk,
                s.pki.seal(clerk, SealedSamples.CENTER, "窗口专用章")), s.decision.sealField("approvalSeal").placement()));
        VerificationReport without = new OfdVerifier(s.trusting).verify(sealed);
        assertEquals(Indication.INDETERMINATE, without.indication(), without::toString);
        assertEquals(SubIndication.NO_CERTIFICATE_CHAIN_FOUND, without.signatures().get(0).subIndication().orElseThrow());
        VerificationReport with = new OfdVerifier(s.trusting, List.of(issuing.certificate()),
                SesRevocationSource.none()).verify(sealed);
        assertEquals(Indication.TOTAL_PASSED, with.indication(), with::toString);
        assertTrue(with.signatures().get(0).chainTrusted());
    }
}
