package org.onewindow.service.pki;

import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import org.bouncycastle.cert.CertIOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.onewindow.service.keys.CustodyContentSigner;
import org.onewindow.service.keys.KeyCustody;
import org.onewindow.service.keys.KeyRef;
import org.onewindow.service.keys.SignatureAlgorithm;

/**
 * A certification authority whose key is in custody: issues certificates (every one is recorded in the
 * {@link RevocationRegistry}) and signs through {@link KeyCustody#signDigest}. Thread-safe.
 */
public final class CertificateAuthority {
    /** Backdating of notBefore, for relying parties whose clocks run a little behind. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final CaRecord record;
    private final KeyCustody custody;
    private final RevocationRegistry registry;
    private final PkiUrls urls;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final X509Certificate certificate;
    private final List<X509Certificate> chain;

    /**
     * @param record  the CA; must hold its key ({@link CaRecord#holdsKey()})
     * @param custody the custody holding {@code record.key()}
     */
    public CertificateAuthority(CaRecord record, KeyCustody custody, RevocationRegistry registry, PkiUrls urls,
                                Clock clock) {
        if (!record.holdsKey()) {
            throw new IllegalArgumentException("CA " + record.caId() + " is external: it cannot issue");
        }
        this.record = record;
        this.custody = custody;
        this.registry = registry;
        this.urls = urls;
        this.clock = clock;
        this.certificate = record.certificate();
        this.chain = record.chain();
    }

    /**
     * Creates a self-signed root CA for a key already in custody and stores its record.
     *
     * @throws PkiStateConflictException when the id is taken
     */
    public static CertificateAuthority createRoot(String caId, CertificateSubject subject, KeyRef key,
                                                  KeyCustody custody, Duration validity, boolean demo,
                                                  PkiStateRepository repository, RevocationRegistry registry,
                                                  PkiUrls urls, Clock clock) {
        if (!CaRecord.isValidId(caId)) {
            throw new IllegalArgumentException("CA id '" + caId + "' must be 1-63 characters of [a-z0-9-]");
        }
        if (repository.findCa(caId).isPresent()) {
            throw new PkiStateConflictException("CA id '" + caId + "' is taken");
        }
        PublicKey publicKey = custody.publicKey(key);
        SignatureAlgorithm algorithm = algorithmFor(publicKey);
        Instant now = clock.instant();
        X500Name name = subject.toX500Name();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(new SecureRandom()),
                Date.from(now.minus(CLOCK_SKEW)), Date.from(now.plus(validity)), name, publicKey);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
            X509Certificate root = Pem.certificate(builder.build(new CustodyContentSigner(custody, key, algorithm)));
            CaRecord record = new CaRecord(caId, CertificateKind.ROOT_CA, key.toString(), List.of(Pem.encode(root)),
                    demo, now);
            custody.setCertificateChain(key, List.of(root));
            repository.createCa(record);
            return new CertificateAuthority(record, custody, registry, urls, clock);
        } catch (CertIOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("building the root certificate of " + caId + " failed", e);
        }
    }

    /**
     * Issues a subordinate CA certificate (path length 0) for a key in custody, stores its record and returns it.
     */
    public CertificateAuthority createSubordinate(String caId, CertificateSubject subject, KeyRef key,
                                                  KeyCustody keyCustody, Duration validity, boolean demo,
                                                  PkiStateRepository repository) {
        if (!CaRecord.isValidId(caId)) {
            throw new IllegalArgumentException("CA id '" + caId + "' must be 1-63 characters of [a-z0-9-]");
        }
        if (repository.findCa(caId).isPresent()) {
            throw new PkiStateConflictException("CA id '" + caId + "' is taken");
        }
        X509Certificate issued = issueAndInstall(new CertificateRequest(CertificateKind.SUBORDINATE_CA, subject,
                keyCustody.publicKey(key), validity, null), keyCustody, key);
        List<String> chainPem = new ArrayList<>();
        chainPem.add(Pem.encode(issued));
        chain.forEach(c -> chainPem.add(Pem.encode(c)));
        CaRecord subordinate = new CaRecord(caId, CertificateKind.SUBORDINATE_CA, key.toString(), chainPem, demo,
                clock.instant());
        repository.createCa(subordinate);
        return new CertificateAuthority(subordinate, keyCustody, registry, urls, clock);
    }

    public String id() {
        return record.caId();
    }

    public CaRecord record() {
        return record;
    }

    /** The CA certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA certificate first, then its issuers up to the root. */
    public List<X509Certificate> chain() {
        return chain;
    }

    public KeyRef key() {
        return record.key();
    }

    public KeyCustody custody() {
        return custody;
    }

    public RevocationRegistry registry() {
        return registry;
    }

    public PkiUrls urls() {
        return urls;
    }

    /** SHA-256 with the CA key's algorithm; SM3withSM2 for an SM2 CA. */
    public SignatureAlgorithm signatureAlgorithm() {
        return algorithmFor(certificate.getPublicKey());
    }

    /** A fresh BC signer over the CA key (one per signed object). */
    public CustodyContentSigner contentSigner() {
        return new CustodyContentSigner(custody, key(), signatureAlgorithm());
    }

    static SignatureAlgorithm algorithmFor(PublicKey key) {
        try {
            return SignatureAlgorithm.defaultFor(key);
        } catch (org.onewindow.service.keys.UnsupportedSignatureAlgorithmException e) {
            throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm());
        }
    }

    private static BigInteger serial(SecureRandom random) {
        // 127 random bits: positive, fits the 20-octet limit, far more than the 64 bits CA/B asks for.
        return new BigInteger(127, random).setBit(126);
    }

    /**
     * Issues a certificate and records it in the registry.
     *
     * @return the certificate; the chain to the root is {@code [result] + chain()}
     */
    public X509Certificate issue(CertificateRequest request) {
        Instant now = clock.instant();
        Instant notAfter = now.plus(request.validity());
        Instant caEnd = certificate.getNotAfter().toInstant();
        if (notAfter.isAfter(caEnd)) {
            notAfter = caEnd;
        }
        PublicKey publicKey = request.publicKey();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(random),
                Date.from(now.minus(CLOCK_SKEW)), Date.from(notAfter), request.subject().toX500Name(), publicKey);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(certificate.getPublicKey()));
            switch (request.kind()) {
                case SUBORDINATE_CA -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                    builder.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
                    addRevocationPointers(builder);
                }
                case SEAL -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
                    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            request.extendedKeyUsages().stream()
                                    .map(oid -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid)))
                                    .toArray(KeyPurposeId[]::new)));
                    addRevocationPointers(builder);
                }
                case OCSP_SIGNER -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
                    // RFC 6960 4.2.2.2.1: relying parties need not check the responder certificate's status.
                    builder.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
                }
                case TIME_STAMPING -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
                    // RFC 3161 2.3: exactly one EKU, id-kp-timeStamping, and critical.
                    builder.addExtension(Extension.extendedKeyUsage, true,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
                    addRevocationPointers(builder);
                }
                default -> throw new IllegalArgumentException("cannot issue " + request.kind());
            }
            X509Certificate issued = Pem.certificate(builder.build(contentSigner()));
            registry.record(id(), issued, request.kind());
            return issued;
        } catch (CertIOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("building a certificate failed", e);
        }
    }

    /**
     * Issues a certificate for a key in custody and stores the chain (certificate + this CA's chain) with the key.
     */
    public X509Certificate issueAndInstall(CertificateRequest request, KeyCustody keyCustody, KeyRef key) {
        if (!keyCustody.publicKey(key).equals(request.publicKey())) {
            throw new IllegalArgumentException("the request's public key is not the public key of " + key);
        }
        X509Certificate issued = issue(request);
        List<X509Certificate> installed = new ArrayList<>();
        installed.add(issued);
        installed.addAll(chain);
        keyCustody.setCertificateChain(key, installed);
        return issued;
    }

    private void addRevocationPointers(X509v3CertificateBuilder builder) throws CertIOException {
        GeneralName crl = new GeneralName(GeneralName.uniformResourceIdentifier, urls.crl(id()));
        builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                new DistributionPoint(new DistributionPointName(new GeneralNames(crl)), null, null)}));
        builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(new AccessDescription[] {
                new AccessDescription(AccessDescription.id_ad_ocsp,
                        new GeneralName(GeneralName.uniformResourceIdentifier, urls.ocsp())),
                new AccessDescription(AccessDescription.id_ad_caIssuers,
                        new GeneralName(GeneralName.uniformResourceIdentifier, urls.caIssuers(id())))}));
    }
}
