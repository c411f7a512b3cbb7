package org.onewindow.service.archive;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.onewindow.service.keys.CustodyContentSigner;
import org.onewindow.service.keys.CustodySigner;
import org.onewindow.service.keys.KeyAliasTakenException;
import org.onewindow.service.keys.KeyCustody;
import org.onewindow.service.keys.KeyRef;
import org.onewindow.service.pki.CertificateAuthority;
import org.onewindow.service.pki.CertificateKind;
import org.onewindow.service.pki.CertificateRequest;
import org.onewindow.service.pki.CertificateSubject;
import org.onewindow.service.seal.SealServices;

/**
 * Signs archive manifests for the center: a detached CMS (PKCS#7) SignedData over the manifest bytes, SHA-256, with
 * the signing time and the whole certificate chain (leaf, issuing CA, root) included, so that
 * {@code openssl cms -verify -binary -content manifest.json -inform DER -in manifest.json.p7s -CAfile root.pem
 * -purpose any} checks it without this software.
 *
 * <p>The key is a dedicated archive key {@value #KEY_ALIAS} in the default key custody (the PKCS#11 token when one is
 * configured), certified by the demo issuing CA as {@link #SUBJECT}. It is not a seal of the registry: packaging an
 * archive is a system function of the center (like the TSA and OCSP keys), not a person applying a seal, so no
 * {@code seal.use} authorization applies; the packaging itself is audited ({@code archive.create}). The key and its
 * certificate are created on first use.
 */
public final class ArchiveSigner {
    /** The alias of the archive key in the default custody. */
    public static final String KEY_ALIAS = "archive-signer";
    /** The certificate subject of the archive key. */
    public static final CertificateSubject SUBJECT = new CertificateSubject(CertificateSubject.CENTER
            + " 电子档案签名 (DEMO)", CertificateSubject.CENTER);
    /** Lifetime asked for (capped at the issuing CA's end). */
    public static final Duration VALIDITY = Duration.ofDays(365L * 10);

    private final Supplier<SealServices> seals;
    private final Clock clock;

    public ArchiveSigner(Supplier<SealServices> seals, Clock clock) {
        this.seals = seals;
        this.clock = clock;
    }

    /** A signature and the chain that made it. */
    public record Signed(byte[] cms, List<X509Certificate> chain) {
    }

    /** The archive key, created and certified when missing. */
    public synchronized CustodySigner signer() {
        SealServices services = seals.get();
        KeyCustody custody = services.custodies().defaultCustody();
        KeyRef ref = new KeyRef(custody.id(), KEY_ALIAS);
        if (!custody.contains(ref)) {
            try {
                custody.generateKey(KEY_ALIAS, services.registry().settings().defaultKeySpec());
            } catch (KeyAliasTakenException raced) {
                // another instance created it at the same moment: use theirs
            }
        }
        CertificateAuthority issuing = services.pki().demo().issuing();
        List<X509Certificate> chain = custody.certificateChain(ref);
        boolean certified = chain.size() > 1 && chain.get(0).getIssuerX500Principal()
                .equals(issuing.certificate().getSubjectX500Principal());
        if (!certified) {
            issuing.issueAndInstall(new CertificateRequest(CertificateKind.SEAL, SUBJECT, custody.publicKey(ref),
                    VALIDITY, null), custody, ref);
        }
        return CustodySigner.of(custody, ref);
    }

    /**
     * Adds an RFC 3161 time-stamp over the signature value as the unsigned attribute
     * id-aa-signatureTimeStampToken (RFC 3161 appendix A, CAdES-T): it proves the signature existed at that time,
     * independently of the service's own clock. Readers that do not know it (openssl) ignore it.
     *
     * @throws org.onewindow.service.pki.TimeStampException when the TSA gives no valid token (503)
     */
    private CMSSignedData withTimeStamp(CMSSignedData signed) throws IOException {
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        byte[] imprint = sha256(signer.getSignature());
        byte[] token = seals.get().timeStamper().timeStampToken("SHA-256", imprint);
        ASN1EncodableVector unsigned = new ASN1EncodableVector();
        unsigned.add(new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                new DERSet(ASN1Primitive.fromByteArray(token))));
        SignerInformation stamped = SignerInformation.replaceUnsignedAttributes(signer, new AttributeTable(unsigned));
        return CMSSignedData.replaceSigners(signed, new SignerInformationStore(stamped));
    }

    static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** Signs {@code content} (detached), with the signing time from the clock and a time-stamp from the TSA. */
    public Signed sign(byte[] content) {
        CustodySigner signer = signer();
        List<X509Certificate> chain = signer.certificateChain();
        try {
            ASN1EncodableVector attributes = new ASN1EncodableVector();
            attributes.add(new Attribute(CMSAttributes.signingTime,
                    new DERSet(new Time(Date.from(clock.instant())))));
            SignerInfoGenerator info = new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
                    .build(new CustodyContentSigner(signer.custody(), signer.key(), signer.algorithm()), chain.get(0));
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(info);
            generator.addCertificates(new JcaCertStore(chain));
            CMSSignedData signed = generator.generate(new CMSProcessableByteArray(content), false);
            return new Signed(withTimeStamp(signed).getEncoded(ASN1Encoding.DER), chain);
        } catch (OperatorCreationException | CertificateEncodingException | CMSException | IOException e) {
            throw new IllegalStateException("signing the archive manifest failed: " + e.getMessage(), e);
        }
    }
}
