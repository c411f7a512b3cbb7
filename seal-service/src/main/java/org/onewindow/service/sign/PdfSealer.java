package org.onewindow.service.sign;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.regex.Pattern;

import com.itextpdf.forms.PdfAcroForm;
import com.itextpdf.forms.fields.PdfFormField;
import com.itextpdf.forms.fields.PdfSignatureFormField;
import com.itextpdf.io.source.IRandomAccessSource;
import com.itextpdf.io.source.RandomAccessSourceFactory;
import com.itextpdf.kernel.exceptions.BadPasswordException;
import com.itextpdf.kernel.exceptions.PdfException;
import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.PdfArray;
import com.itextpdf.kernel.pdf.PdfDictionary;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfName;
import com.itextpdf.kernel.pdf.PdfNumber;
import com.itextpdf.kernel.pdf.PdfPage;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.ReaderProperties;
import com.itextpdf.kernel.pdf.StampingProperties;
import com.itextpdf.kernel.pdf.annot.PdfWidgetAnnotation;
import com.itextpdf.kernel.pdf.canvas.parser.PdfCanvasProcessor;
import com.itextpdf.kernel.pdf.canvas.parser.listener.IPdfTextLocation;
import com.itextpdf.kernel.pdf.canvas.parser.listener.RegexBasedLocationExtractionStrategy;
import com.itextpdf.signatures.AccessPermissions;
import com.itextpdf.signatures.IExternalDigest;
import com.itextpdf.signatures.ICrlClient;
import com.itextpdf.signatures.IOcspClient;
import com.itextpdf.signatures.ITSAClient;
import com.itextpdf.signatures.IssuingCertificateRetriever;
import com.itextpdf.signatures.LtvVerification;
import com.itextpdf.signatures.PdfPadesSigner;
import com.itextpdf.signatures.PdfSigner;
import com.itextpdf.signatures.ProviderDigest;
import com.itextpdf.signatures.SignatureUtil;
import com.itextpdf.signatures.SignerProperties;
import com.itextpdf.styledxmlparser.resolver.resource.IResourceRetriever;
import org.onewindow.service.keys.SignatureAlgorithm;
import org.onewindow.service.pki.CertificateStatus;
import org.onewindow.service.seal.image.SealPdfRenderer;

/**
 * Seals PDFs with PAdES baseline signatures (iText {@link PdfSigner} in CAdES mode, the steps of {@link PdfPadesSigner}
 * for B-B/B-T done on the document that was inspected) whose keys stay in custody.
 *
 * <p>Every sealing is an incremental update appended to the input, so earlier signatures stay valid. B-B/B-T
 * documents up to {@link #IN_MEMORY_LIMIT} are signed in memory and written to the output in one go once the
 * signature is complete (the output file is created only then; a write failure deletes it). Larger documents and
 * the B-LT/B-LTA phases go file to file: iText reads the input through a random-access file source and writes
 * through temporary files in {@link SealingContext#tempDir()}, so a 200 MB scan needs no more heap than a one-page
 * notice; their output is written to a temporary file beside it and moved into place only when complete.
 *
 * <p>Before anything is signed the seal is checked (revocation registry, validity dates, key usage) and the
 * document is inspected (password, damage, DocMDP lock, placement); custody's signature is verified with the seal
 * certificate before it is embedded (key in custody and the certified one); each failure is a typed exception that
 * the web layer maps to 409/422. Thread-safe: instances hold no per-call state.
 */
public final class PdfSealer {
    private static final String CREATOR = "onewindow";
    /** Seal size when the identity has no seal image (an anchor still needs a rectangle). */
    private static final float DEFAULT_SEAL_PT = (float) (40 * SealPdfRenderer.PT_PER_MM);

    /** Up to this size iText prepares the signed document in memory (faster); larger ones go through temp files. */
    public static final long IN_MEMORY_LIMIT = 16L * 1024 * 1024;

    /**
     * Hashes the signed byte ranges and attributes with the JDK's SHA-256 (hardware-accelerated where the CPU has
     * SHA instructions) instead of Bouncy Castle's pure-Java digest; same algorithm, same bytes.
     */
    private static final IExternalDigest DIGEST = new ProviderDigest(null);

    private final SealingContext context;
    /** Draws visible seals; shared across seals so each font file is parsed once per sealer, not per seal. */
    private final SealPdfRenderer renderer = new SealPdfRenderer();

    public PdfSealer(SealingContext context) {
        this.context = context;
    }

    /**
     * Seals {@code input} into {@code output} (which may not be the input; an existing output is replaced).
     *
     * @throws EncryptedPdfException       encrypted and no (or a wrong) password
     * @throws MalformedPdfException       not a PDF, or damaged
     * @throws DocumentLockedException     certified with no changes allowed (or P=2 and no existing field to sign)
     * @throws SealNotUsableException      the seal certificate is revoked, suspended, expired or not ours
     * @throws UnusableKeyException        the key is missing in custody or does not match the certificate
     * @throws SealPlacementException      no such page, field or anchor text
     * @throws LevelNotAvailableException  the level needs a TSA or revocation source that is not configured
     */
    public SealResult seal(Path input, Path output, SealIdentity identity, SealRequest request) {
        if (input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("the sealed output must not overwrite the input");
        }
        SignatureAlgorithm algorithm = checkIdentity(identity);
        checkLevel(request.level());
        try {
            Instant signedAt = context.clock().instant();
            if (!request.level().needsRevocationData() && Files.size(input) <= IN_MEMORY_LIMIT) {
                return sealInMemory(input, output, identity, algorithm, request, signedAt);
            }
            return sealThroughFiles(input, output, identity, algorithm, request, signedAt);
        } catch (IOException e) {
            throw new UncheckedIOException("sealing failed: " + e.getMessage(), e);
        }
    }

    /**
     * B-B/B-T of a document up to {@link #IN_MEMORY_LIMIT}: read once into memory (hashed from those bytes), signed
     * completely in memory, then written to {@code output} in one go while its hash is computed. Nothing touches
     * {@code output} before the signature is complete (a refusal leaves an existing output alone), and a failure
     * while writing deletes what was written.
     */
    private SealResult sealInMemory(Path input, Path output, SealIdentity identity, SignatureAlgorithm algorithm,
                                    SealRequest request, Instant signedAt) throws IOException {
        byte[] bytes = Files.readAllBytes(input);
        String inputSha256 = sha256(bytes);
        MessageDigest outputDigest = sha256Digest();
        DeferredFileOutputStream file = new DeferredFileOutputStream(output);
        boolean complete = false;
        try {
            Inspection inspection;
            try (PdfReader reader = openReader(input, new RandomAccessSourceFactory().createSource(bytes), request);
                 OutputStream out = new DigestOutputStream(file, outputDigest)) {
                PdfSigner signer = open(reader, out, null, request);
                inspection = inspect(signer.getDocument(), reader, request, identity);
                signDetached(signer, identity, algorithm, request, inspection, signedAt);
            }
            complete = true;
            return new SealResult(inspection.fieldName, request.level(), inspection.page, signedAt, inputSha256,
                    HexFormat.of().formatHex(outputDigest.digest()), file.written());
        } finally {
            if (!complete) {
                file.discard();
            }
        }
    }

    /**
     * Large documents and the B-LT/B-LTA phases: file to file, the output written to a temporary file beside it and
     * moved into place only when complete.
     */
    private SealResult sealThroughFiles(Path input, Path output, SealIdentity identity, SignatureAlgorithm algorithm,
                                        SealRequest request, Instant signedAt) throws IOException {
        Path dir = output.toAbsolutePath().getParent();
        Path work = null;
        List<Path> temps = new ArrayList<>();
        try {
            Files.createDirectories(context.tempDir());
            work = Files.createTempFile(dir, ".sealing-", ".pdf");
            Signed signed = sign(input, work, identity, algorithm, request, signedAt, temps);
            Inspection inspection = signed.inspection();
            String outputHash = signed.outputSha256() != null ? signed.outputSha256() : sha256(work);
            long size = Files.size(work);
            try {
                Files.move(work, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(work, output, StandardCopyOption.REPLACE_EXISTING);
            }
            work = null;
            return new SealResult(inspection.fieldName, request.level(), inspection.page, signedAt,
                    inspection.inputSha256, outputHash, size);
        } finally {
            deleteQuietly(work);
            temps.forEach(PdfSealer::deleteQuietly);
        }
    }

    /**
     * Seals a stream into a stream, spooling both through temporary files (the caller closes the streams).
     *
     * @see #seal(Path, Path, SealIdentity, SealRequest)
     */
    public SealResult seal(InputStream input, OutputStream output, SealIdentity identity, SealRequest request) {
        Path in = null;
        Path out = null;
        try {
            Files.createDirectories(context.tempDir());
            in = Files.createTempFile(context.tempDir(), "seal-in-", ".pdf");
            out = Files.createTempFile(context.tempDir(), "seal-out-", ".pdf");
            Files.copy(input, in, StandardCopyOption.REPLACE_EXISTING);
            SealResult result = seal(in, out, identity, request);
            Files.copy(out, output);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("sealing failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(in);
            deleteQuietly(out);
        }
    }

    // ---- signing -------------------------------------------------------------------------------------------

    /** The inspection of the input and, when known while writing, the SHA-256 of the output. */
    private record Signed(Inspection inspection, String outputSha256) {
    }

    /**
     * Signs in one parse of the input: the document iText opens for signing is the one inspected (password,
     * damage, DocMDP lock, placement) before anything is signed; small inputs are read once into memory and
     * hashed on the way, and the output of B-B/B-T is hashed while it is written.
     */
    private Signed sign(Path input, Path work, SealIdentity identity, SignatureAlgorithm algorithm,
                        SealRequest request, Instant signedAt, List<Path> temps) throws IOException {
        ITSAClient tsa = context.timeStamper().map(TimeStamperTsaClient::new).orElse(null);
        PadesLevel level = request.level();

        Path signed = level.needsRevocationData() ? newTemp(temps) : work;
        boolean large = Files.size(input) > IN_MEMORY_LIMIT;
        String inputSha256;
        IRandomAccessSource source;
        if (large) {
            inputSha256 = sha256(input);
            source = null;
        } else {
            byte[] bytes = Files.readAllBytes(input);
            inputSha256 = sha256(bytes);
            source = new RandomAccessSourceFactory().createSource(bytes);
        }
        MessageDigest outputDigest = sha256Digest();
        Inspection inspection;
        try (PdfReader reader = openReader(input, source, request);
             OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(signed),
                     1 << 16), outputDigest)) {
            // iText then prepares the document in a temporary file instead of a byte array
            String tempFile = large ? newTemp(temps).toString() : null;
            PdfSigner signer = open(reader, out, tempFile, request);
            inspection = inspect(signer.getDocument(), reader, request, identity);
            inspection.inputSha256 = inputSha256;
            signDetached(signer, identity, algorithm, request, inspection, signedAt);
        }
        if (!level.needsRevocationData()) {
            return new Signed(inspection, HexFormat.of().formatHex(outputDigest.digest()));
        }
        // B-LT and B-LTA: the same steps as PdfPadesSigner's LT/LTA profiles, but file to file (iText's own
        // implementation re-reads the intermediate document through an InputStream, i.e. into memory).
        Path withDss = level == PadesLevel.B_LTA ? newTemp(temps) : work;
        RevocationSource revocation = context.revocation().orElseThrow();
        try (PdfDocument pdf = new PdfDocument(reader(signed, request), new PdfWriter(withDss.toFile()),
                new StampingProperties().useAppendMode())) {
            LtvVerification ltv = new LtvVerification(pdf)
                    .setRevocationDataNecessity(LtvVerification.RevocationDataNecessity.REQUIRED_FOR_SIGNING_CERTIFICATE)
                    .setIssuingCertificateRetriever(offlineRetriever(identity.chain()));
            ltv.addVerification(inspection.fieldName, ocspClient(revocation), crlClient(revocation),
                    LtvVerification.CertificateOption.ALL_CERTIFICATES, LtvVerification.Level.OCSP_OPTIONAL_CRL,
                    LtvVerification.CertificateInclusion.YES);
            ltv.merge();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("adding validation data failed: " + e.getMessage(), e);
        }
        if (level != PadesLevel.B_LTA) {
            return new Signed(inspection, null);
        }
        try (PdfReader reader = reader(withDss, request); OutputStream out = Files.newOutputStream(work)) {
            PdfSigner stamper = new PdfSigner(reader, out, newTemp(temps).toString(),
                    new StampingProperties().useAppendMode());
            stamper.timestamp(tsa, "DocTimeStamp" + (inspection.existingSignatures + 2));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("document time-stamp failed: " + e.getMessage(), e);
        }
        return new Signed(inspection, null);
    }

    /** Sets the signer properties and makes the CAdES signature (with the signature time-stamp from B-T on). */
    private void signDetached(PdfSigner signer, SealIdentity identity, SignatureAlgorithm algorithm,
                              SealRequest request, Inspection inspection, Instant signedAt) throws IOException {
        if (request.crossPage().isPresent()) {
            CrossPageStamp.apply(signer.getDocument(), SealGraphic.of(identity).orElseThrow(),
                    request.crossPage().get(), renderer);
        }
        signer.setSignerProperties(properties(identity, request, inspection, signedAt));
        Certificate[] chain = identity.chain().toArray(new Certificate[0]);
        Certificate[] fullChain = offlineRetriever(identity.chain()).retrieveMissingCertificates(chain);
        ITSAClient tsa = request.level() == PadesLevel.B_B ? null
                : context.timeStamper().map(TimeStamperTsaClient::new).orElseThrow();
        try {
            signer.signDetached(DIGEST, new CustodySignature(identity.custody(), identity.key(), algorithm,
                            identity.certificate()),
                    fullChain, null, null, tsa, 0, PdfSigner.CryptoStandard.CADES);
        } catch (GeneralSecurityException e) {
            throw new UnusableKeyException("signing with " + identity.key() + " failed: " + e.getMessage(), e);
        }
    }

    private SignerProperties properties(SealIdentity identity, SealRequest request, Inspection inspection,
                                               Instant signedAt) {
        SignerProperties properties = new SignerProperties()
                .setFieldName(inspection.fieldName)
                .setReason(request.reason())
                .setLocation(request.location())
                .setSignatureCreator(CREATOR)
                .setClaimedSignDate(calendar(signedAt));
        if (!(request.placement() instanceof SealPlacement.Field)) {
            properties.setPageNumber(Math.max(1, inspection.page));
            properties.setPageRect(inspection.rect == null ? new Rectangle(0, 0, 0, 0) : inspection.rect);
        }
        Optional<SealGraphic> graphic = SealGraphic.of(identity);
        if (inspection.rect != null && graphic.isPresent()) {
            properties.setSignatureAppearance(SealAppearance.of(renderer, graphic.get(),
                    inspection.rect.getWidth(), inspection.rect.getHeight()));
        }
        request.certification().ifPresent(level -> properties.setCertificationLevel(switch (level) {
            case NO_CHANGES -> AccessPermissions.NO_CHANGES_PERMITTED;
            case FORM_FILLING_AND_SIGNING -> AccessPermissions.FORM_FIELDS_MODIFICATION;
            case ANNOTATIONS -> AccessPermissions.ANNOTATION_MODIFICATION;
        }));
        return properties;
    }

    /** Opens the input for signing in append mode, mapping what iText refuses to our typed exceptions. */
    private static PdfSigner open(PdfReader reader, OutputStream out, String tempFile, SealRequest request) {
        try {
            return new PdfSigner(reader, out, tempFile, new StampingProperties().useAppendMode());
        } catch (BadPasswordException e) {
            throw encryptionRefusal(reader, request, e);
        } catch (PdfException e) {
            if (e.getCause() instanceof BadPasswordException) {
                throw encryptionRefusal(reader, request, e);
            }
            if (rebuiltXref(reader)) {
                throw damaged();
            }
            throw new MalformedPdfException("the file is not a readable PDF: " + e.getMessage(), e);
        } catch (IOException | com.itextpdf.io.exceptions.IOException e) {
            throw new MalformedPdfException("the file is not a readable PDF: " + e.getMessage(), e);
        }
    }

    private static EncryptedPdfException encryptionRefusal(PdfReader reader, SealRequest request, Exception e) {
        boolean readable;
        try {
            readable = reader.isEncrypted() && !reader.isOpenedWithFullPermission();
        } catch (RuntimeException notRead) {
            readable = false;
        }
        if (readable && request.password().isPresent()) {
            return new EncryptedPdfException("the password opens the PDF only for reading; sealing needs the owner"
                    + " password");
        }
        if (readable) {
            return new EncryptedPdfException("the PDF is encrypted with an owner password; give it to seal the"
                    + " document");
        }
        return new EncryptedPdfException(request.password().isPresent()
                ? "the password does not open this encrypted PDF"
                : "the PDF is encrypted; give its password to seal it", e);
    }

    /** Whether the reader had to rebuild the cross-reference table; false when it never got that far. */
    private static boolean rebuiltXref(PdfReader reader) {
        try {
            return reader.hasRebuiltXref();
        } catch (PdfException notRead) {
            return false;
        }
    }

    private static MalformedPdfException damaged() {
        return new MalformedPdfException("the PDF is damaged (its cross-reference table had to be rebuilt);"
                + " repair it before sealing, an incremental update would not be reliable");
    }

    private Path newTemp(List<Path> temps) throws IOException {
        Path path = Files.createTempFile(context.tempDir(), "sealing-", ".pdf");
        temps.add(path);
        return path;
    }

    /** A reader of the input to seal (from its bytes when given); not a PDF at all is a typed refusal. */
    private static PdfReader openReader(Path input, IRandomAccessSource bytes, SealRequest request)
            throws IOException {
        try {
            return bytes == null ? reader(input, request) : reader(bytes, request);
        } catch (PdfException | com.itextpdf.io.exceptions.IOException e) {
            throw new MalformedPdfException("the file is not a readable PDF: " + e.getMessage(), e);
        }
    }

    private static PdfReader reader(IRandomAccessSource source, SealRequest request) throws IOException {
        ReaderProperties properties = new ReaderProperties();
        request.password().ifPresent(properties::setPassword);
        return new PdfReader(source, properties);
    }

    private static PdfReader reader(Path file, SealRequest request) throws IOException {
        ReaderProperties properties = new ReaderProperties();
        request.password().ifPresent(properties::setPassword);
        return new PdfReader(file.toFile(), properties);
    }

    private static IOcspClient ocspClient(RevocationSource source) {
        return (certificate, issuer, url) -> source.ocsp(certificate, issuer).orElse(null);
    }

    private static ICrlClient crlClient(RevocationSource source) {
        return (certificate, url) -> {
            List<byte[]> crls = source.crls(certificate);
            return crls.isEmpty() ? null : crls;
        };
    }

    /** Knows the seal's chain and never fetches issuers over the network (AIA): sealing works offline. */
    private static IssuingCertificateRetriever offlineRetriever(List<X509Certificate> chain) {
        IssuingCertificateRetriever retriever = new IssuingCertificateRetriever(new IResourceRetriever() {
            @Override
            public InputStream getInputStreamByUrl(URL url) {
                return null;
            }

            @Override
            public byte[] getByteArrayByUrl(URL url) {
                return null;
            }
        });
        retriever.addKnownCertificates(new ArrayList<Certificate>(chain));
        return retriever;
    }

    // ---- checks --------------------------------------------------------------------------------------------

    private void checkLevel(PadesLevel level) {
        if (level.needsTimeStamp() && context.timeStamper().isEmpty()) {
            throw new LevelNotAvailableException(level + " needs a time-stamp authority and none is configured");
        }
        if (level.needsRevocationData() && context.revocation().isEmpty()) {
            throw new LevelNotAvailableException(level + " needs CRL/OCSP data and no revocation source is configured");
        }
    }

    private SignatureAlgorithm checkIdentity(SealIdentity identity) {
        X509Certificate leaf = identity.certificate();
        CertificateStatus status = context.statusCheck().status(identity.chain());
        String serial = leaf.getSerialNumber().toString(16);
        if (status instanceof CertificateStatus.Revoked revoked) {
            throw new SealNotUsableException("the seal certificate (serial " + serial + ") was revoked at "
                    + revoked.revokedAt() + " (" + revoked.reason() + ")");
        }
        if (status instanceof CertificateStatus.Suspended suspended) {
            throw new SealNotUsableException("the seal certificate (serial " + serial + ") is suspended since "
                    + suspended.since());
        }
        try {
            leaf.checkValidity(Date.from(context.clock().instant()));
        } catch (CertificateExpiredException e) {
            throw new SealNotUsableException("the seal certificate (serial " + serial + ") expired at "
                    + leaf.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw new SealNotUsableException("the seal certificate (serial " + serial + ") is valid only from "
                    + leaf.getNotBefore().toInstant());
        }
        boolean[] usage = leaf.getKeyUsage();
        if (usage != null && !usage[0] && !usage[1]) {
            throw new UnusableKeyException("the seal certificate (serial " + serial
                    + ") allows neither digitalSignature nor nonRepudiation");
        }
        // That the key is in custody and is the certified one is proven by verifying its signature with the
        // certificate (CustodySignature), before anything is written.
        return leaf.getPublicKey().getAlgorithm().equalsIgnoreCase("RSA") ? SignatureAlgorithm.SHA256_WITH_RSA
                : SignatureAlgorithm.SHA256_WITH_ECDSA;
    }

    /** What the document allows and where the seal goes, found before signing. */
    private static final class Inspection {
        String inputSha256;
        String fieldName;
        int page;
        Rectangle rect;
        int existingSignatures;
    }

    /** Checks the document opened for signing and finds where the seal goes; nothing is written yet. */
    private static Inspection inspect(PdfDocument pdf, PdfReader reader, SealRequest request, SealIdentity identity) {
        Inspection inspection = new Inspection();
        try {
            if (reader.hasRebuiltXref()) {
                throw damaged();
            }
            if (reader.isEncrypted() && !reader.isOpenedWithFullPermission()) {
                throw encryptionRefusal(reader, request, null);
            }
            SignatureUtil signatures = new SignatureUtil(pdf);
            List<String> names = signatures.getSignatureNames();
            inspection.existingSignatures = names.size();
            int p = docMdpPermission(pdf);
            if (p == 1) {
                throw new DocumentLockedException("the document is certified with \"no changes allowed\" (DocMDP P=1);"
                        + " it cannot be sealed again");
            }
            if (p == 2 && !(request.placement() instanceof SealPlacement.Field)) {
                throw new DocumentLockedException("the document is certified for form filling and signing only"
                        + " (DocMDP P=2): seal it in one of its existing signature fields");
            }
            if (request.certification().isPresent() && !names.isEmpty()) {
                throw new DocumentLockedException("a certification signature must be the first signature; the"
                        + " document already has " + names.size());
            }
            if (request.crossPage().isPresent()) {
                checkCrossPage(pdf, p, names.size(), identity);
            }
            PdfAcroForm form = PdfAcroForm.getAcroForm(pdf, false);
            Optional<SealGraphic> graphic = SealGraphic.of(identity);
            float sealWidth = graphic.map(SealGraphic::widthPt).orElse(DEFAULT_SEAL_PT);
            float sealHeight = graphic.map(SealGraphic::heightPt).orElse(DEFAULT_SEAL_PT);
            SealPlacement placement = request.placement();
            if (placement instanceof SealPlacement.Invisible) {
                inspection.page = 0;
                inspection.rect = null;
            } else if (placement instanceof SealPlacement.Field field) {
                {
                    PdfFormField found = form == null ? null : form.getField(field.name());
                    if (!(found instanceof PdfSignatureFormField)) {
                        throw new SealPlacementException("the document has no signature field '" + field.name()
                                + "'");
                    }
                    if (found.getValue() != null) {
                        throw new SealPlacementException("signature field '" + field.name() + "' is already signed");
                    }
                    PdfWidgetAnnotation widget = found.getWidgets().isEmpty() ? null : found.getWidgets().get(0);
                    inspection.fieldName = field.name();
                    if (widget != null && widget.getPage() != null) {
                        inspection.page = pdf.getPageNumber(widget.getPage());
                        Rectangle r = widget.getRectangle().toRectangle();
                        inspection.rect = r.getWidth() > 0 && r.getHeight() > 0 ? r : null;
                    }
                }
            } else if (placement instanceof SealPlacement.PageArea area) {
                {
                    PdfPage page = page(pdf, area.page());
                    Rectangle crop = page.getCropBox();
                    float k = (float) SealPdfRenderer.PT_PER_MM;
                    inspection.page = area.page();
                    inspection.rect = new Rectangle(crop.getX() + (float) area.xMm() * k,
                            crop.getTop() - (float) (area.yMm() + area.heightMm()) * k,
                            (float) area.widthMm() * k, (float) area.heightMm() * k);
                    if (inspection.rect.getX() + inspection.rect.getWidth() > crop.getRight() + 0.5f
                            || inspection.rect.getY() < crop.getBottom() - 0.5f) {
                        throw new SealPlacementException("the seal rectangle lies outside page " + area.page());
                    }
                }
            } else if (placement instanceof SealPlacement.Anchor anchor) {
                {
                    Located located = findAnchor(pdf, anchor);
                    inspection.page = located.page;
                    Rectangle crop = pdf.getPage(located.page).getCropBox();
                    float cx = located.rect.getX() + located.rect.getWidth() / 2;
                    float cy = located.rect.getY() + located.rect.getHeight() / 2;
                    float x = clamp(cx - sealWidth / 2, crop.getLeft(), crop.getRight() - sealWidth);
                    float y = clamp(cy - sealHeight / 2, crop.getBottom(), crop.getTop() - sealHeight);
                    inspection.rect = new Rectangle(x, y, sealWidth, sealHeight);
                }
            }
            if (inspection.fieldName == null) {
                inspection.fieldName = request.fieldName().orElseGet(() -> freeName(form, names.size()));
                if (form != null && form.getField(inspection.fieldName) != null) {
                    throw new SealPlacementException("the document already has a field named '"
                            + inspection.fieldName + "'");
                }
            }
            return inspection;
        } catch (BadPasswordException e) {
            throw new EncryptedPdfException(request.password().isPresent()
                    ? "the password does not open this encrypted PDF"
                    : "the PDF is encrypted; give its password to seal it", e);
        } catch (PdfException e) {
            if (e.getCause() instanceof BadPasswordException) {
                throw new EncryptedPdfException("the PDF is encrypted; give its password to seal it", e);
            }
            throw new MalformedPdfException("the file is not a readable PDF: " + e.getMessage(), e);
        } catch (com.itextpdf.io.exceptions.IOException e) {
            throw new MalformedPdfException("the file is not a readable PDF: " + e.getMessage(), e);
        }
    }

    /**
     * A 骑缝章 changes page content: allowed only on a document that is neither certified nor signed yet (earlier
     * signatures would see their pages changed), with at least two pages and a seal that has a look to cut.
     */
    private static void checkCrossPage(PdfDocument pdf, int docMdp, int signatures, SealIdentity identity) {
        if (docMdp != 0) {
            throw new DocumentLockedException("the document is certified (DocMDP P=" + docMdp + "); a cross-page seal"
                    + " would change its pages");
        }
        if (signatures > 0) {
            throw new DocumentLockedException("the document already has " + signatures + " signature(s); a"
                    + " cross-page seal changes page content and must come with the first seal");
        }
        if (pdf.getNumberOfPages() < 2) {
            throw new SealPlacementException("a cross-page seal needs at least two pages; the document has "
                    + pdf.getNumberOfPages());
        }
        if (!identity.hasLook()) {
            throw new SealPlacementException("the seal has no image to cut into a cross-page seal");
        }
    }

    private static float clamp(float value, float min, float max) {
        return Math.max(min, Math.min(value, max));
    }

    private static String freeName(PdfAcroForm form, int existing) {
        for (int n = existing + 1; ; n++) {
            String name = "Seal" + n;
            if (form == null || form.getField(name) == null) {
                return name;
            }
        }
    }

    private static PdfPage page(PdfDocument pdf, int number) {
        if (number > pdf.getNumberOfPages()) {
            throw new SealPlacementException("the document has " + pdf.getNumberOfPages() + " page(s), no page "
                    + number);
        }
        return pdf.getPage(number);
    }

    private record Located(int page, Rectangle rect) {
    }

    /** The last occurrence of the anchor text (lowest on the last page that has it). */
    private static Located findAnchor(PdfDocument pdf, SealPlacement.Anchor anchor) {
        int from = anchor.page() == 0 ? pdf.getNumberOfPages() : anchor.page();
        int to = anchor.page() == 0 ? 1 : anchor.page();
        page(pdf, from);
        for (int number = from; number >= to; number--) {
            RegexBasedLocationExtractionStrategy strategy =
                    new RegexBasedLocationExtractionStrategy(Pattern.compile(Pattern.quote(anchor.text())));
            new PdfCanvasProcessor(strategy).processPageContent(pdf.getPage(number));
            Collection<IPdfTextLocation> found = strategy.getResultantLocations();
            Optional<IPdfTextLocation> last = found.stream()
                    .min(Comparator.comparingDouble((IPdfTextLocation l) -> l.getRectangle().getY())
                            .thenComparing(l -> -l.getRectangle().getX()));
            if (last.isPresent()) {
                return new Located(number, last.get().getRectangle());
            }
        }
        throw new SealPlacementException("the text '" + anchor.text() + "' was not found "
                + (anchor.page() == 0 ? "in the document" : "on page " + anchor.page()));
    }

    /** The DocMDP /P of a certified document, 0 when not certified. */
    static int docMdpPermission(PdfDocument pdf) {
        PdfDictionary perms = pdf.getCatalog().getPdfObject().getAsDictionary(PdfName.Perms);
        PdfDictionary signature = perms == null ? null : perms.getAsDictionary(PdfName.DocMDP);
        if (signature == null) {
            return 0;
        }
        PdfArray references = signature.getAsArray(PdfName.Reference);
        if (references != null) {
            for (int i = 0; i < references.size(); i++) {
                PdfDictionary reference = references.getAsDictionary(i);
                if (reference != null && PdfName.DocMDP.equals(reference.getAsName(PdfName.TransformMethod))) {
                    PdfDictionary params = reference.getAsDictionary(PdfName.TransformParams);
                    PdfNumber p = params == null ? null : params.getAsNumber(PdfName.P);
                    return p == null ? 2 : p.intValue();
                }
            }
        }
        return 2;
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static Calendar calendar(Instant instant) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        calendar.setTimeInMillis(instant.toEpochMilli());
        return calendar;
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256Digest().digest(bytes));
    }

    /** Hex SHA-256 of a file, streamed. */
    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // digesting
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file + " failed", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless
            }
        }
    }
}
