package org.onewindow.service.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.tsp.TimeStampToken;
import org.onewindow.service.audit.AuditEvent;
import org.onewindow.service.audit.CanonicalJson;

/**
 * Checks an archive package without trusting anything in it but the given roots: the manifest's CMS signature and
 * its certificate chain (validated at the signing time, revocation not checked: offline, years later), every listed
 * file's size and SHA-256, no listed file missing, no file unlisted, every audit event's own hash.
 *
 * <p>Safe on hostile input: nothing is extracted; entry names must be plain relative paths (no {@code ..}, no
 * absolute path, no backslash, no duplicates); each file is read at most up to its listed size plus one byte, the
 * manifest and the signature up to fixed limits, so a ZIP bomb costs no more than the sizes the manifest declares
 * (at most {@link #MAX_TOTAL_BYTES}).
 */
public final class ArchiveVerifier {
    public static final int MAX_ENTRIES = 100_000;
    public static final long MAX_MANIFEST_BYTES = 32L * 1024 * 1024;
    public static final long MAX_SIGNATURE_BYTES = 1024L * 1024;
    public static final long MAX_TOTAL_BYTES = 64L * 1024 * 1024 * 1024;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<X509Certificate> trustAnchors;

    /** @param trustAnchors the roots a valid signature must chain to */
    public ArchiveVerifier(List<X509Certificate> trustAnchors) {
        this.trustAnchors = List.copyOf(trustAnchors);
    }

    /** What can be wrong with a package. */
    public enum Kind {
        /** truncated, or not a ZIP at all */
        NOT_A_ZIP,
        /** an entry name that could escape a directory when extracted, or a duplicate name */
        UNSAFE_ENTRY,
        /** more entries or bytes than the limits */
        TOO_LARGE,
        MANIFEST_MISSING,
        MANIFEST_INVALID,
        SIGNATURE_MISSING,
        /** the signature does not match the manifest, or is not a CMS signature */
        SIGNATURE_INVALID,
        /** the signer's certificate does not chain to a trusted root (foreign key, expired at signing ...) */
        UNTRUSTED_SIGNER,
        FILE_MISSING,
        SIZE_MISMATCH,
        FILE_ALTERED,
        UNLISTED_FILE,
        /** an audit event whose own hash does not match its content */
        AUDIT_EVENT_ALTERED,
        /** the signature's time-stamp does not match it, is not signed by a trusted TSA, or cannot be read */
        TIMESTAMP_INVALID
    }

    /** One problem: its kind, the file it concerns (or null) and a message (Chinese, for the console). */
    public record Problem(Kind kind, String path, String message) {
    }

    /**
     * The outcome.
     *
     * @param caseId       the case named by the manifest, or null
     * @param signedAt     the signing time claimed in the signature, or null
     * @param timeStampedAt the time of the signature's valid RFC 3161 time-stamp, or null when there is none
     * @param signer       the signer certificate's subject, or null
     * @param filesChecked listed files whose size and hash were checked
     * @param problems     empty when the package is valid
     */
    public record Report(String caseId, Instant signedAt, Instant timeStampedAt, String signer, int filesChecked,
                         List<Problem> problems) {
        public Report {
            problems = List.copyOf(problems);
        }

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public Report verify(Path zipFile) {
        List<Problem> problems = new ArrayList<>();
        try (ZipFile zip = new ZipFile(zipFile.toFile(), StandardCharsets.UTF_8)) {
            return verify(zip, problems);
        } catch (IOException | IllegalArgumentException e) {
            problems.add(new Problem(Kind.NOT_A_ZIP, null, "不是完整的 ZIP 文件（截断或损坏）: " + e.getMessage()));
            return new Report(null, null, null, null, 0, problems);
        }
    }

    private Report verify(ZipFile zip, List<Problem> problems) throws IOException {
        Map<String, ZipEntry> entries = new LinkedHashMap<>();
        int count = 0;
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            ZipEntry entry = e.nextElement();
            if (++count > MAX_ENTRIES) {
                problems.add(new Problem(Kind.TOO_LARGE, null, "条目超过 " + MAX_ENTRIES + " 个"));
                return new Report(null, null, null, null, 0, problems);
            }
            String name = entry.getName();
            if (!safeName(name)) {
                problems.add(new Problem(Kind.UNSAFE_ENTRY, name, "不安全的条目名（绝对路径、.. 或反斜杠）"));
                continue;
            }
            if (entries.putIfAbsent(name, entry) != null) {
                problems.add(new Problem(Kind.UNSAFE_ENTRY, name, "条目名重复"));
            }
        }
        byte[] manifest = readSmall(zip, entries.get(ArchiveService.MANIFEST), MAX_MANIFEST_BYTES);
        byte[] signature = readSmall(zip, entries.get(ArchiveService.SIGNATURE), MAX_SIGNATURE_BYTES);
        if (manifest == null) {
            problems.add(new Problem(Kind.MANIFEST_MISSING, ArchiveService.MANIFEST, "缺少 manifest.json（或超过大小限制）"));
            return new Report(null, null, null, null, 0, problems);
        }
        SignatureCheck check = new SignatureCheck(null, null, null);
        if (signature == null) {
            problems.add(new Problem(Kind.SIGNATURE_MISSING, ArchiveService.SIGNATURE, "缺少签名 manifest.json.p7s"));
        } else {
            check = checkSignature(manifest, signature, problems);
        }
        JsonNode root;
        try {
            root = JSON.readTree(manifest);
        } catch (IOException e) {
            problems.add(new Problem(Kind.MANIFEST_INVALID, ArchiveService.MANIFEST, "manifest.json 不是有效的 JSON"));
            return new Report(null, check.signedAt(), check.timeStampedAt(), check.signer(), 0, problems);
        }
        String caseId = root.path("caseId").isTextual() ? root.path("caseId").textValue() : null;
        if (!ArchiveService.FORMAT.equals(root.path("format").asText()) || !root.path("files").isArray()) {
            problems.add(new Problem(Kind.MANIFEST_INVALID, ArchiveService.MANIFEST, "manifest.json 格式不是 "
                    + ArchiveService.FORMAT + " 或缺少 files"));
            return new Report(caseId, check.signedAt(), check.timeStampedAt(), check.signer(), 0, problems);
        }
        Set<String> listed = new HashSet<>();
        long declaredTotal = 0;
        int checked = 0;
        for (JsonNode file : root.path("files")) {
            String path = file.path("path").asText(null);
            long size = file.path("size").canConvertToLong() ? file.path("size").asLong(-1) : -1;
            String sha256 = file.path("sha256").asText("");
            if (path == null || !safeName(path) || size < 0 || !SHA256.matcher(sha256).matches()
                    || path.equals(ArchiveService.MANIFEST) || path.equals(ArchiveService.SIGNATURE)
                    || !listed.add(path)) {
                problems.add(new Problem(Kind.MANIFEST_INVALID, path, "清单条目无效或重复: " + file));
                continue;
            }
            declaredTotal += size;
            if (declaredTotal > MAX_TOTAL_BYTES) {
                problems.add(new Problem(Kind.TOO_LARGE, path, "清单声明的总大小超过 " + MAX_TOTAL_BYTES + " 字节"));
                return new Report(caseId, check.signedAt(), check.timeStampedAt(), check.signer(), checked, problems);
            }
            ZipEntry entry = entries.get(path);
            if (entry == null) {
                problems.add(new Problem(Kind.FILE_MISSING, path, "清单中的文件不在档案包中"));
                continue;
            }
            checked++;
            checkFile(zip, entry, path, size, sha256, problems);
        }
        for (String name : entries.keySet()) {
            if (!listed.contains(name) && !name.equals(ArchiveService.MANIFEST) && !name.equals(ArchiveService.SIGNATURE)) {
                problems.add(new Problem(Kind.UNLISTED_FILE, name, "档案包中有清单未列出的文件"));
            }
        }
        ZipEntry events = entries.get("audit/events.jsonl");
        if (events != null && listed.contains("audit/events.jsonl")) {
            checkAuditEvents(zip, events, problems);
        }
        return new Report(caseId, check.signedAt(), check.timeStampedAt(), check.signer(), checked, problems);
    }

    /** A plain relative path: no empty or dot segments, no absolute path, no backslash, drive letter or control. */
    static boolean safeName(String name) {
        if (name == null || name.isEmpty() || name.length() > 1024 || name.startsWith("/") || name.endsWith("/")
                || name.indexOf('\\') >= 0 || name.indexOf(':') >= 0) {
            return false;
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return name.chars().noneMatch(c -> c < 0x20 || c == 0x7F);
    }

    private static byte[] readSmall(ZipFile zip, ZipEntry entry, long limit) throws IOException {
        if (entry == null) {
            return null;
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            return data.length > limit ? null : data;
        }
    }

    private static void checkFile(ZipFile zip, ZipEntry entry, String path, long size, String sha256,
                                  List<Problem> problems) {
        if (entry.getSize() >= 0 && entry.getSize() != size) {
            problems.add(new Problem(Kind.SIZE_MISMATCH, path, "大小 " + entry.getSize() + " 字节，清单记载 " + size));
            return;
        }
        MessageDigest digest = ArchiveService.sha256();
        long read = 0;
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer, 0, (int) Math.min(buffer.length, size + 1 - read))) > 0; ) {
                digest.update(buffer, 0, n);
                read += n;
                if (read > size) {
                    break;
                }
            }
        } catch (IOException e) {
            problems.add(new Problem(Kind.FILE_ALTERED, path, "无法读取（数据损坏）: " + e.getMessage()));
            return;
        }
        if (read != size) {
            problems.add(new Problem(Kind.SIZE_MISMATCH, path, (read > size ? "超过" : "只有 " + read + " 字节，不足")
                    + "清单记载的 " + size + " 字节"));
        } else if (!HexFormat.of().formatHex(digest.digest()).equals(sha256)) {
            problems.add(new Problem(Kind.FILE_ALTERED, path, "SHA-256 与清单不符（文件被修改）"));
        }
    }

    private void checkAuditEvents(ZipFile zip, ZipEntry entry, List<Problem> problems) throws IOException {
        String text;
        try (InputStream in = zip.getInputStream(entry)) {
            text = new String(in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_MANIFEST_BYTES * 8)),
                    StandardCharsets.UTF_8);
        }
        int line = 0;
        for (String event : text.split("\n")) {
            line++;
            if (event.isBlank()) {
                continue;
            }
            try {
                AuditEvent parsed = AuditEvent.fromJson(JSON.readTree(event));
                String hash = HexFormat.of().formatHex(ArchiveService.sha256()
                        .digest(CanonicalJson.bytes(parsed.toJson(false))));
                if (!hash.equals(parsed.hash())) {
                    problems.add(new Problem(Kind.AUDIT_EVENT_ALTERED, "audit/events.jsonl", "第 " + line
                            + " 行（序号 " + parsed.seq() + "）的内容与其哈希不符"));
                }
            } catch (IOException | IllegalArgumentException e) {
                problems.add(new Problem(Kind.AUDIT_EVENT_ALTERED, "audit/events.jsonl", "第 " + line
                        + " 行不是有效的审计事件: " + e.getMessage()));
            }
        }
    }

    private record SignatureCheck(Instant signedAt, Instant timeStampedAt, String signer) {
    }

    private SignatureCheck checkSignature(byte[] manifest, byte[] signature, List<Problem> problems) {
        SignerInformation info;
        X509Certificate cert;
        Collection<X509Certificate> included = new ArrayList<>();
        Instant signedAt = null;
        try {
            CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(manifest), signature);
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (X509CertificateHolder holder : signed.getCertificates().getMatches(null)) {
                included.add(converter.getCertificate(holder));
            }
            Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                problems.add(new Problem(Kind.SIGNATURE_INVALID, ArchiveService.SIGNATURE, "应有且仅有一个签名者，实有 "
                        + signers.size()));
                return new SignatureCheck(null, null, null);
            }
            info = signers.iterator().next();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(info.getSID());
            if (matches.isEmpty()) {
                problems.add(new Problem(Kind.SIGNATURE_INVALID, ArchiveService.SIGNATURE, "签名中没有签名者证书"));
                return new SignatureCheck(null, null, null);
            }
            cert = converter.getCertificate(matches.iterator().next());
            signedAt = signingTime(info);
            if (!info.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert))) {
                problems.add(new Problem(Kind.SIGNATURE_INVALID, ArchiveService.SIGNATURE, "签名与 manifest.json 不符"));
                return new SignatureCheck(signedAt, null, cert.getSubjectX500Principal().getName());
            }
        } catch (Exception e) {
            problems.add(new Problem(Kind.SIGNATURE_INVALID, ArchiveService.SIGNATURE,
                    "签名与 manifest.json 不符或不是有效的 CMS 签名: " + e.getMessage()));
            return new SignatureCheck(signedAt, null, null);
        }
        String subject = cert.getSubjectX500Principal().getName();
        if (trustAnchors.isEmpty()) {
            problems.add(new Problem(Kind.UNTRUSTED_SIGNER, ArchiveService.SIGNATURE, "没有可信根证书，无法验证签名者"));
            return new SignatureCheck(signedAt, null, subject);
        }
        Instant timeStampedAt = checkTimeStamp(info, included, problems);
        // The chain is judged when the signature was made: at the time-stamp when there is one, else at the
        // signing time the signer claims.
        Instant at = timeStampedAt != null ? timeStampedAt : signedAt != null ? signedAt : Instant.now();
        String untrusted = chainProblem(cert, included, at);
        if (untrusted != null) {
            problems.add(new Problem(Kind.UNTRUSTED_SIGNER, ArchiveService.SIGNATURE, "签名者证书 " + subject
                    + " 不能链接到可信根证书: " + untrusted));
        }
        return new SignatureCheck(signedAt, timeStampedAt, subject);
    }

    /** Null when {@code cert} chains to a trust anchor at {@code at} (revocation not checked), else why not. */
    private String chainProblem(X509Certificate cert, Collection<X509Certificate> intermediates, Instant at) {
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            trustAnchors.forEach(root -> anchors.add(new TrustAnchor(root, null)));
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(cert);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            params.setRevocationEnabled(false); // offline, possibly years later: revocation is not knowable here
            params.setDate(Date.from(at));
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(intermediates)));
            CertPathBuilder.getInstance("PKIX").build(params);
            return null;
        } catch (CertPathBuilderException e) {
            return e.getMessage();
        } catch (java.security.GeneralSecurityException e) {
            return "证书链无法验证: " + e.getMessage();
        }
    }

    /**
     * Checks the RFC 3161 time-stamp over the signature value (unsigned attribute id-aa-signatureTimeStampToken):
     * imprint = SHA-256 of the signature, token signed by a time-stamping certificate that chains to a trust anchor.
     *
     * @return its time when valid; null when absent or invalid (then a problem is added)
     */
    private Instant checkTimeStamp(SignerInformation info, Collection<X509Certificate> outerCertificates,
                                   List<Problem> problems) {
        Attribute attribute = info.getUnsignedAttributes() == null ? null
                : info.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        if (attribute == null) {
            return null;
        }
        try {
            TimeStampToken token = new TimeStampToken(new CMSSignedData(attribute.getAttrValues().getObjectAt(0)
                    .toASN1Primitive().getEncoded()));
            if (!NISTObjectIdentifiers.id_sha256.equals(token.getTimeStampInfo().getMessageImprintAlgOID())
                    || !java.util.Arrays.equals(ArchiveSigner.sha256(info.getSignature()),
                    token.getTimeStampInfo().getMessageImprintDigest())) {
                problems.add(new Problem(Kind.TIMESTAMP_INVALID, ArchiveService.SIGNATURE, "时间戳不是对本签名的时间戳"));
                return null;
            }
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> tsa = token.getCertificates().getMatches(token.getSID());
            if (tsa.isEmpty()) {
                problems.add(new Problem(Kind.TIMESTAMP_INVALID, ArchiveService.SIGNATURE, "时间戳中没有时间戳服务证书"));
                return null;
            }
            X509Certificate tsaCert = converter.getCertificate(tsa.iterator().next());
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsaCert));
            Instant time = token.getTimeStampInfo().getGenTime().toInstant();
            List<X509Certificate> certs = new ArrayList<>(outerCertificates);
            for (X509CertificateHolder holder : token.getCertificates().getMatches(null)) {
                certs.add(converter.getCertificate(holder));
            }
            String untrusted = chainProblem(tsaCert, certs, time);
            if (untrusted != null) {
                problems.add(new Problem(Kind.TIMESTAMP_INVALID, ArchiveService.SIGNATURE, "时间戳服务证书不可信: "
                        + untrusted));
                return null;
            }
            return time;
        } catch (Exception e) {
            problems.add(new Problem(Kind.TIMESTAMP_INVALID, ArchiveService.SIGNATURE, "时间戳无效: " + e.getMessage()));
            return null;
        }
    }

    private static Instant signingTime(SignerInformation info) {
        if (info.getSignedAttributes() == null) {
            return null;
        }
        Attribute attribute = info.getSignedAttributes().get(CMSAttributes.signingTime);
        if (attribute == null || attribute.getAttrValues().size() != 1) {
            return null;
        }
        return Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant();
    }
}
