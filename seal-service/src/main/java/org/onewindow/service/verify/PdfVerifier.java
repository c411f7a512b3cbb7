package org.onewindow.service.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.itextpdf.kernel.exceptions.MemoryLimitsAwareException;
import com.itextpdf.kernel.pdf.MemoryLimitsAwareHandler;
import com.itextpdf.kernel.pdf.PdfArray;
import com.itextpdf.kernel.pdf.PdfDate;
import com.itextpdf.kernel.pdf.PdfDictionary;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfName;
import com.itextpdf.kernel.pdf.PdfNumber;
import com.itextpdf.kernel.pdf.PdfObject;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfStream;
import com.itextpdf.kernel.pdf.PdfString;
import com.itextpdf.kernel.pdf.ReaderProperties;
import com.itextpdf.signatures.SignatureUtil;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Store;
import org.onewindow.service.ofd.OfdPackage;
import org.onewindow.service.ofd.OfdVerifier;
import org.onewindow.service.pki.CertificateChains;
import org.onewindow.service.pki.Pem;
import org.onewindow.service.pki.PkiImportException;
import org.onewindow.service.keys.Sm2;
import org.onewindow.service.ses.SesFormatException;
import org.onewindow.service.ses.SesRevocationSource;
import org.onewindow.service.ses.SesSealVerifier;
import org.onewindow.service.ses.SesSignature;
import org.onewindow.service.ses.SesVerification;
import org.onewindow.service.verify.VerificationReport.CertificateInfo;
import org.onewindow.service.verify.VerificationReport.Change;
import org.onewindow.service.verify.VerificationReport.Kind;
import org.onewindow.service.verify.VerificationReport.RevocationCheck;
import org.onewindow.service.verify.VerificationReport.SignatureReport;
import org.onewindow.service.verify.VerificationReport.TimeStampInfo;

/**
 * Verifies the signatures of a PDF: ByteRange structure, digest, signature value, ESS signing certificate,
 * signature and document time-stamps, chain to the trust anchors, revocation from the embedded DSS/CMS data, and
 * what changed after each signature. iText parses the PDF; every verdict is decided here (Bouncy Castle does the
 * CMS and X.509 work). Every input is assumed hostile: size cap, decompression limits, a worker thread with a
 * timeout, and a bounded object comparison. Thread-safe; holds no per-call state.
 */
public final class PdfVerifier {
    private static final ASN1ObjectIdentifier SIGNATURE_TIME_STAMP = PKCSObjectIdentifiers.id_aa_signatureTimeStampToken;
    private static final PdfName ETSI_CADES = new PdfName("ETSI.CAdES.detached");
    private static final PdfName ETSI_RFC3161 = new PdfName("ETSI.RFC3161");
    /** The SM2 signature of a dual-sealed PDF: /Contents is a GB/T 38540 SES_Signature, not a CMS. */
    public static final PdfName SES_FILTER = new PdfName("ONEWINDOW.SM2");
    public static final PdfName SES_SUB_FILTER = new PdfName("GBT38540.SES_Signature");

    private final VerificationPolicy policy;
    private final List<X509Certificate> ofdIntermediates;
    private final SesSealVerifier sesVerifier;

    public PdfVerifier(VerificationPolicy policy) {
        this(policy, List.of(), SesRevocationSource.none());
    }

    /**
     * @param ofdIntermediates CA certificates between the anchors and GB/T 38540 signers or seal makers (OFD seals
     *                         and the SM2 signature of dual-sealed PDFs carry no chain, unlike a PDF's CMS)
     * @param ofdRevocation    OCSP/CRL source for those (they carry no revocation data)
     */
    public PdfVerifier(VerificationPolicy policy, Collection<X509Certificate> ofdIntermediates,
                       SesRevocationSource ofdRevocation) {
        this.policy = policy;
        this.ofdIntermediates = List.copyOf(ofdIntermediates);
        this.sesVerifier = new SesSealVerifier(policy.trustAnchors(), ofdIntermediates, ofdRevocation,
                java.time.Clock.systemUTC());
    }

    /** Verifies {@code pdf} with {@code policy}. */
    public static VerificationReport verify(Path pdf, VerificationPolicy policy) {
        return new PdfVerifier(policy).verify(pdf);
    }

    /**
     * @throws UnverifiableDocumentException not a PDF, too large, malformed, or over the time/memory limits
     */
    public VerificationReport verify(Path pdf) {
        long size;
        try {
            size = Files.size(pdf);
        } catch (IOException e) {
            throw new UnverifiableDocumentException(UnverifiableDocumentException.Reason.MALFORMED,
                    "the file cannot be read: " + e.getMessage(), e);
        }
        if (size > policy.maxBytes()) {
            throw new UnverifiableDocumentException(UnverifiableDocumentException.Reason.TOO_LARGE,
                    "the file has " + size + " bytes; at most " + policy.maxBytes() + " can be verified");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(pdf);
        } catch (IOException e) {
            throw new UnverifiableDocumentException(UnverifiableDocumentException.Reason.MALFORMED,
                    "the file cannot be read: " + e.getMessage(), e);
        }
        return verify(bytes);
    }

    /** Verifies a document held in memory (the caller enforced the size cap); an OFD goes to {@link OfdVerifier}. */
    public VerificationReport verify(byte[] bytes) {
        if (bytes.length > policy.maxBytes()) {
            throw new UnverifiableDocumentException(UnverifiableDocumentException.Reason.TOO_LARGE,
                    "the file has " + bytes.length + " bytes; at most " + policy.maxBytes() + " can be verified");
        }
        if (OfdPackage.looksLikeOfd(bytes)) {
            // OFD (GB/T 33190): same policy, same report
            return new OfdVerifier(policy, ofdIntermediates, sesVerifier).verify(bytes);
        }
        if (!looksLikePdf(bytes)) {
            throw new UnverifiableDocumentException(UnverifiableDocumentException.Reason.NOT_PDF,
                    "the file is not a PDF (no %PDF- header) and not an OFD (ZIP with OFD.xml)");
        }
        FutureTask<VerificationReport> task = new FutureTask<>(() -> new Run(bytes).verify());
        Thread worker = new Thread(task, "pdf-verify");
        worker.setDaemon(true);
        worker.start();
        try {
            return task.get(policy.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new UnverifiableDocumentException(UnverifiableDocumentException.Reason.TIMEOUT,
                    "verification did not finish within " + policy.timeout().toSeconds() + " s; the PDF is too"
                            + " complex or malformed");
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
            if (cause instanceof MemoryLimitsAwareException || cause instanceof OutOfMemoryError) {
                throw new UnverifiableDocumentException(UnverifiableDocumentException.Reason.RESOURCE_LIMIT,
                        "the PDF decompresses to more than the allowed size", cause);
            }
            if (cause instanceof StackOverflowError) {
                throw new UnverifiableDocumentException(UnverifiableDocumentException.Reason.MALFORMED,
                        "the PDF's object structure is nested too deeply or loops", cause);
            }
            throw new UnverifiableDocumentException(UnverifiableDocumentException.Reason.MALFORMED,
                    "the PDF is malformed and cannot be verified (" + cause.getClass().getSimpleName() + ")", cause);
        }
    }

    /**
     * iText's default handler limits only streams with a repeated filter; a plain single-Flate bomb would pass.
     * This one limits every decompression.
     */
    private static final class StrictMemoryLimits extends MemoryLimitsAwareHandler {
        private final long documentSize;
        private final long maxDecompressed;

        StrictMemoryLimits(long documentSize, long maxDecompressed) {
            super(documentSize);
            this.documentSize = documentSize;
            this.maxDecompressed = maxDecompressed;
            setMaxSizeOfDecompressedPdfStreamsSum(maxDecompressed);
            setMaxSizeOfSingleDecompressedPdfStream((int) Math.min(Integer.MAX_VALUE, maxDecompressed / 4));
        }

        @Override
        public boolean isMemoryLimitsAwarenessRequiredOnDecompression(PdfArray filters) {
            return true;
        }

        @Override
        public MemoryLimitsAwareHandler createNewInstance() {
            return new StrictMemoryLimits(documentSize, maxDecompressed);
        }
    }

    private static int indexOf(byte[] data, byte[] needle, int from) {
        outer:
        for (int i = from; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean isAllZero(byte[] data) {
        for (byte b : data) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikePdf(byte[] bytes) {
        byte[] magic = "%PDF-".getBytes(StandardCharsets.US_ASCII);
        int limit = Math.min(bytes.length - magic.length, 1024);
        outer:
        for (int i = 0; i <= limit; i++) {
            for (int j = 0; j < magic.length; j++) {
                if (bytes[i + j] != magic[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    // ---- one verification ---------------------------------------------------------------------------------

    private final class Run {
        final byte[] bytes;
        final List<X509Certificate> dssCertificates = new ArrayList<>();
        final List<X509CRL> dssCrls = new ArrayList<>();
        final List<BasicOCSPResp> dssOcsps = new ArrayList<>();
        /** Online revocation lookups of this verification stop here, leaving time for the rest of the work. */
        final Instant onlineDeadline;
        private long[] revisionEnds;

        Run(byte[] bytes) {
            this.bytes = bytes;
            this.onlineDeadline = Instant.now().plus(policy.timeout().multipliedBy(6).dividedBy(10));
        }

        PdfDocument open(byte[] data) throws IOException {
            MemoryLimitsAwareHandler limits = new StrictMemoryLimits(data.length, policy.maxDecompressedBytes());
            PdfReader reader = new PdfReader(new ByteArrayInputStream(data),
                    new ReaderProperties().setMemoryLimitsAwareHandler(limits));
            reader.setUnethicalReading(true); // permissions do not matter for reading signatures
            return new PdfDocument(reader);
        }

        VerificationReport verify() throws IOException {
            String sha256 = HexFormat.of().formatHex(digest("SHA-256", bytes));
            List<SignatureReport> reports = new ArrayList<>();
            int revisions;
            List<String> problems = new ArrayList<>();
            if (!endsRevision(bytes.length)) {
                problems.add("the file does not end with a complete revision (%%EOF): it was truncated or has"
                        + " bytes appended outside any revision");
            }
            try (PdfDocument pdf = open(bytes)) {
                if (pdf.getReader().isEncrypted()) {
                    throw new UnverifiableDocumentException(UnverifiableDocumentException.Reason.ENCRYPTED,
                            "encrypted PDFs are not verified");
                }
                readDss(pdf);
                SignatureUtil util = new SignatureUtil(pdf);
                revisions = Math.max(1, revisionEnds().length);
                if (pdf.getReader().hasRebuiltXref()) {
                    problems.add("the cross-reference table is damaged (the reader had to rebuild it)");
                }
                List<String> names = util.getSignatureNames();
                int docMdp = docMdpPermission(pdf, util, names);
                for (String name : names) {
                    reports.add(verifySignature(pdf, util, name, util.getSignatureDictionary(name), docMdp));
                }
                // signature fields iText does not list (e.g. no /ByteRange) are forgeries to report, not to skip
                for (Map.Entry<String, PdfDictionary> field : signedFields(pdf).entrySet()) {
                    if (!names.contains(field.getKey())) {
                        reports.add(verifySignature(pdf, util, field.getKey(), field.getValue(), docMdp));
                    }
                }
                addLtaLevels(reports);
                strictStructureProblem().ifPresent(problems::add);
            } catch (com.itextpdf.kernel.exceptions.PdfException e) {
                if (e instanceof MemoryLimitsAwareException) {
                    throw e;
                }
                throw new UnverifiableDocumentException(UnverifiableDocumentException.Reason.MALFORMED,
                        "the PDF is malformed: " + e.getMessage(), e);
            }
            return Verdicts.overall(reports, problems, bytes.length, sha256, revisions);
        }

        /**
         * Reads every object and asks whether the reader had to repair the cross-reference data on the way. A
         * cross-reference entry that points at another object's definition (an xref-only incremental update that
         * swaps in a shadow object) is otherwise "fixed" silently by iText, which then sees other content than a
         * viewer that follows the entry.
         */
        Optional<String> strictStructureProblem() throws IOException {
            MemoryLimitsAwareHandler limits = new StrictMemoryLimits(bytes.length, policy.maxDecompressedBytes());
            PdfReader reader = new PdfReader(new ByteArrayInputStream(bytes),
                    new ReaderProperties().setMemoryLimitsAwareHandler(limits));
            reader.setUnethicalReading(true);
            try (PdfDocument strict = new PdfDocument(reader)) {
                int count = strict.getNumberOfPdfObjects();
                for (int n = 1; n < count; n++) {
                    strict.getPdfObject(n);
                    if (reader.hasFixedXref() || reader.hasRebuiltXref()) {
                        return Optional.of("the cross-reference data points object " + n + " at a place where"
                                + " another object is defined; readers disagree on what such a file shows"
                                + " (the reader had to repair it)");
                    }
                }
                return Optional.empty();
            }
        }

        void readDss(PdfDocument pdf) {
            PdfDictionary dss = pdf.getCatalog().getPdfObject().getAsDictionary(PdfName.DSS);
            if (dss == null) {
                return;
            }
            for (byte[] der : streams(dss.getAsArray(PdfName.Certs))) {
                parseCertificate(der).ifPresent(dssCertificates::add);
            }
            for (byte[] der : streams(dss.getAsArray(PdfName.CRLs))) {
                try {
                    dssCrls.add((X509CRL) CertificateFactory.getInstance("X.509")
                            .generateCRL(new ByteArrayInputStream(der)));
                } catch (Exception ignored) {
                    // an unreadable CRL is simply not evidence
                }
            }
            for (byte[] der : streams(dss.getAsArray(PdfName.OCSPs))) {
                try {
                    Object response = new OCSPResp(der).getResponseObject();
                    if (response instanceof BasicOCSPResp basic) {
                        dssOcsps.add(basic);
                    }
                } catch (Exception ignored) {
                    // idem
                }
            }
        }

        SignatureReport verifySignature(PdfDocument pdf, SignatureUtil util, String name, PdfDictionary dict,
                                        int docMdp) {
            Findings f = new Findings();
            PdfName subFilter = dict == null ? null : dict.getAsName(PdfName.SubFilter);
            Kind kind = ETSI_RFC3161.equals(subFilter) ? Kind.DOCUMENT_TIMESTAMP : Kind.SIGNATURE;
            ByteRangeCheck range = checkByteRange(dict, f);
            // revisions are counted by their %%EOF markers, as the change descriptions count them
            int revision = range.ok ? revisionEnding(range.end) : safeRevision(util, name);
            Optional<Instant> claimed = Optional.empty();
            PdfString m = dict == null ? null : dict.getAsString(PdfName.M);
            if (m != null) {
                try {
                    claimed = Optional.of(PdfDate.decode(m.toUnicodeString()).toInstant());
                } catch (RuntimeException e) {
                    f.warn("the signing time /M is not a valid date");
                }
            }
            SignatureDraft b = new SignatureDraft(name, kind, subFilter, revision, range, claimed);
            if (range.ok) {
                if (kind == Kind.DOCUMENT_TIMESTAMP) {
                    checkDocumentTimeStamp(range, f, b);
                } else if (SES_SUB_FILTER.equals(subFilter)) {
                    checkSes(range, f, b);
                } else {
                    checkCms(range, subFilter, f, b);
                }
                if (!range.coversWholeFile) {
                    List<Change> changes = changesAfter(range.end, docMdp, f);
                    b.changes = changes;
                    for (Change change : changes) {
                        if (!change.allowed()) {
                            f.fail(SubIndication.DISALLOWED_MODIFICATION, "after this signature: "
                                    + change.description());
                        }
                    }
                }
            }
            return b.build(f);
        }

        // ---- ByteRange --------------------------------------------------------------------------------

        ByteRangeCheck checkByteRange(PdfDictionary dict, Findings f) {
            ByteRangeCheck r = new ByteRangeCheck();
            if (dict == null) {
                f.fail(SubIndication.FORMAT_FAILURE, "the signature field has no signature dictionary");
                return r;
            }
            PdfArray array = dict.getAsArray(PdfName.ByteRange);
            PdfString contents = dict.getAsString(PdfName.Contents);
            if (contents == null || isAllZero(contents.getValueBytes())) {
                f.fail(SubIndication.FORMAT_FAILURE, "the signature has no /Contents");
                return r;
            }
            if (array == null) {
                f.fail(SubIndication.FORMAT_FAILURE, "the signature has no /ByteRange");
                return r;
            }
            if (array.size() != 4) {
                f.fail(SubIndication.FORMAT_FAILURE, "the /ByteRange has " + array.size()
                        + " numbers instead of 4 (two ranges)");
                return r;
            }
            long[] v = new long[4];
            for (int i = 0; i < 4; i++) {
                PdfNumber n = array.getAsNumber(i);
                if (n == null || n.getValue() != Math.floor(n.getValue()) || n.getValue() < 0) {
                    f.fail(SubIndication.FORMAT_FAILURE, "the /ByteRange holds a value that is not a non-negative"
                            + " integer");
                    return r;
                }
                v[i] = (long) n.getValue();
            }
            r.values = List.of(v[0], v[1], v[2], v[3]);
            long end = v[2] + v[3];
            if (v[0] != 0) {
                f.fail(SubIndication.FORMAT_FAILURE, "the /ByteRange does not start at the beginning of the file");
                return r;
            }
            if (v[1] <= 0 || v[2] <= v[1] || v[3] < 0 || end > bytes.length) {
                f.fail(SubIndication.FORMAT_FAILURE, "the /ByteRange is empty, overlaps or reaches beyond the file");
                return r;
            }
            // the gap must be exactly the /Contents hex string: <hex digits>, and those digits must be /Contents
            int gapStart = (int) v[1];
            int gapEnd = (int) v[2];
            if (bytes[gapStart] != '<' || bytes[gapEnd - 1] != '>') {
                f.fail(SubIndication.FORMAT_FAILURE, "the unsigned gap of the /ByteRange is not the /Contents hex"
                        + " string");
                return r;
            }
            byte[] gapValue;
            try {
                gapValue = HexFormat.of().parseHex(new String(bytes, gapStart + 1, gapEnd - gapStart - 2,
                        StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                f.fail(SubIndication.FORMAT_FAILURE, "the unsigned gap of the /ByteRange holds more than the"
                        + " signature's hex string");
                return r;
            }
            if (!java.util.Arrays.equals(gapValue, contents.getValueBytes())) {
                f.fail(SubIndication.FORMAT_FAILURE, "the /ByteRange gap is not this signature's /Contents"
                        + " (signature wrapping)");
                return r;
            }
            if (!endsRevision(end)) {
                f.fail(SubIndication.FORMAT_FAILURE, "the signed bytes do not end with a complete revision (%%EOF)");
                return r;
            }
            r.contents = contents.getValueBytes();
            r.ranges = v;
            r.end = end;
            r.coversWholeFile = end == bytes.length;
            r.ok = true;
            return r;
        }

        /** The number of the revision (1-based) whose %%EOF ends at or just before {@code end}. */
        int revisionEnding(long end) {
            int n = 0;
            for (long e : revisionEnds()) {
                if (e <= end) {
                    n++;
                }
            }
            return Math.max(1, n);
        }

        /** Offsets just past every %%EOF marker: where each revision ends (for naming the revision of an object). */
        long[] revisionEnds() {
            if (revisionEnds == null) {
                revisionEnds = findRevisionEnds();
            }
            return revisionEnds;
        }

        private long[] findRevisionEnds() {
            byte[] eof = "%%EOF".getBytes(StandardCharsets.US_ASCII);
            List<Long> ends = new ArrayList<>();
            int from = 0;
            while (ends.size() < 10_000) {
                int at = indexOf(bytes, eof, from);
                if (at < 0) {
                    break;
                }
                ends.add((long) at + eof.length);
                from = at + eof.length;
            }
            return ends.stream().mapToLong(Long::longValue).toArray();
        }

        boolean endsRevision(long end) {
            int i = (int) end;
            while (i > 0 && (bytes[i - 1] == '\n' || bytes[i - 1] == '\r' || bytes[i - 1] == ' ')
                    && end - i < 4) {
                i--;
            }
            byte[] eof = "%%EOF".getBytes(StandardCharsets.US_ASCII);
            if (i < eof.length) {
                return false;
            }
            for (int j = 0; j < eof.length; j++) {
                if (bytes[i - eof.length + j] != eof[j]) {
                    return false;
                }
            }
            return true;
        }

        /** The signed bytes, streamed range by range (for digests and BC's detached verification). */
        CMSTypedData signedContent(ByteRangeCheck range) {
            return new CMSTypedData() {
                @Override
                public ASN1ObjectIdentifier getContentType() {
                    return PKCSObjectIdentifiers.data;
                }

                @Override
                public void write(OutputStream out) throws IOException {
                    out.write(bytes, 0, (int) range.ranges[1]);
                    out.write(bytes, (int) range.ranges[2], (int) range.ranges[3]);
                }

                @Override
                public Object getContent() {
                    return null;
                }
            };
        }

        byte[] signedDigest(ByteRangeCheck range, String algorithm) {
            MessageDigest md = messageDigest(algorithm);
            md.update(bytes, 0, (int) range.ranges[1]);
            md.update(bytes, (int) range.ranges[2], (int) range.ranges[3]);
            return md.digest();
        }

        // ---- GB/T 38540 SES_Signature (SM2) ------------------------------------------------------------

        /** dataHash = SM3 of the byte ranges, SM3withSM2 over TBS_Sign, and the embedded seal (SesSealVerifier). */
        void checkSes(ByteRangeCheck range, Findings f, SignatureDraft b) {
            SesSignature ses;
            try {
                ses = SesSignature.parse(trimDer(range.contents));
            } catch (SesFormatException | IOException e) {
                f.fail(SubIndication.FORMAT_FAILURE, "the signature's /Contents is not a GB/T 38540 SES_Signature: "
                        + e.getMessage());
                return;
            }
            java.security.MessageDigest sm3 = Sm2.sm3();
            sm3.update(bytes, 0, (int) range.ranges[1]);
            sm3.update(bytes, (int) range.ranges[2], (int) range.ranges[3]);
            b.digestIntact = MessageDigest.isEqual(sm3.digest(), ses.dataHash());
            if (!b.digestIntact) {
                f.fail(SubIndication.HASH_FAILURE, "the signed bytes do not match the SM3 dataHash of the"
                        + " SES_Signature (the document was changed)");
            }
            X509Certificate signer;
            try {
                signer = Sm2.certificate(ses.certificate());
            } catch (java.security.cert.CertificateException | RuntimeException e) {
                f.fail(SubIndication.NO_SIGNING_CERTIFICATE_FOUND, "the SM2 signer's certificate cannot be read");
                return;
            }
            b.signingCertificate = signer;
            if (!Sm2.SM3_WITH_SM2_OID.equals(ses.signatureAlgorithm())) {
                f.fail(SubIndication.FORMAT_FAILURE, "the SES_Signature is signed with " + ses.signatureAlgorithm()
                        + ", not SM3withSM2");
                return;
            }
            b.signatureValueValid = Sm2.verify(signer.getPublicKey(), ses.toSign(), ses.signature());
            if (!b.signatureValueValid) {
                f.fail(SubIndication.SIG_CRYPTO_FAILURE, "the SM3withSM2 signature over TBS_Sign does not verify");
            }
            SesVerification result = sesVerifier.verify(ses.seal(), signer, ses.timeInfo());
            SesVerdicts.report(result, policy, f::fail, f::warn);
            b.chainTrusted = SesVerdicts.chainTrusted(result);
            b.revocation = SesVerdicts.revocation(result);
        }

        // ---- CMS signature ----------------------------------------------------------------------------

        void checkCms(ByteRangeCheck range, PdfName subFilter, Findings f, SignatureDraft b) {
            CMSSignedData cms;
            try {
                cms = new CMSSignedData(signedContent(range), trimDer(range.contents));
            } catch (CMSException | IOException | RuntimeException e) {
                f.fail(SubIndication.FORMAT_FAILURE, "the signature's /Contents is not a CMS signature");
                return;
            }
            Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                f.fail(SubIndication.FORMAT_FAILURE, "the CMS signature has " + signers.size()
                        + " signers instead of one");
                return;
            }
            SignerInformation signer = signers.iterator().next();
            AttributeTable signed = signer.getSignedAttributes();
            Store<X509CertificateHolder> store = cms.getCertificates();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = store.getMatches(signer.getSID());
            if (matches.isEmpty()) {
                f.fail(SubIndication.NO_SIGNING_CERTIFICATE_FOUND, "the signing certificate is not in the signature");
                return;
            }
            X509Certificate cert = convert(matches.iterator().next());
            b.signingCertificate = cert;
            // digest of the signed bytes vs. the messageDigest attribute
            String digestName = digestName(signer.getDigestAlgOID());
            Attribute md = signed == null ? null : signed.get(CMSAttributes.messageDigest);
            if (md == null) {
                f.fail(SubIndication.FORMAT_FAILURE, "the signature has no signed messageDigest attribute");
                return;
            }
            byte[] attested = ASN1OctetString.getInstance(md.getAttrValues().getObjectAt(0)).getOctets();
            if (digestName == null) {
                f.fail(SubIndication.FORMAT_FAILURE, "unsupported digest algorithm " + signer.getDigestAlgOID());
                return;
            }
            if (!MessageDigest.isEqual(attested, signedDigest(range, digestName))) {
                f.fail(SubIndication.HASH_FAILURE, "the signed bytes were changed: their digest differs from the"
                        + " signed one");
                return;
            }
            b.digestIntact = true;
            try {
                b.signatureValueValid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider("BC")
                        .build(cert));
            } catch (Exception e) {
                b.signatureValueValid = false;
            }
            if (!b.signatureValueValid) {
                f.fail(SubIndication.SIG_CRYPTO_FAILURE, "the signature value does not verify with the signing"
                        + " certificate's key");
                return;
            }
            boolean essV2 = checkSigningCertificateV2(signed, cert, f);
            // signature time-stamp over the signature value
            Attribute tsAttr = signer.getUnsignedAttributes() == null ? null
                    : signer.getUnsignedAttributes().get(SIGNATURE_TIME_STAMP);
            if (tsAttr != null) {
                b.timeStamp = checkTimeStamp(tsAttr.getAttrValues().getObjectAt(0),
                        digestOf(signer.getSignature()), f);
            }
            // what certificates and revocation data are at hand
            Set<X509Certificate> pool = new LinkedHashSet<>(dssCertificates);
            for (X509CertificateHolder holder : store.getMatches(null)) {
                pool.add(convert(holder));
            }
            List<X509CRL> crls = new ArrayList<>(dssCrls);
            try {
                for (Object crl : cms.getCRLs().getMatches(null)) {
                    crls.add(new org.bouncycastle.cert.jcajce.JcaX509CRLConverter().setProvider("BC")
                            .getCRL((org.bouncycastle.cert.X509CRLHolder) crl));
                }
            } catch (Exception ignored) {
                // unreadable CMS CRLs are not evidence
            }
            Optional<Instant> proven = b.timeStamp.filter(TimeStampInfo::valid).map(TimeStampInfo::time);
            Instant signingTime = proven.or(() -> b.claimed).orElse(Instant.now());
            List<X509Certificate> chain = buildChain(cert, pool);
            checkChain(cert, chain, signingTime, proven.isPresent(), f, b);
            b.revocation = checkRevocation(chain, crls, signingTime, proven.isPresent(), f);
            // PAdES level reached from what is present
            if (ETSI_CADES.equals(subFilter) && essV2) {
                String level = "PAdES-BASELINE-B";
                if (proven.isPresent()) {
                    level = "PAdES-BASELINE-T";
                    if (b.revocation.status() == RevocationCheck.Status.GOOD && b.revocation.source().isPresent()
                            && b.revocation.source().get().startsWith("embedded")) {
                        level = "PAdES-BASELINE-LT";
                    }
                }
                b.level = Optional.of(level);
            } else if (!ETSI_CADES.equals(subFilter)) {
                f.warn("not a PAdES signature (SubFilter " + (subFilter == null ? "missing" : subFilter.getValue())
                        + ")");
            }
        }

        boolean checkSigningCertificateV2(AttributeTable signed, X509Certificate cert, Findings f) {
            Attribute attr = signed.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
            if (attr == null) {
                f.warn("no ESS signing-certificate-v2 attribute (required by PAdES)");
                return false;
            }
            try {
                ESSCertIDv2 id = SigningCertificateV2.getInstance(attr.getAttrValues().getObjectAt(0)).getCerts()[0];
                String alg = digestName(id.getHashAlgorithm().getAlgorithm().getId());
                if (alg == null || !MessageDigest.isEqual(id.getCertHash(), digest(alg, cert.getEncoded()))) {
                    f.fail(SubIndication.NO_SIGNING_CERTIFICATE_FOUND, "the ESS signing-certificate-v2 attribute"
                            + " names another certificate");
                    return false;
                }
                return true;
            } catch (Exception e) {
                f.fail(SubIndication.FORMAT_FAILURE, "the ESS signing-certificate-v2 attribute is malformed");
                return false;
            }
        }

        Optional<TimeStampInfo> checkTimeStamp(ASN1Encodable encodedToken, DigestFn expected, Findings f) {
            List<String> problems = new ArrayList<>();
            try {
                TimeStampToken token = new TimeStampToken(new CMSSignedData(
                        encodedToken.toASN1Primitive().getEncoded()));
                return Optional.of(evaluateToken(token, expected, problems, f, false));
            } catch (Exception e) {
                f.warn("the signature time-stamp token is malformed and is ignored");
                return Optional.empty();
            }
        }

        TimeStampInfo evaluateToken(TimeStampToken token, DigestFn expected, List<String> problems, Findings f,
                                    boolean fatal) throws Exception {
            Instant time = token.getTimeStampInfo().getGenTime().toInstant();
            String alg = digestName(token.getTimeStampInfo().getHashAlgorithm().getAlgorithm().getId());
            boolean imprint = alg != null && MessageDigest.isEqual(token.getTimeStampInfo().getMessageImprintDigest(),
                    expected.digest(alg));
            if (!imprint) {
                problems.add("the time-stamp's message imprint does not match what it claims to time-stamp");
            }
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> tsaCerts = token.getCertificates().getMatches(token.getSID());
            String tsaSubject = "";
            boolean signatureOk = false;
            boolean chainOk = false;
            if (tsaCerts.isEmpty()) {
                problems.add("the time-stamp does not contain the TSA certificate");
            } else {
                X509Certificate tsa = convert(tsaCerts.iterator().next());
                tsaSubject = tsa.getSubjectX500Principal().getName();
                try {
                    token.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider("BC").build(tsa));
                    signatureOk = true;
                } catch (Exception e) {
                    problems.add("the time-stamp signature does not verify: " + e.getMessage());
                }
                Set<X509Certificate> pool = new LinkedHashSet<>(dssCertificates);
                for (X509CertificateHolder holder : token.getCertificates().getMatches(null)) {
                    pool.add(convert(holder));
                }
                List<X509Certificate> chain = buildChain(tsa, pool);
                if (!anchored(chain)) {
                    problems.add("the TSA certificate does not chain to a trusted CA");
                } else {
                    try {
                        CertificateChains.validate(chain, policy.trustAnchors(), time);
                        chainOk = true;
                    } catch (PkiImportException e) {
                        problems.add("the TSA certificate chain is not valid: " + e.getMessage());
                    }
                }
            }
            boolean valid = imprint && signatureOk && chainOk;
            if (!valid && fatal) {
                f.fail(SubIndication.TIMESTAMP_ORDER_FAILURE, "time-stamp invalid: " + String.join("; ", problems));
            } else if (!valid) {
                // an unsigned attribute: a bad one proves nothing, the signature is judged without it (as B-B)
                f.warn("the signature time-stamp is not valid and is ignored: " + String.join("; ", problems));
            }
            return new TimeStampInfo(time, tsaSubject, imprint, valid, problems);
        }

        void checkDocumentTimeStamp(ByteRangeCheck range, Findings f, SignatureDraft b) {
            try {
                TimeStampToken token = new TimeStampToken(new CMSSignedData(trimDer(range.contents)));
                b.timeStamp = Optional.of(evaluateToken(token, alg -> signedDigest(range, alg), new ArrayList<>(), f,
                        true));
                b.digestIntact = b.timeStamp.get().imprintMatches();
                b.signatureValueValid = b.timeStamp.get().valid();
                b.chainTrusted = b.timeStamp.get().valid();
                if (!b.digestIntact) {
                    f.fail(SubIndication.HASH_FAILURE, "the bytes covered by the document time-stamp were changed");
                }
            } catch (Exception e) {
                f.fail(SubIndication.FORMAT_FAILURE, "the document time-stamp is not an RFC 3161 token");
            }
        }

        // ---- certificates -----------------------------------------------------------------------------

        List<X509Certificate> buildChain(X509Certificate leaf, Collection<X509Certificate> pool) {
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(leaf);
            X509Certificate current = leaf;
            for (int depth = 0; depth < 8 && !isSelfIssued(current); depth++) {
                X509Certificate issuer = findIssuer(current, policy.trustAnchors());
                if (issuer != null) {
                    if (!chain.contains(issuer)) {
                        chain.add(issuer);
                    }
                    break;
                }
                issuer = findIssuer(current, pool);
                if (issuer == null || chain.contains(issuer)) {
                    break;
                }
                chain.add(issuer);
                current = issuer;
            }
            return chain;
        }

        boolean anchored(List<X509Certificate> chain) {
            return policy.trustAnchors().contains(chain.get(chain.size() - 1));
        }

        void checkChain(X509Certificate cert, List<X509Certificate> chain, Instant signingTime, boolean proven,
                        Findings f, SignatureDraft b) {
            if (!anchored(chain)) {
                f.fail(SubIndication.NO_CERTIFICATE_CHAIN_FOUND, "the signing certificate ("
                        + cert.getSubjectX500Principal().getName() + ") does not chain to a trusted CA");
                return;
            }
            if (signingTime.isBefore(cert.getNotBefore().toInstant())) {
                f.fail(SubIndication.NOT_YET_VALID, "the signing certificate was not yet valid at the signing time");
                return;
            }
            Instant now = Instant.now();
            Instant at = now;
            if (now.isAfter(cert.getNotAfter().toInstant())) {
                if (!proven || signingTime.isAfter(cert.getNotAfter().toInstant())) {
                    f.fail(SubIndication.OUT_OF_BOUNDS_NO_POE, "the signing certificate has expired and no"
                            + " time-stamp proves the signature was made before");
                    return;
                }
                at = signingTime;
            }
            try {
                CertificateChains.validate(chain, policy.trustAnchors(), at);
                b.chainTrusted = true;
            } catch (PkiImportException e) {
                f.fail(SubIndication.CHAIN_CONSTRAINTS_FAILURE, e.getMessage());
            }
        }

        RevocationCheck checkRevocation(List<X509Certificate> chain, List<X509CRL> crls, Instant signingTime,
                                        boolean proven, Findings f) {
            List<String> notes = new ArrayList<>();
            List<String> unavailable = new ArrayList<>();
            boolean allGood = true;
            Optional<String> source = Optional.empty();
            for (int i = 0; i + 1 < chain.size(); i++) {
                X509Certificate cert = chain.get(i);
                X509Certificate issuer = chain.get(i + 1);
                String who = i == 0 ? "signing certificate" : "CA certificate " + cert.getSubjectX500Principal().getName();
                RevocationStatus status = statusFromOcsp(cert, issuer)
                        .or(() -> statusFromCrl(cert, issuer, crls)).orElse(null);
                if (status == null && policy.onlineRevocation().isPresent()) {
                    OnlineRevocationChecker.Answer answer = policy.onlineRevocation().get().check(cert, issuer,
                            onlineDeadline);
                    if (answer.known()) {
                        status = new RevocationStatus(answer.revokedAt().orElse(null), answer.source());
                        if (i > 0) {
                            notes.add("the " + who + " was checked by " + answer.source());
                        }
                    } else {
                        String reason = "the revocation status of the " + who + " could not be fetched: "
                                + String.join("; ", answer.problems());
                        unavailable.add(reason);
                        notes.add(reason);
                        allGood = false;
                        continue;
                    }
                }
                if (status == null) {
                    allGood = false;
                    notes.add("no revocation data for the " + who);
                    continue;
                }
                if (i == 0) {
                    source = Optional.of(status.source);
                }
                if (status.revokedAt != null) {
                    if (!status.revokedAt.isAfter(signingTime)) {
                        f.fail(SubIndication.REVOKED, "the " + who + " was revoked at " + status.revokedAt
                                + ", before the signing time " + signingTime + " (" + status.source + ")");
                        return new RevocationCheck(RevocationCheck.Status.REVOKED, Optional.of(status.revokedAt),
                                Optional.of(status.source), notes);
                    }
                    if (!proven) {
                        f.fail(SubIndication.REVOKED_NO_POE, "the " + who + " was revoked at " + status.revokedAt
                                + " (" + status.source + ") and no time-stamp proves the signature is older");
                        return new RevocationCheck(RevocationCheck.Status.REVOKED, Optional.of(status.revokedAt),
                                Optional.of(status.source), notes);
                    }
                    notes.add("the " + who + " was revoked at " + status.revokedAt + ", after the time-stamped"
                            + " signing time (" + status.source + ")");
                }
            }
            if (!allGood) {
                if (!unavailable.isEmpty()) {
                    // online checking was asked for and failed: the status is unknown, not merely undocumented
                    f.fail(SubIndication.TRY_LATER, String.join("; ", unavailable));
                } else if (policy.requireRevocationData()) {
                    f.fail(SubIndication.TRY_LATER, String.join("; ", notes));
                } else {
                    f.warn(String.join("; ", notes));
                }
                return new RevocationCheck(RevocationCheck.Status.NO_DATA, Optional.empty(), source, notes);
            }
            return new RevocationCheck(RevocationCheck.Status.GOOD, Optional.empty(), source, notes);
        }

        Optional<RevocationStatus> statusFromOcsp(X509Certificate cert, X509Certificate issuer) {
            for (BasicOCSPResp response : dssOcsps) {
                try {
                    DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
                    X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
                    for (SingleResp single : response.getResponses()) {
                        CertificateID id = single.getCertID();
                        if (!id.getSerialNumber().equals(cert.getSerialNumber())
                                || !id.matchesIssuer(issuerHolder, digests)) {
                            continue;
                        }
                        if (!ocspSignedByAuthority(response, issuer)) {
                            continue;
                        }
                        Object status = single.getCertStatus();
                        if (status == null) {
                            return Optional.of(new RevocationStatus(null, "embedded DSS OCSP"));
                        }
                        if (status instanceof RevokedStatus revoked) {
                            return Optional.of(new RevocationStatus(revoked.getRevocationTime().toInstant(),
                                    "embedded DSS OCSP"));
                        }
                    }
                } catch (Exception ignored) {
                    // a response we cannot read proves nothing
                }
            }
            return Optional.empty();
        }

        Optional<RevocationStatus> statusFromCrl(X509Certificate cert, X509Certificate issuer, List<X509CRL> crls) {
            for (X509CRL crl : crls) {
                if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                    continue;
                }
                try {
                    crl.verify(issuer.getPublicKey());
                } catch (Exception e) {
                    continue;
                }
                X509CRLEntry entry = crl.getRevokedCertificate(cert.getSerialNumber());
                return Optional.of(new RevocationStatus(entry == null ? null : entry.getRevocationDate().toInstant(),
                        "embedded DSS/CMS CRL"));
            }
            return Optional.empty();
        }

        // ---- modifications ----------------------------------------------------------------------------

        List<Change> changesAfter(long end, int docMdp, Findings f) {
            byte[] revision = java.util.Arrays.copyOf(bytes, (int) end);
            long[] ends = revisionEnds();
            int signedRevision = revisionEnding(end);
            try (PdfDocument signed = open(revision); PdfDocument latest = open(bytes)) {
                return new ModificationAnalyzer(ends, signedRevision).compare(signed, latest, docMdp);
            } catch (IOException | com.itextpdf.kernel.exceptions.PdfException e) {
                if (e instanceof MemoryLimitsAwareException m) {
                    throw m;
                }
                f.fail(SubIndication.FORMAT_FAILURE, "the signed revision cannot be opened on its own");
                return List.of();
            }
        }

        void addLtaLevels(List<SignatureReport> reports) {
            // B-LTA: a valid document time-stamp in a later revision than the signature, with the DSS before it
            for (int i = 0; i < reports.size(); i++) {
                SignatureReport r = reports.get(i);
                if (r.padesLevel().filter("PAdES-BASELINE-LT"::equals).isEmpty()) {
                    continue;
                }
                for (SignatureReport later : reports) {
                    if (later.kind() == Kind.DOCUMENT_TIMESTAMP && later.revision() > r.revision()
                            && later.indication() == Indication.TOTAL_PASSED) {
                        reports.set(i, Verdicts.withLevel(r, "PAdES-BASELINE-LTA"));
                        break;
                    }
                }
            }
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------

/** The OCSP response is signed by the issuer itself or by its delegated responder (EKU OCSPSigning). */
static boolean ocspSignedByAuthority(BasicOCSPResp response, X509Certificate issuer) throws Exception {
        if (response.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider("BC")
                .build(issuer.getPublicKey()))) {
            return true;
        }
        for (X509CertificateHolder holder : response.getCerts()) {
            X509Certificate responder = convert(holder);
            List<String> eku = responder.getExtendedKeyUsage();
            if (eku != null && eku.contains("1.3.6.1.5.5.7.3.9") && issuedBy(responder, issuer)
                    && response.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider("BC")
                    .build(responder.getPublicKey()))) {
                return true;
            }
        }
        return false;
    }


    @FunctionalInterface
    private interface DigestFn {
        byte[] digest(String algorithm);
    }

    private static DigestFn digestOf(byte[] data) {
        return alg -> digest(alg, data);
    }

    private record RevocationStatus(Instant revokedAt, String source) {
    }

    static final class ByteRangeCheck {
        boolean ok;
        List<Long> values = List.of();
        long[] ranges;
        byte[] contents;
        long end;
        boolean coversWholeFile;
    }

    private static int docMdpPermission(PdfDocument pdf, SignatureUtil util, List<String> names) {
        for (String name : names) {
            PdfDictionary sig = util.getSignatureDictionary(name);
            PdfArray references = sig == null ? null : sig.getAsArray(PdfName.Reference);
            if (references == null) {
                continue;
            }
            for (int i = 0; i < references.size(); i++) {
                PdfDictionary ref = references.getAsDictionary(i);
                if (ref != null && PdfName.DocMDP.equals(ref.getAsName(PdfName.TransformMethod))) {
                    PdfDictionary params = ref.getAsDictionary(PdfName.TransformParams);
                    PdfNumber p = params == null ? null : params.getAsNumber(PdfName.P);
                    return p == null ? 2 : p.intValue();
                }
            }
        }
        return 0;
    }

    /** Signature fields with a value (a signature dictionary), by full name; bounded against loops. */
    private static Map<String, PdfDictionary> signedFields(PdfDocument pdf) {
        Map<String, PdfDictionary> result = new LinkedHashMap<>();
        PdfDictionary form = pdf.getCatalog().getPdfObject().getAsDictionary(PdfName.AcroForm);
        if (form != null) {
            collectSignedFields(form.getAsArray(PdfName.Fields), "", null, result, new HashSet<>(), 0);
        }
        return result;
    }

    private static void collectSignedFields(PdfArray kids, String prefix, PdfName inheritedType,
                                            Map<String, PdfDictionary> out, Set<Object> seen, int depth) {
        if (kids == null || depth > 32) {
            return;
        }
        for (int i = 0; i < kids.size() && i < 10_000; i++) {
            PdfDictionary field = kids.getAsDictionary(i);
            if (field == null || !seen.add(field.getIndirectReference() == null ? field
                    : field.getIndirectReference())) {
                continue;
            }
            PdfString t = field.getAsString(PdfName.T);
            String name = t == null ? prefix : prefix.isEmpty() ? t.toUnicodeString() : prefix + "." + t.toUnicodeString();
            PdfName type = field.getAsName(PdfName.FT) != null ? field.getAsName(PdfName.FT) : inheritedType;
            PdfDictionary value = field.getAsDictionary(PdfName.V);
            if (PdfName.Sig.equals(type) && value != null && !name.isEmpty()) {
                out.put(name, value);
            }
            collectSignedFields(field.getAsArray(PdfName.Kids), name, type, out, seen, depth + 1);
        }
    }

    private static int safeRevision(SignatureUtil util, String name) {
        try {
            return util.getRevision(name);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static List<byte[]> streams(PdfArray array) {
        List<byte[]> result = new ArrayList<>();
        if (array == null) {
            return result;
        }
        for (int i = 0; i < array.size() && i < 1000; i++) {
            PdfObject o = array.get(i);
            if (o instanceof PdfStream stream) {
                result.add(stream.getBytes());
            }
        }
        return result;
    }

    private static Optional<X509Certificate> parseCertificate(byte[] der) {
        try {
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der)));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static X509Certificate convert(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable certificate", e);
        }
    }

    private static boolean isSelfIssued(X509Certificate cert) {
        return cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal());
    }

    private static X509Certificate findIssuer(X509Certificate cert, Collection<X509Certificate> candidates) {
        for (X509Certificate candidate : candidates) {
            if (issuedBy(cert, candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean issuedBy(X509Certificate cert, X509Certificate issuer) {
        if (!cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** /Contents is zero-padded after the DER; BC wants the DER alone. */
    private static byte[] trimDer(byte[] contents) throws IOException {
        try (org.bouncycastle.asn1.ASN1InputStream in = new org.bouncycastle.asn1.ASN1InputStream(contents)) {
            ASN1Primitive primitive = in.readObject();
            if (primitive == null) {
                throw new IOException("empty");
            }
            return primitive.getEncoded();
        }
    }

    static String digestName(String oid) {
        if (oid == null) {
            return null;
        }
        return switch (oid) {
            case "2.16.840.1.101.3.4.2.1" -> "SHA-256";
            case "2.16.840.1.101.3.4.2.2" -> "SHA-384";
            case "2.16.840.1.101.3.4.2.3" -> "SHA-512";
            case "1.3.14.3.2.26" -> "SHA-1";
            case "1.2.156.10197.1.401" -> "SM3";
            default -> null;
        };
    }

    static byte[] digest(String algorithm, byte[] data) {
        return messageDigest(algorithm).digest(data);
    }

    private static MessageDigest messageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            try {
                return MessageDigest.getInstance(algorithm, org.onewindow.service.keys.Sm2.provider());
            } catch (Exception inner) {
                throw new IllegalStateException("digest " + algorithm + " is not available", inner);
            }
        }
    }

    static CertificateInfo info(X509Certificate cert) {
        try {
            return new CertificateInfo(cert.getSubjectX500Principal().getName(), cert.getIssuerX500Principal().getName(),
                    cert.getSerialNumber().toString(16), HexFormat.of().formatHex(digest("SHA-256", cert.getEncoded())),
                    cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(), Pem.encode(cert));
        } catch (Exception e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    static Optional<String> rdn(X509Certificate cert, ASN1ObjectIdentifier type) {
        X500Name name = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        RDN[] rdns = name.getRDNs(type);
        return rdns.length == 0 ? Optional.empty()
                : Optional.of(IETFUtils.valueToString(rdns[0].getFirst().getValue()));
    }

    static Optional<String> commonName(X509Certificate cert) {
        return rdn(cert, BCStyle.CN);
    }

    static Optional<String> organization(X509Certificate cert) {
        return rdn(cert, BCStyle.O);
    }

}
