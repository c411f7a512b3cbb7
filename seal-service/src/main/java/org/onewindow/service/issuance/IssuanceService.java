package org.onewindow.service.issuance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.security.auth.x500.X500Principal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import org.onewindow.service.audit.AuditEntry;
import org.onewindow.service.audit.AuditLog;
import org.onewindow.service.audit.AuditOutcome;
import org.onewindow.service.audit.AuditTarget;
import org.onewindow.service.cases.CaseService;
import org.onewindow.service.catalog.ItemCatalog;
import org.onewindow.service.documents.DocumentRecord;
import org.onewindow.service.documents.DocumentService;
import org.onewindow.service.errors.BadRequestException;
import org.onewindow.service.errors.ConflictException;
import org.onewindow.service.errors.NotFoundException;
import org.onewindow.service.errors.OnewindowException;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.seal.Seal;
import org.onewindow.service.seal.SealCertificate;
import org.onewindow.service.seal.SealKind;
import org.onewindow.service.verify.PdfVerifier;
import org.onewindow.service.verify.VerificationReport;
import org.onewindow.storage.ObjectNotFoundException;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PreconditionFailedException;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.WriteCondition;

/**
 * The issuance gate (统一出件): a document leaves the window only when the verifier passes its latest version and
 * every required seal is on it; issuing records an {@link IssuedRecord} under the verification id. The PDF is not
 * changed: the template already printed the verification id and its QR code, and the gate reuses that id.
 */
public final class IssuanceService {
    public static final String PREFIX = "issued/";
    public static final String ACTION = "document.issue";
    /** 20 characters of RFC 4648 base32: 100 random bits (the form templates print). */
    public static final Pattern VERIFICATION_ID = Pattern.compile("[A-Z2-7]{20}");
    private static final Pattern KEYWORD_ID = Pattern.compile("verificationId:([A-Za-z0-9-]{6,64})");
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final ObjectStore store;
    private final DocumentService documents;
    private final Supplier<List<Seal>> seals;
    private final CaseService cases;
    private final ItemCatalog catalog;
    private final Supplier<PdfVerifier> verifier;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random;
    private final ObjectMapper mapper;

    /**
     * @param seals    the registry's seals (asked per issuance)
     * @param verifier asked per issuance, so that trust anchors follow the PKI
     */
    public IssuanceService(ObjectStore store, DocumentService documents, Supplier<List<Seal>> seals, CaseService cases,
                           ItemCatalog catalog, Supplier<PdfVerifier> verifier, AuditLog audit, Clock clock,
                           SecureRandom random, ObjectMapper mapper) {
        this.store = store;
        this.documents = documents;
        this.seals = seals;
        this.cases = cases;
        this.catalog = catalog;
        this.verifier = verifier;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
        this.mapper = mapper;
    }

    public static String key(String verificationId) {
        return PREFIX + verificationId + ".json";
    }

    /** The issued record of {@code verificationId}, if any (a malformed id is simply unknown). */
    /**
     * The registry seal that a signing certificate belongs to, said for the verification report, e.g.
     * 「敦煌市行政服务中心 受理专用章（受理专用章，印章编号 center-acceptance）」; empty when it is not one of ours.
     */
    public Optional<String> registeredSealName(VerificationReport.CertificateInfo cert) {
        return sealOf(seals.get(), cert).map(seal -> seal.owner().name() + " " + seal.displayName() + "（"
                + seal.kind().chineseName() + "，印章编号 " + seal.id() + "）");
    }

    public Optional<IssuedRecord> find(String verificationId) {
        if (verificationId == null || !KEYWORD_ID.matcher("verificationId:" + verificationId).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(store.readAllBytes(key(verificationId)), IssuedRecord.class));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("issued record " + verificationId + " is unreadable", e);
        }
    }

    /**
     * Verifies the latest version of {@code documentId} and issues it.
     *
     * @param requiredSeals seal kinds (ACCEPTANCE, APPROVAL, DEPARTMENT) or seal ids; {@code null} or empty: the
     *                      kinds the case's catalogued item requires, when the document belongs to a known case
     * @throws IssuanceRefusedException 422 with the reasons
     */
    public IssuedRecord issue(Principal principal, String requestId, String documentId, List<String> requiredSeals) {
        try {
            IssuedRecord record = doIssue(principal, documentId, requiredSeals);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("verificationId", record.verificationId());
            details.put("version", Integer.toString(record.version()));
            details.put("sha256", record.sha256());
            audit.append(AuditEntry.of(principal, ACTION, AuditTarget.of("document", documentId),
                    AuditOutcome.GRANTED, requestId, details));
            return record;
        } catch (OnewindowException e) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("reason", e.getMessage() == null ? "" : e.getMessage());
            audit.append(AuditEntry.of(principal, ACTION, AuditTarget.of("document", documentId),
                    AuditOutcome.DENIED, requestId, details));
            throw e;
        }
    }

    private IssuedRecord doIssue(Principal principal, String documentId, List<String> requested) {
        DocumentRecord document = documents.get(documentId).record();
        DocumentRecord.Version version = document.latest();
        byte[] pdf;
        try (InputStream in = documents.open(document, version).content()) {
            pdf = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + documentId + " failed", e);
        }
        VerificationReport report = verifier.get().verify(pdf);
        List<Seal> registry = seals.get();
        List<IssuanceRefusedException.Reason> reasons = new ArrayList<>();
        List<VerificationReport.SignatureReport> signatures = report.signatures().stream()
                .filter(s -> s.kind() == VerificationReport.Kind.SIGNATURE).toList();
        if (signatures.isEmpty()) {
            reasons.add(new IssuanceRefusedException.Reason("NOT_SEALED", "文件未加盖任何电子印章"));
        } else if (!report.passed()) {
            reasons.add(new IssuanceRefusedException.Reason("VERIFICATION_FAILED", report.summary()));
        }
        for (VerificationReport.SignatureReport s : report.signatures()) {
            for (VerificationReport.Change change : s.changesAfter()) {
                if (!change.allowed()) {
                    reasons.add(new IssuanceRefusedException.Reason("DISALLOWED_CHANGE",
                            "签章「" + s.fieldName() + "」之后有不允许的修改：" + change.description()));
                }
            }
        }
        List<Seal> matched = new ArrayList<>();
        List<IssuedRecord.SignatureSummary> summaries = new ArrayList<>();
        for (VerificationReport.SignatureReport s : signatures) {
            Optional<Seal> seal = s.signingCertificate().flatMap(c -> sealOf(registry, c));
            seal.ifPresent(matched::add);
            summaries.add(new IssuedRecord.SignatureSummary(s.signerOrganization().orElse(null),
                    seal.map(Seal::displayName).orElseGet(() -> s.signerSubject().map(IssuanceService::commonName)
                            .orElse(null)),
                    seal.map(Seal::id).orElse(null), seal.map(x -> x.kind().name()).orElse(null),
                    s.timeStamp().map(VerificationReport.TimeStampInfo::time).or(s::claimedSigningTime).orElse(null),
                    s.padesLevel().orElse(null)));
        }
        for (String required : required(document, requested)) {
            Optional<SealKind> kind = kindOf(required);
            boolean present = kind.isPresent()
                    ? matched.stream().anyMatch(seal -> seal.kind() == kind.get())
                    : matched.stream().anyMatch(seal -> seal.id().equals(required));
            if (!present) {
                String name = kind.map(SealKind::chineseName).orElse("印章 " + required);
                reasons.add(new IssuanceRefusedException.Reason("MISSING_SEAL:" + required, "缺少有效的" + name));
            }
        }
        if (!reasons.isEmpty()) {
            throw new IssuanceRefusedException("不能出件：" + String.join("；",
                    reasons.stream().map(IssuanceRefusedException.Reason::message).toList()), reasons);
        }
        String sha256 = sha256(pdf);
        String verificationId = printedId(pdf).orElseGet(this::newVerificationId);
        Set<String> organizations = new LinkedHashSet<>();
        summaries.forEach(s -> {
            if (s.signerOrganization() != null) {
                organizations.add(s.signerOrganization());
            }
        });
        IssuedRecord record = new IssuedRecord(verificationId, document.id(), version.n(), sha256, pdf.length,
                clock.instant(), principal.userId(), String.join("、", organizations), summaries);
        try {
            store.put(key(verificationId), mapper.writeValueAsBytes(record),
                    PutOptions.of("application/json").withCondition(WriteCondition.ifAbsent()));
            return record;
        } catch (PreconditionFailedException e) {
            IssuedRecord existing = find(verificationId).orElseThrow(() -> e);
            if (existing.documentId().equals(document.id()) && existing.sha256().equals(sha256)) {
                return existing; // issued before: the same bytes keep their record
            }
            throw new ConflictException("verification id " + verificationId + " is already issued for other bytes");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> required(DocumentRecord document, List<String> requested) {
        if (requested != null && !requested.isEmpty()) {
            for (String r : requested) {
                if (r == null || r.isBlank() || (kindOf(r).isEmpty() && !Seal.isValidId(r))) {
                    throw new BadRequestException("requiredSeals entries are seal kinds (ACCEPTANCE, APPROVAL,"
                            + " DEPARTMENT) or seal ids, not '" + r + "'");
                }
            }
            return List.copyOf(new LinkedHashSet<>(requested));
        }
        if (document.caseId() == null) {
            return List.of();
        }
        return cases.find(document.caseId())
                .flatMap(c -> catalog.find(c.value().itemCode()))
                .map(item -> item.value().requiredSeals().stream().map(Enum::name).toList())
                .orElse(List.of());
    }

    private static Optional<SealKind> kindOf(String value) {
        for (SealKind kind : SealKind.values()) {
            if (kind.name().equalsIgnoreCase(value)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The registry seal whose current or former certificate signed (same serial and issuer). */
    static Optional<Seal> sealOf(List<Seal> registry, VerificationReport.CertificateInfo cert) {
        BigInteger serial;
        try {
            serial = new BigInteger(cert.serialHex(), 16);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        for (Seal seal : registry) {
            for (SealCertificate c : seal.allCertificates()) {
                try {
                    if (new BigInteger(c.serial(), 16).equals(serial) && c.issuer() != null
                            && new X500Principal(c.issuer()).equals(new X500Principal(cert.issuer()))) {
                        return Optional.of(seal);
                    }
                } catch (IllegalArgumentException e) {
                    // a malformed stored serial or name matches nothing
                }
            }
        }
        return Optional.empty();
    }

    static String commonName(String rfc2253) {
        Matcher m = Pattern.compile("(?:^|,)CN=([^,]*)").matcher(rfc2253);
        return m.find() ? m.group(1) : rfc2253;
    }

    /** The verification id a template printed (in the Keywords of the document information), when well formed. */
    static Optional<String> printedId(byte[] pdf) {
        try (PdfDocument doc = new PdfDocument(new PdfReader(new ByteArrayInputStream(pdf)))) {
            String keywords = doc.getDocumentInfo().getKeywords();
            if (keywords == null) {
                return Optional.empty();
            }
            Matcher m = KEYWORD_ID.matcher(keywords);
            return m.find() && VERIFICATION_ID.matcher(m.group(1)).matches() ? Optional.of(m.group(1))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // already verified; an unreadable Info only means no printed id
        }
    }

    private String newVerificationId() {
        char[] id = new char[20];
        for (int i = 0; i < id.length; i++) {
            id[i] = BASE32[random.nextInt(BASE32.length)];
        }
        return new String(id);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
