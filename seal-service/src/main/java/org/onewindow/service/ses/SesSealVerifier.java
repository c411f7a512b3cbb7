package org.onewindow.service.ses;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.onewindow.service.keys.Sm2;
import org.onewindow.service.pki.CaRecord;
import org.onewindow.service.pki.PkiServices;

/**
 * Verifies electronic seals completely, including what common open-source verifiers leave out: the maker's SM2
 * signature over the seal, the seal's validity at the signing time, that the signer's certificate is in the seal's
 * list, and for both the maker's and the signer's certificate the chain to a trusted root (Bouncy Castle PKIX at the
 * signing time) and the revocation status of every certificate below the root (a verified OCSP response, else a
 * verified CRL; no answer at all is a failure). Every failed check is reported with its {@link SesFailure}.
 */
public final class SesSealVerifier {
    private final List<X509Certificate> anchors;
    private final List<X509Certificate> intermediates;
    private final SesRevocationSource revocation;
    private final Clock clock;
    private final DigestCalculatorProvider digests;

    /**
     * @param anchors       trusted roots
     * @param intermediates CA certificates that may sit between a root and the maker or signer certificate
     * @param revocation    OCSP/CRL source
     */
    public SesSealVerifier(Collection<X509Certificate> anchors, Collection<X509Certificate> intermediates,
                           SesRevocationSource revocation, Clock clock) {
        this.anchors = List.copyOf(anchors);
        this.intermediates = List.copyOf(intermediates);
        this.revocation = Objects.requireNonNull(revocation, "revocation");
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            this.digests = new JcaDigestCalculatorProviderBuilder().setProvider(Sm2.provider()).build();
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("digest calculators unavailable", e);
        }
    }

    /** Trusts this service's CAs (every root it knows, every CA below) and asks its own OCSP responder and CRLs. */
    public static SesSealVerifier forPki(PkiServices pki, Clock clock) {
        Set<X509Certificate> cas = new LinkedHashSet<>();
        for (CaRecord record : pki.cas().records()) {
            cas.addAll(record.chain());
        }
        List<X509Certificate> roots = pki.cas().trustedRoots();
        cas.removeAll(roots);
        return new SesSealVerifier(roots, cas, SesRevocationSource.inProcess(pki), clock);
    }

    /** Parses and verifies a DER seal. @throws SesFormatException when it is not a seal */
    public SesVerification verify(byte[] seal, X509Certificate signer, Instant signingTime) {
        return verify(SesSealParser.parse(seal), signer, signingTime);
    }

    /**
     * Verifies a seal for a use at {@code signingTime}.
     *
     * @param signer the certificate the seal was applied with, or {@code null} to check the seal alone
     */
    public SesVerification verify(SesSeal seal, X509Certificate signer, Instant signingTime) {
        Objects.requireNonNull(seal, "seal");
        Objects.requireNonNull(signingTime, "signingTime");
        List<SesVerification.Finding> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        notes.add("seal version " + seal.version().number() + " (" + seal.version() + "), esID " + seal.esId());

        X509Certificate maker = null;
        try {
            maker = seal.makerX509();
        } catch (SesFormatException e) {
            failures.add(new SesVerification.Finding(SesFailure.MAKER_CERTIFICATE_UNREADABLE, e.getMessage()));
        }
        if (!Sm2.SM3_WITH_SM2_OID.equals(seal.signatureAlgorithm())) {
            failures.add(new SesVerification.Finding(SesFailure.UNSUPPORTED_ALGORITHM, "the seal is signed with "
                    + seal.signatureAlgorithm() + "; only SM3withSM2 (" + Sm2.SM3_WITH_SM2_OID + ") is accepted"));
        } else if (maker != null) {
            checkMakerSignature(seal, maker, failures, notes);
        }

        if (signingTime.isBefore(seal.validStart())) {
            failures.add(new SesVerification.Finding(SesFailure.SEAL_NOT_YET_VALID, "the seal is valid from "
                    + seal.validStart() + ", it was applied at " + signingTime));
        }
        if (signingTime.isAfter(seal.validEnd())) {
            failures.add(new SesVerification.Finding(SesFailure.SEAL_EXPIRED, "the seal expired at "
                    + seal.validEnd() + ", it was applied at " + signingTime));
        }
        if (signer != null && !inCertificateList(seal, signer)) {
            failures.add(new SesVerification.Finding(SesFailure.SIGNER_NOT_IN_SEAL, "the signer certificate "
                    + signer.getSubjectX500Principal().getName() + " (serial " + signer.getSerialNumber().toString(16)
                    + ") is not in the seal's certificate list"));
        }
        if (maker != null) {
            checkCertificate("maker", maker, signingTime, SesFailure.MAKER_CHAIN_INVALID, SesFailure.MAKER_REVOKED,
                    SesFailure.MAKER_REVOCATION_UNKNOWN, failures, notes);
        }
        if (signer != null) {
            checkCertificate("signer", signer, signingTime, SesFailure.SIGNER_CHAIN_INVALID, SesFailure.SIGNER_REVOKED,
                    SesFailure.SIGNER_REVOCATION_UNKNOWN, failures, notes);
        }
        seal.timeStamp().ifPresent(token -> checkTimeStamp(seal, token, failures, notes));
        return new SesVerification(seal, failures, notes);
    }

    private static void checkMakerSignature(SesSeal seal, X509Certificate maker, List<SesVerification.Finding> failures,
                                            List<String> notes) {
        String[] forms = {"SEQUENCE {sealInfo, cert, signAlgID} (GB/T 38540)", "the seal information alone"};
        for (int i = 0; i < seal.signedContents().size(); i++) {
            if (Sm2.verify(maker.getPublicKey(), seal.signedContents().get(i), seal.signedValue())) {
                notes.add("maker signature valid over " + forms[Math.min(i, forms.length - 1)]);
                return;
            }
        }
        failures.add(new SesVerification.Finding(SesFailure.MAKER_SIGNATURE_INVALID,
                "the seal maker's SM2 signature does not match the seal: the seal was changed or signed by another key"));
    }

    private static boolean inCertificateList(SesSeal seal, X509Certificate signer) {
        byte[] der;
        try {
            der = signer.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            return false;
        }
        if (seal.certListType() == 1) {
            return seal.certificates().stream().anyMatch(c -> Arrays.equals(c, der));
        }
        for (SesSeal.CertDigest digest : seal.certDigests()) {
            Optional<MessageDigest> md = digestFor(digest.algorithm());
            if (md.isPresent() && MessageDigest.isEqual(md.get().digest(der), digest.value())) {
                return true;
            }
        }
        return false;
    }

    private static Optional<MessageDigest> digestFor(String name) {
        String n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT).replace("-", "");
        String jca = switch (n) {
            case "SM3", "1.2.156.10197.1.401" -> "SM3";
            case "SHA256", "2.16.840.1.101.3.4.2.1" -> "SHA-256";
            case "SHA1", "1.3.14.3.2.26" -> "SHA-1";
            default -> null;
        };
        if (jca == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(MessageDigest.getInstance(jca, Sm2.provider()));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------ chains and revocation

    private void checkCertificate(String role, X509Certificate certificate, Instant at, SesFailure chainInvalid,
                                  SesFailure revoked, SesFailure unknown, List<SesVerification.Finding> failures,
                                  List<String> notes) {
        List<X509Certificate> path = buildPath(certificate);
        X509Certificate anchor = path.isEmpty() ? null : issuerAmong(path.get(path.size() - 1), anchors);
        if (anchor == null) {
            failures.add(new SesVerification.Finding(chainInvalid, "the " + role + " certificate "
                    + certificate.getSubjectX500Principal().getName() + " does not chain to a trusted root"));
            return;
        }
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            CertificateFactory factory = CertificateFactory.getInstance("X.509", Sm2.provider());
            CertPathValidator.getInstance("PKIX", Sm2.provider()).validate(factory.generateCertPath(path), parameters);
            notes.add(role + " chain valid at " + at + " up to " + anchor.getSubjectX500Principal().getName());
        } catch (CertPathValidatorException e) {
            failures.add(new SesVerification.Finding(chainInvalid, "the " + role + " certificate chain does not "
                    + "validate at " + at + ": " + e.getMessage()));
            return;
        } catch (GeneralSecurityException e) {
            failures.add(new SesVerification.Finding(chainInvalid, "the " + role + " certificate chain cannot be "
                    + "validated: " + e.getMessage()));
            return;
        }
        for (int i = 0; i < path.size(); i++) {
            X509Certificate subject = path.get(i);
            X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : anchor;
            Status status = status(subject, issuer);
            String who = i == 0 ? "the " + role + " certificate" : "CA certificate "
                    + subject.getSubjectX500Principal().getName() + " above the " + role;
            switch (status.state()) {
                case UNKNOWN -> failures.add(new SesVerification.Finding(unknown, "no valid OCSP response or CRL "
                        + "gives the status of " + who));
                case REVOKED -> {
                    if (!status.since().isAfter(at)) {
                        failures.add(new SesVerification.Finding(revoked, who + " was " + status.description()
                                + " at " + status.since() + " (" + status.source() + "), before the signing time " + at));
                    } else {
                        notes.add(who + " was " + status.description() + " at " + status.since()
                                + ", after the signing time (" + status.source() + ")");
                    }
                }
                case GOOD -> notes.add(who + " is good (" + status.source() + ")");
            }
        }
    }

    /** Leaf first, without the anchor; empty when an issuer is missing. */
    private List<X509Certificate> buildPath(X509Certificate leaf) {
        List<X509Certificate> path = new ArrayList<>();
        X509Certificate current = leaf;
        Set<X509Certificate> seen = new HashSet<>();
        for (int depth = 0; depth < 8 && seen.add(current); depth++) {
            path.add(current);
            if (issuerAmong(current, anchors) != null) {
                return path;
            }
            X509Certificate next = issuerAmong(current, intermediates);
            if (next == null) {
                return List.of();
            }
            current = next;
        }
        return List.of();
    }

    private static X509Certificate issuerAmong(X509Certificate certificate, List<X509Certificate> candidates) {
        for (X509Certificate candidate : candidates) {
            if (candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                    && signedBy(certificate, candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey(), Sm2.provider());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private enum State { GOOD, REVOKED, UNKNOWN }

    private record Status(State state, Instant since, String description, String source) {
        static Status unknown() {
            return new Status(State.UNKNOWN, null, null, null);
        }
    }

    private Status status(X509Certificate certificate, X509Certificate issuer) {
        Status ocsp = ocspStatus(certificate, issuer);
        return ocsp.state() != State.UNKNOWN ? ocsp : crlStatus(certificate, issuer);
    }

    private Status ocspStatus(X509Certificate certificate, X509Certificate issuer) {
        try {
            CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1),
                    new X509CertificateHolder(issuer.getEncoded()), certificate.getSerialNumber());
            Optional<byte[]> answer = revocation.ocsp(new OCSPReqBuilder().addRequest(id).build().getEncoded());
            if (answer.isEmpty()) {
                return Status.unknown();
            }
            OCSPResp response = new OCSPResp(answer.get());
            if (response.getStatus() != OCSPResp.SUCCESSFUL
                    || !(response.getResponseObject() instanceof BasicOCSPResp basic)
                    || !ocspSignedForIssuer(basic, issuer)) {
                return Status.unknown();
            }
            for (SingleResp single : basic.getResponses()) {
                if (!single.getCertID().equals(id)) {
                    continue;
                }
                CertificateStatus status = single.getCertStatus();
                if (status == CertificateStatus.GOOD) {
                    return new Status(State.GOOD, null, null, "OCSP");
                }
                if (status instanceof RevokedStatus revoked) {
                    boolean hold = revoked.hasRevocationReason()
                            && revoked.getRevocationReason() == org.bouncycastle.asn1.x509.CRLReason.certificateHold;
                    return new Status(State.REVOKED, revoked.getRevocationTime().toInstant(),
                            hold ? "suspended" : "revoked", "OCSP");
                }
                return Status.unknown();
            }
            return Status.unknown();
        } catch (Exception e) {
            return Status.unknown();
        }
    }

    /** The response is signed by the issuer itself or by a responder certificate the issuer gave id-kp-OCSPSigning. */
    private boolean ocspSignedForIssuer(BasicOCSPResp basic, X509Certificate issuer) throws Exception {
        JcaContentVerifierProviderBuilder verifiers = new JcaContentVerifierProviderBuilder().setProvider(Sm2.provider());
        if (basic.isSignatureValid(verifiers.build(issuer.getPublicKey()))) {
            return true;
        }
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(Sm2.provider());
        for (X509CertificateHolder holder : basic.getCerts()) {
            X509Certificate responder = converter.getCertificate(holder);
            List<String> usages = responder.getExtendedKeyUsage();
            if (usages != null && usages.contains(KeyPurposeId.id_kp_OCSPSigning.getId())
                    && signedBy(responder, issuer)
                    && responder.getNotAfter().toInstant().isAfter(clock.instant())
                    && basic.isSignatureValid(verifiers.build(responder.getPublicKey()))) {
                return true;
            }
        }
        return false;
    }

    private Status crlStatus(X509Certificate certificate, X509Certificate issuer) {
        try {
            Optional<byte[]> der = revocation.crl(issuer);
            if (der.isEmpty()) {
                return Status.unknown();
            }
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509", Sm2.provider())
                    .generateCRL(new ByteArrayInputStream(der.get()));
            if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                return Status.unknown();
            }
            crl.verify(issuer.getPublicKey(), Sm2.provider());
            X509CRLEntry entry = crl.getRevokedCertificate(certificate);
            if (entry == null) {
                return new Status(State.GOOD, null, null, "CRL");
            }
            boolean hold = entry.getRevocationReason() == java.security.cert.CRLReason.CERTIFICATE_HOLD;
            return new Status(State.REVOKED, entry.getRevocationDate().toInstant(), hold ? "suspended" : "revoked",
                    "CRL");
        } catch (Exception e) {
            return Status.unknown();
        }
    }

    // ------------------------------------------------------------------ v5 time-stamp

    private void checkTimeStamp(SesSeal seal, byte[] token, List<SesVerification.Finding> failures,
                                List<String> notes) {
        try {
            TimeStampToken timeStamp = new TimeStampToken(new org.bouncycastle.cms.CMSSignedData(token));
            var imprint = timeStamp.getTimeStampInfo().getMessageImprintAlgOID();
            MessageDigest md = MessageDigest.getInstance(imprint.getId(), Sm2.provider());
            if (!MessageDigest.isEqual(md.digest(seal.signedValue()), timeStamp.getTimeStampInfo().getMessageImprintDigest())) {
                failures.add(new SesVerification.Finding(SesFailure.TIME_STAMP_INVALID,
                        "the seal's time-stamp does not cover the maker's signature"));
                return;
            }
            var matches = timeStamp.getCertificates().getMatches(timeStamp.getSID());
            if (matches.isEmpty()) {
                failures.add(new SesVerification.Finding(SesFailure.TIME_STAMP_INVALID,
                        "the seal's time-stamp does not carry its TSA certificate"));
                return;
            }
            X509CertificateHolder tsa = (X509CertificateHolder) matches.iterator().next();
            timeStamp.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Sm2.provider()).build(tsa));
            notes.add("time-stamp valid, time " + timeStamp.getTimeStampInfo().getGenTime().toInstant() + " by "
                    + tsa.getSubject());
        } catch (Exception e) {
            failures.add(new SesVerification.Finding(SesFailure.TIME_STAMP_INVALID,
                    "the seal's time-stamp is invalid: " + e.getMessage()));
        }
    }
}
