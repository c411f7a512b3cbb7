package org.onewindow.service.verify;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.onewindow.service.verify.VerificationReport.Kind;
import org.onewindow.service.verify.VerificationReport.SignatureReport;

/**
 * Combines the per-signature results into the document's verdict and says it in plain Chinese. Public for the OFD
 * verifier ({@code org.onewindow.service.ofd.OfdVerifier}), which reports in the same form.
 */
public final class Verdicts {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm").withZone(CHINA);

    private Verdicts() {
    }

    public static VerificationReport overall(List<SignatureReport> reports, List<String> problems, long size,
                                      String sha256, int revisions) {
        List<SignatureReport> signatures = reports.stream().filter(r -> r.kind() == Kind.SIGNATURE).toList();
        if (!problems.isEmpty()) {
            return new VerificationReport(Indication.TOTAL_FAILED, Optional.of(SubIndication.FORMAT_FAILURE),
                    "验证未通过：文件结构异常（可能被截断或拼接），" + problems.size() + "处问题。共" + signatures.size()
                            + "个签章。", size, sha256, revisions, problems, reports);
        }
        if (reports.isEmpty() || signatures.isEmpty()) {
            return new VerificationReport(Indication.INDETERMINATE, Optional.of(SubIndication.NO_SIGNATURE),
                    "文件中没有签章，无法证明其来源和完整性。", size, sha256, revisions, problems, reports);
        }
        SignatureReport worst = null;
        for (SignatureReport r : reports) {
            if (r.indication() == Indication.TOTAL_FAILED) {
                worst = r;
                break;
            }
            if (r.indication() == Indication.INDETERMINATE && worst == null) {
                worst = r;
            }
        }
        if (worst == null) {
            List<String> parts = new ArrayList<>();
            for (SignatureReport s : signatures) {
                parts.add(describe(s));
            }
            String summary = "文件完整，未被篡改；共" + signatures.size() + "个签章，"
                    + (signatures.size() == 1 ? "有效：" : "均有效：") + String.join("；", parts) + "。";
            return new VerificationReport(Indication.TOTAL_PASSED, Optional.empty(), summary, size, sha256,
                    revisions, problems, reports);
        }
        int position = reports.indexOf(worst) + 1;
        SubIndication sub = worst.subIndication().orElseThrow();
        String which = (worst.kind() == Kind.DOCUMENT_TIMESTAMP ? "文档时间戳" : "第" + position + "个签章")
                + "（" + worst.fieldName() + "）";
        String summary = (worst.indication() == Indication.TOTAL_FAILED ? "验证未通过：" : "无法确认有效：")
                + which + reason(sub) + "。共" + signatures.size() + "个签章。";
        return new VerificationReport(worst.indication(), Optional.of(sub), summary, size, sha256, revisions,
                problems, reports);
    }

    static SignatureReport withLevel(SignatureReport r, String level) {
        return new SignatureReport(r.fieldName(), r.kind(), r.indication(), r.subIndication(), r.errors(),
                r.warnings(), r.subFilter(), r.signerSubject(), r.signerOrganization(), r.signingCertificate(),
                r.claimedSigningTime(), r.timeStamp(), Optional.of(level), r.digestIntact(), r.signatureValueValid(),
                r.chainTrusted(), r.revocation(), r.byteRange(), r.revision(), r.coversWholeFile(), r.changesAfter());
    }

    private static String describe(SignatureReport s) {
        String who = s.signerOrganization().map(o -> o + " ").orElse("") + "「" + s.signerSubject().orElse("未知签章")
                + "」";
        Optional<Instant> stamped = s.timeStamp().filter(VerificationReport.TimeStampInfo::valid)
                .map(VerificationReport.TimeStampInfo::time);
        String when = stamped.map(t -> "，" + TIME.format(t) + "盖章（有可信时间戳）")
                .or(() -> s.claimedSigningTime().map(t -> "，声称于" + TIME.format(t) + "盖章（无时间戳）"))
                .orElse("");
        return who + when;
    }

    static String reason(SubIndication sub) {
        return switch (sub) {
            case HASH_FAILURE -> "盖章后文件内容被修改（摘要不符）";
            case SIG_CRYPTO_FAILURE -> "签名值无效";
            case FORMAT_FAILURE -> "签名结构异常（可能被伪造、包裹或截断）";
            case REVOKED -> "签章证书在盖章前已被吊销";
            case NOT_YET_VALID -> "盖章时签章证书尚未生效";
            case DISALLOWED_MODIFICATION -> "盖章后文件被做了不允许的修改（如页面内容、批注、表单或页数变化）";
            case NO_CERTIFICATE_CHAIN_FOUND -> "签章证书不是由受信任的机构签发的";
            case CHAIN_CONSTRAINTS_FAILURE -> "签章证书链无效";
            case OUT_OF_BOUNDS_NO_POE -> "签章证书已过期，且没有时间戳证明盖章在过期之前";
            case REVOKED_NO_POE -> "签章证书已被吊销，且没有时间戳证明盖章在吊销之前";
            case TRY_LATER -> "缺少证书吊销信息，暂时无法确认";
            case NO_SIGNING_CERTIFICATE_FOUND -> "找不到签章证书";
            case TIMESTAMP_ORDER_FAILURE -> "时间戳无效";
            case NO_SIGNATURE -> "没有签章";
        };
    }
}
