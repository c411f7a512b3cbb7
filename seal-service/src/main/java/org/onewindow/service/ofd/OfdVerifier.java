package org.onewindow.service.ofd;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jcajce.provider.digest.SM3;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Store;
import org.onewindow.service.keys.Sm2;
import org.onewindow.service.pki.Pem;
import org.onewindow.service.ses.SesFormatException;
import org.onewindow.service.ses.SesRevocationSource;
import org.onewindow.service.ses.SesSeal;
import org.onewindow.service.ses.SesSealParser;
import org.onewindow.service.ses.SesSealVerifier;
import org.onewindow.service.ses.SesSignature;
import org.onewindow.service.ses.SesVerification;
import org.onewindow.service.verify.Indication;
import org.onewindow.service.verify.SesVerdicts;
import org.onewindow.service.verify.SubIndication;
import org.onewindow.service.verify.UnverifiableDocumentException;
import org.onewindow.service.verify.VerificationPolicy;
import org.onewindow.service.verify.VerificationReport;
import org.onewindow.service.verify.VerificationReport.CertificateInfo;
import org.onewindow.service.verify.VerificationReport.RevocationCheck;
import org.onewindow.service.verify.VerificationReport.SignatureReport;
import org.onewindow.service.verify.VerificationReport.TimeStampInfo;
import org.onewindow.service.verify.Verdicts;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Verifies the GB/T 38540 seals of an OFD document (GB/T 33190) and reports in the same form as the PDF verifier
 * ({@link VerificationReport}). Everything is read by this class from the ZIP bytes ({@link OfdPackage}: bounded,
 * no disk), the XML with a parser that refuses DOCTYPEs (no XXE, no entity expansion), the ASN.1 with
 * {@link SesSignature} and {@link SesSealParser} (strict DER); no ofdrw code runs on the input.
 *
 * <p>Per seal: the check method is SM3 ({@code SM3} or its OID 1.2.156.10197.1.401); every referenced file exists
 * and has its SM3 hash; no file was added outside the protected set (only later seals' own files and, in
 * continue-signing, {@code Signatures.xml} may be); {@code SignedValue.dat} is a DER {@code SES_Signature} (GB/T 38540
 * version 4 or GM/T 0031 version 1) whose {@code dataHash} is the SM3 of this {@code Signature.xml} and whose
 * {@code propertyInfo} names it; its SM3withSM2 signature over {@code TBS_Sign} verifies with the signer's
 * certificate; the embedded seal (v1, v4 or v5) equals the {@code Seal.esl} file and passes {@link SesSealVerifier}:
 * maker signature, validity at the signing time, signer in the seal's list, maker and signer chains to the policy's
 * trust anchors (through the given intermediate CAs, PKIX at the signing time) and their revocation status from the
 * given {@link SesRevocationSource} (OFD itself carries no revocation data: without an answer the status is only a
 * warning, unless the policy requires revocation data); an optional RFC 3161 time-stamp must match the signature
 * value and chain to an anchor. Thread-safe.
 */
public final class OfdVerifier {
    static final Set<String> SM3_NAMES = Set.of("SM3", "1.2.156.10197.1.401");
    /** Signature.xml, Signatures.xml and OFD.xml are small; anything larger is refused before parsing. */
    static final int MAX_XML_BYTES = 4 << 20;
    private static final String FORMAT = "GB/T 38540 SES_Signature v4";

    private final VerificationPolicy policy;
    private final List<X509Certificate> intermediates;
    private final SesSealVerifier sealVerifier;

    /** Trusts the policy's anchors; no intermediate CAs, no revocation source. */
    public OfdVerifier(VerificationPolicy policy) {
        this(policy, List.of(), SesRevocationSource.none());
    }

    /**
     * @param intermediates CA certificates that may sit between an anchor and a signer or seal maker (an OFD seal
     *                      carries only the leaf certificates)
     * @param revocation    where OCSP responses and CRLs for signer, maker and their CAs come from
     */
    public OfdVerifier(VerificationPolicy policy, Collection<X509Certificate> intermediates,
                       SesRevocationSource revocation) {
        this(policy, intermediates,
                new SesSealVerifier(policy.trustAnchors(), intermediates, revocation, Clock.systemUTC()));
    }

    /** With a seal verifier the caller already holds (the PDF verifier hands over its own: built once). */
    public OfdVerifier(VerificationPolicy policy, Collection<X509Certificate> intermediates,
                       SesSealVerifier sealVerifier) {
        this.policy = policy;
        this.intermediates = List.copyOf(intermediates);
        this.sealVerifier = sealVerifier;
    }

    /**
     * @throws UnverifiableDocumentException too large, not an OFD package, hostile ZIP, or over the time bound
     */
    public VerificationReport verify(byte[] bytes) {
        if (bytes.length > policy.maxBytes()) {
            throw new UnverifiableDocumentException(UnverifiableDocumentException.Reason.TOO_LARGE,
                    "the file has " + bytes.length + " bytes; at most " + policy.maxBytes() + " can be verified");
        }
        FutureTask<VerificationReport> task = new FutureTask<>(() -> run(bytes));
        Thread worker = new Thread(task, "ofd-verify");
        worker.setDaemon(true);
        worker.start();
        try {
            return task.get(policy.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new UnverifiableDocumentException(UnverifiableDocumentException.Reason.TIMEOUT,
                    "verification did not finish within " + policy.timeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new UnverifiableDocumentException(UnverifiableDocumentException.Reason.TIMEOUT,
                    "verification was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnverifiableDocumentException u) {
                throw u;
            }
            if (cause instanceof OfdResourceLimitException r) {
                throw new UnverifiableDocumentException(UnverifiableDocumentException.Reason.RESOURCE_LIMIT,
                        r.getMessage(), r);
            }
            if (cause instanceof MalformedOfdException m) {
                throw new UnverifiableDocumentException(UnverifiableDocumentException.Reason.MALFORMED,
                        "the OFD cannot be verified: " + m.getMessage(), m);
            }
            if (cause instanceof OutOfMemoryError) {
                throw new UnverifiableDocumentException(UnverifiableDocumentException.Reason.RESOURCE_LIMIT,
                        "the OFD needs more memory than allowed", cause);
            }
            throw new UnverifiableDocumentException(UnverifiableDocumentException.Reason.MALFORMED,
                    "the OFD is malformed and cannot be verified (" + cause.getClass().getSimpleName() + ")", cause);
        }
    }

    private VerificationReport run(byte[] bytes) {
        OfdPackage.Limits limits = new OfdPackage.Limits(OfdPackage.Limits.DEFAULT.maxEntries(),
                Math.min(OfdPackage.Limits.DEFAULT.maxFileBytes(), policy.maxDecompressedBytes()),
                policy.maxDecompressedBytes(), OfdPackage.Limits.DEFAULT.maxRatio());
        OfdPackage pkg = OfdPackage.read(bytes, limits);
        String sha256 = HexFormat.of().formatHex(digest("SHA-256", bytes));
        Element ofd = xml(pkg, "OFD.xml").getDocumentElement();
        Element docBody = first(ofd, "DocBody")
                .orElseThrow(() -> new MalformedOfdException("OFD.xml has no DocBody"));
        Optional<String> signaturesLoc = first(docBody, "Signatures").map(OfdVerifier::text);
        if (signaturesLoc.isEmpty() || signaturesLoc.get().isBlank()) {
            return Verdicts.overall(List.of(), List.of(), bytes.length, sha256, 1);
        }
        String signaturesPath = resolve("OFD.xml", signaturesLoc.get());
        Set<String> pageIds = pageIds(pkg, docBody);
        Element signatures = xml(pkg, signaturesPath).getDocumentElement();
        List<Entry> entries = new ArrayList<>();
        for (Element sig : children(signatures, "Signature")) {
            String baseLoc = sig.getAttribute("BaseLoc");
            if (baseLoc.isBlank()) {
                throw new MalformedOfdException("a Signature entry of " + signaturesPath + " has no BaseLoc");
            }
            entries.add(new Entry(sig.getAttribute("ID"), sig.getAttribute("Type"),
                    resolve(signaturesPath, baseLoc)));
        }
        // the files each seal brings along: a later seal's files are legitimate additions for an earlier seal
        Map<Entry, Set<String>> ownFiles = new LinkedHashMap<>();
        Map<Entry, Element> parsed = new LinkedHashMap<>();
        for (Entry e : entries) {
            Set<String> own = new LinkedHashSet<>();
            own.add(e.signatureXml());
            Optional<byte[]> file = pkg.file(e.signatureXml());
            if (file.isPresent() && file.get().length <= MAX_XML_BYTES) {
                try {
                    Element root = parse(file.get(), e.signatureXml()).getDocumentElement();
                    parsed.put(e, root);
                    first(root, "SignedValue").map(OfdVerifier::text)
                            .ifPresent(loc -> own.add(resolve(e.signatureXml(), loc)));
                    first(root, "SignedInfo").flatMap(si -> first(si, "Seal")).flatMap(s -> first(s, "BaseLoc"))
                            .map(OfdVerifier::text).ifPresent(loc -> own.add(resolve(e.signatureXml(), loc)));
                } catch (MalformedOfdException ignored) {
                    // reported when this seal is checked
                }
            }
            ownFiles.put(e, own);
        }
        List<SignatureReport> reports = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            Set<String> laterFiles = new HashSet<>();
            for (int j = 0; j < entries.size(); j++) {
                if (j != i) {
                    laterFiles.addAll(ownFiles.get(entries.get(j)));
                }
            }
            reports.add(new SealCheck(pkg, e, parsed.get(e), ownFiles.get(e), laterFiles, signaturesPath, pageIds,
                    i + 1).run());
        }
        return Verdicts.overall(reports, List.of(), bytes.length, sha256, entries.size() + 1);
    }

    private record Entry(String id, String type, String signatureXml) {
    }

    /** The IDs of the first document's pages, to check that each stamp sits on a page of the document. */
    private static Set<String> pageIds(OfdPackage pkg, Element docBody) {
        Set<String> ids = new HashSet<>();
        Optional<String> root = first(docBody, "DocRoot").map(OfdVerifier::text);
        if (root.isEmpty()) {
            throw new MalformedOfdException("OFD.xml names no DocRoot");
        }
        String documentXml = resolve("OFD.xml", root.get());
        Element document = xml(pkg, documentXml).getDocumentElement();
        first(document, "Pages").ifPresent(pages -> children(pages, "Page")
                .forEach(page -> ids.add(page.getAttribute("ID"))));
        return ids;
    }

    // ---- one seal ------------------------------------------------------------------------------------------------

    private final class SealCheck {
        final OfdPackage pkg;
        final Entry entry;
        final Element signature;
        final Set<String> ownFiles;
        final Set<String> laterFiles;
        final String signaturesPath;
        final Set<String> pageIds;
        final int position;
        final List<String> errors = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        SubIndication first;
        X509Certificate signer;
        Optional<Instant> claimed = Optional.empty();
        Optional<TimeStampInfo> timeStamp = Optional.empty();
        boolean digestIntact = true;
        boolean signatureValid;
        boolean chainTrusted;
        boolean coversAll = true;
        String sealName;
        RevocationCheck revocation = new RevocationCheck(RevocationCheck.Status.NOT_CHECKED, Optional.empty(),
                Optional.empty(), List.of("the seal was not checked far enough to ask for revocation status"));

        SealCheck(OfdPackage pkg, Entry entry, Element signature, Set<String> ownFiles, Set<String> laterFiles,
                  String signaturesPath, Set<String> pageIds, int position) {
            this.pkg = pkg;
            this.entry = entry;
            this.signature = signature;
            this.ownFiles = ownFiles;
            this.laterFiles = laterFiles;
            this.signaturesPath = signaturesPath;
            this.pageIds = pageIds;
            this.position = position;
        }

        void fail(SubIndication sub, String message) {
            if (first == null || (sub.indication() == Indication.TOTAL_FAILED
                    && first.indication() != Indication.TOTAL_FAILED)) {
                first = sub;
            }
            errors.add(message);
        }

        SignatureReport run() {
            try {
                check();
            } catch (MalformedOfdException e) {
                fail(SubIndication.FORMAT_FAILURE, e.getMessage());
            }
            Indication indication = first == null ? Indication.TOTAL_PASSED : first.indication();
            Optional<X509Certificate> cert = Optional.ofNullable(signer);
            String name = entry.signatureXml().replaceFirst("/Signature\\.xml$", "")
                    + (sealName == null ? "" : "（" + sealName + "）");
            return new SignatureReport(name, VerificationReport.Kind.SIGNATURE, indication, Optional.ofNullable(first),
                    List.copyOf(errors), List.copyOf(warnings), FORMAT, cert.flatMap(c -> rdn(c, BCStyle.CN)),
                    cert.flatMap(c -> rdn(c, BCStyle.O)), cert.map(OfdVerifier::info), claimed, timeStamp,
                    Optional.empty(), digestIntact, signatureValid, chainTrusted, revocation,
                    List.of(), position, coversAll, List.of());
        }

        private void check() {
            if (!"Seal".equalsIgnoreCase(entry.type()) && !entry.type().isEmpty()) {
                fail(SubIndication.FORMAT_FAILURE, "signature " + entry.id() + " is of type \"" + entry.type()
                        + "\"; only electronic seals (Type=\"Seal\") are verified");
                return;
            }
            byte[] signatureXml = pkg.file(entry.signatureXml()).orElse(null);
            if (signatureXml == null || signature == null) {
                fail(SubIndication.FORMAT_FAILURE, signatureXml == null ? entry.signatureXml() + " is missing"
                        : entry.signatureXml() + " is not a readable signature description");
                return;
            }
            Element signedInfo = first(signature, "SignedInfo")
                    .orElseThrow(() -> new MalformedOfdException(entry.signatureXml() + " has no SignedInfo"));
            checkReferences(signedInfo);
            checkStamps(signedInfo);
            String signedValuePath = first(signature, "SignedValue").map(OfdVerifier::text)
                    .map(loc -> resolve(entry.signatureXml(), loc))
                    .orElseThrow(() -> new MalformedOfdException(entry.signatureXml() + " names no SignedValue"));
            byte[] signedValue = pkg.file(signedValuePath).orElseThrow(
                    () -> new MalformedOfdException("the signed value " + signedValuePath + " is missing"));
            SesSignature ses;
            try {
                ses = SesSignature.parse(signedValue);
            } catch (SesFormatException e) {
                fail(SubIndication.FORMAT_FAILURE, "SignedValue.dat is not a GB/T 38540 or GM/T 0031 SES_Signature: "
                        + e.getMessage());
                return;
            }
            claimed = Optional.of(ses.timeInfo());
            byte[] dataHash = ses.dataHash();
            if (!Arrays.equals(dataHash, new SM3.Digest().digest(signatureXml))) {
                digestIntact = false;
                fail(SubIndication.HASH_FAILURE, entry.signatureXml() + " was changed after sealing (its SM3 hash is"
                        + " not the signed dataHash): protected file list, stamp position or seal reference altered,"
                        + " or the signed value belongs to another seal");
            }
            String property = ses.propertyInfo();
            if (!("/" + entry.signatureXml()).equals(property) && !entry.signatureXml().equals(property)) {
                fail(SubIndication.FORMAT_FAILURE, "the signed value names \"" + property + "\" as its signed file,"
                        + " not /" + entry.signatureXml() + " (SignedValue.dat swapped between seals?)");
            }
            try {
                signer = Sm2.certificate(ses.certificate());
            } catch (CertificateException | RuntimeException e) {
                fail(SubIndication.NO_SIGNING_CERTIFICATE_FOUND, "the signer's certificate cannot be read: "
                        + e.getMessage());
                return;
            }
            if (!Sm2.SM3_WITH_SM2_OID.equals(ses.signatureAlgorithm())) {
                fail(SubIndication.FORMAT_FAILURE, "signature algorithm " + ses.signatureAlgorithm()
                        + " is not SM3withSM2 (" + Sm2.SM3_WITH_SM2_OID + ")");
                return;
            }
            byte[] signatureValue = ses.signature();
            signatureValid = Sm2.verify(signer.getPublicKey(), ses.toSign(), signatureValue);
            if (!signatureValid) {
                fail(SubIndication.SIG_CRYPTO_FAILURE, "the SM3withSM2 signature over TBS_Sign does not verify with"
                        + " the signer's certificate");
            }
            Instant signingTime = ses.timeInfo();
            if (ses.timeStamp().isPresent()) {
                timeStamp = Optional.of(timeStamp(ses.timeStamp().get(), signatureValue));
                if (timeStamp.get().valid()) {
                    signingTime = timeStamp.get().time();
                } else {
                    warnings.add("the time-stamp is not valid and was ignored: "
                            + String.join("; ", timeStamp.get().problems()));
                }
            }
            checkSeal(ses.seal(), signedInfo, signingTime);
        }

        private void checkReferences(Element signedInfo) {
            Element references = first(signedInfo, "References")
                    .orElseThrow(() -> new MalformedOfdException(entry.signatureXml() + " has no References"));
            String method = references.getAttribute("CheckMethod").strip();
            if (!SM3_NAMES.contains(method.toUpperCase(Locale.ROOT))) {
                fail(SubIndication.FORMAT_FAILURE, "check method \"" + method + "\" is not SM3 (\"SM3\" or "
                        + "1.2.156.10197.1.401)");
                digestIntact = false;
                return;
            }
            Set<String> covered = new HashSet<>();
            List<Element> refs = children(references, "Reference");
            if (refs.isEmpty()) {
                fail(SubIndication.FORMAT_FAILURE, "the seal protects no file");
                digestIntact = false;
            }
            for (Element ref : refs) {
                String path = resolve(entry.signatureXml(), ref.getAttribute("FileRef"));
                if (!covered.add(path)) {
                    fail(SubIndication.FORMAT_FAILURE, "the file " + path + " is referenced twice");
                    continue;
                }
                byte[] expected;
                try {
                    expected = Base64.getMimeDecoder().decode(first(ref, "CheckValue").map(OfdVerifier::text)
                            .orElse(""));
                } catch (IllegalArgumentException e) {
                    fail(SubIndication.FORMAT_FAILURE, "the check value of " + path + " is not Base64");
                    digestIntact = false;
                    continue;
                }
                Optional<byte[]> content = pkg.file(path);
                if (content.isEmpty()) {
                    digestIntact = false;
                    fail(SubIndication.HASH_FAILURE, "the protected file /" + path + " was removed after sealing");
                } else if (!Arrays.equals(expected, new SM3.Digest().digest(content.get()))) {
                    digestIntact = false;
                    fail(SubIndication.HASH_FAILURE, "the protected file /" + path + " was changed after sealing");
                }
            }
            if (!covered.contains("OFD.xml")) {
                fail(SubIndication.FORMAT_FAILURE, "the seal does not protect OFD.xml");
            }
            for (String path : pkg.files().keySet()) {
                boolean allowed = covered.contains(path) || ownFiles.contains(path) || laterFiles.contains(path)
                        || path.equals(signaturesPath);
                if (!allowed) {
                    coversAll = false;
                    fail(SubIndication.DISALLOWED_MODIFICATION, "the file /" + path + " was added after sealing"
                            + " (it is neither protected by this seal nor part of a later seal)");
                }
            }
        }

        private void checkStamps(Element signedInfo) {
            for (Element stamp : children(signedInfo, "StampAnnot")) {
                String page = stamp.getAttribute("PageRef").strip();
                if (!pageIds.contains(page)) {
                    fail(SubIndication.FORMAT_FAILURE, "the stamp refers to page object " + page
                            + ", which is not a page of the document");
                }
            }
        }

        private void checkSeal(SesSeal seal, Element signedInfo, Instant signingTime) {
            sealName = seal.name();
            Optional<String> sealFile = first(signedInfo, "Seal").flatMap(s -> first(s, "BaseLoc"))
                    .map(OfdVerifier::text).map(loc -> resolve(entry.signatureXml(), loc));
            if (sealFile.isPresent()) {
                Optional<byte[]> file = pkg.file(sealFile.get());
                if (file.isEmpty()) {
                    fail(SubIndication.FORMAT_FAILURE, "the seal file /" + sealFile.get() + " is missing");
                } else if (!Arrays.equals(file.get(), seal.encoded())) {
                    fail(SubIndication.FORMAT_FAILURE, "the seal file /" + sealFile.get() + " is not the seal"
                            + " inside the signature (seal replaced?)");
                }
            }
            SesVerification result = sealVerifier.verify(seal, signer, signingTime);
            SesVerdicts.report(result, policy, this::fail, warnings::add);
            chainTrusted = SesVerdicts.chainTrusted(result);
            revocation = SesVerdicts.revocation(result);
        }

        private TimeStampInfo timeStamp(byte[] token, byte[] signatureValue) {
            List<String> problems = new ArrayList<>();
            try {
                TimeStampToken tst = new TimeStampToken(new CMSSignedData(token));
                String oid = tst.getTimeStampInfo().getMessageImprintAlgOID().getId();
                String algorithm = switch (oid) {
                    case "2.16.840.1.101.3.4.2.1" -> "SHA-256";
                    case "2.16.840.1.101.3.4.2.2" -> "SHA-384";
                    case "2.16.840.1.101.3.4.2.3" -> "SHA-512";
                    case "1.2.156.10197.1.401" -> "SM3";
                    default -> null;
                };
                boolean imprint = algorithm != null && Arrays.equals(tst.getTimeStampInfo().getMessageImprintDigest(),
                        "SM3".equals(algorithm) ? new SM3.Digest().digest(signatureValue)
                                : digest(algorithm, signatureValue));
                if (!imprint) {
                    problems.add("the time-stamp's imprint is not the hash of the signature value");
                }
                Store<X509CertificateHolder> certs = tst.getCertificates();
                X509CertificateHolder tsaHolder = null;
                for (X509CertificateHolder holder : certs.getMatches(null)) {
                    if (tst.getSID().match(holder)) {
                        tsaHolder = holder;
                    }
                }
                boolean valid = false;
                String tsa = "";
                if (tsaHolder == null) {
                    problems.add("the time-stamp carries no TSA certificate");
                } else {
                    X509Certificate tsaCert = Sm2.certificate(tsaHolder.getEncoded());
                    tsa = tsaCert.getSubjectX500Principal().getName();
                    try {
                        tst.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Sm2.provider())
                                .build(tsaHolder));
                        Instant at = tst.getTimeStampInfo().getGenTime().toInstant();
                        valid = imprint && chainQuietly(tsaCert, at, problems);
                    } catch (Exception e) {
                        problems.add("the time-stamp's signature does not verify: " + e.getMessage());
                    }
                }
                return new TimeStampInfo(tst.getTimeStampInfo().getGenTime().toInstant(), tsa, imprint, valid,
                        problems);
            } catch (Exception e) {
                problems.add("the time-stamp cannot be read: " + e.getMessage());
                return new TimeStampInfo(Instant.EPOCH, "", false, false, problems);
            }
        }

        private boolean chainQuietly(X509Certificate cert, Instant at, List<String> problems) {
            if (policy.trustAnchors().isEmpty()) {
                problems.add("no chain: no trust anchors configured");
                return false;
            }
            if (policy.trustAnchors().contains(cert)) {
                return true;
            }
            try {
                Set<TrustAnchor> anchors = new HashSet<>();
                for (X509Certificate anchor : policy.trustAnchors()) {
                    anchors.add(new TrustAnchor(anchor, null));
                }
                List<X509Certificate> certificates = new ArrayList<>(intermediates);
                certificates.add(cert);
                X509CertSelector target = new X509CertSelector();
                target.setCertificate(cert);
                PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
                parameters.setRevocationEnabled(false);
                parameters.setDate(Date.from(at));
                parameters.addCertStore(CertStore.getInstance("Collection",
                        new CollectionCertStoreParameters(certificates), Sm2.provider()));
                CertPathBuilder.getInstance("PKIX", Sm2.provider()).build(parameters);
                return true;
            } catch (CertPathBuilderException e) {
                problems.add("no chain at " + at + ": " + e.getMessage());
                return false;
            } catch (GeneralSecurityException e) {
                problems.add(e.getMessage());
                return false;
            }
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** Resolves a path found in {@code from}: absolute ({@code /Doc_0/...}) from the package root, else relative. */
    static String resolve(String from, String loc) {
        String l = loc.strip();
        String base = l.startsWith("/") ? "" : (from.contains("/") ? from.substring(0, from.lastIndexOf('/') + 1) : "");
        String joined = base + (l.startsWith("/") ? l.substring(1) : l);
        List<String> parts = new ArrayList<>();
        for (String part : joined.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new MalformedOfdException("the path \"" + loc + "\" leaves the package");
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    private static Document xml(OfdPackage pkg, String path) {
        byte[] content = pkg.file(path).orElseThrow(() -> new MalformedOfdException("/" + path + " is missing"));
        return parse(content, path);
    }

    /** A namespace-aware DOM parse that refuses DOCTYPEs (XXE, entity bombs) and oversized files. */
    static Document parse(byte[] content, String path) {
        if (content.length > MAX_XML_BYTES) {
            throw new OfdResourceLimitException("/" + path + " has " + content.length + " bytes; XML files of the"
                    + " signature structure may have at most " + MAX_XML_BYTES);
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(content));
        } catch (SAXException e) {
            throw new MalformedOfdException("/" + path + " is not well-formed XML or declares a DOCTYPE ("
                    + e.getMessage() + ")", e);
        } catch (ParserConfigurationException | IOException e) {
            throw new MalformedOfdException("/" + path + " cannot be parsed: " + e.getMessage(), e);
        }
    }

    static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && localName.equals(localName(e))) {
                out.add(e);
            }
        }
        return out;
    }

    static Optional<Element> first(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName().replaceFirst("^.*:", "");
    }

    static String text(Element e) {
        return e.getTextContent().strip();
    }

    static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static CertificateInfo info(X509Certificate cert) {
        try {
            return new CertificateInfo(cert.getSubjectX500Principal().getName(),
                    cert.getIssuerX500Principal().getName(), cert.getSerialNumber().toString(16),
                    HexFormat.of().formatHex(digest("SHA-256", cert.getEncoded())), cert.getNotBefore().toInstant(),
                    cert.getNotAfter().toInstant(), Pem.encode(cert));
        } catch (Exception e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    static Optional<String> rdn(X509Certificate cert, ASN1ObjectIdentifier type) {
        RDN[] rdns = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).getRDNs(type);
        return rdns.length == 0 ? Optional.empty() : Optional.of(IETFUtils.valueToString(rdns[0].getFirst().getValue()));
    }
}
