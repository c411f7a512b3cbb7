package org.onewindow.service.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.onewindow.service.cli.Command;
import org.onewindow.service.cli.CommandContext;
import org.onewindow.service.cli.UsageException;
import org.onewindow.service.config.Config;
import org.onewindow.service.keys.Sm2;
import org.onewindow.service.ses.SesRevocationSource;
import org.onewindow.templates.FontConfig;
import org.onewindow.service.pki.Pem;
import org.onewindow.service.verify.VerificationReport.SignatureReport;
import org.onewindow.service.web.Json;

/**
 * {@code onewindow verify [--trust ca.pem]... [--json] [--require-revocation] [--online-revocation]
 * [--report out.html|out.pdf] FILE.pdf}: verifies the signatures of a PDF. Exit code 0 when TOTAL_PASSED, 1 when
 * TOTAL_FAILED, 2 when INDETERMINATE or the input cannot be verified. Trust anchors come from {@code --trust} files
 * (PEM or DER, several certificates per file allowed); {@code --ca} files give intermediate CA certificates, not
 * trusted themselves, for OFD seals (which carry no chain, unlike a PDF's CMS). {@code --report} also writes the report for people (HTML or
 * PDF/A by the file's extension); {@code --online-revocation} (or {@code ONEWINDOW_VERIFY_ONLINE_REVOCATION=true})
 * fetches OCSP/CRL for certificates the file carries no revocation data for.
 */
public final class VerifyCommand implements Command {
    /** Exit code of an INDETERMINATE result or an unusable input. */
    public static final int INDETERMINATE = 2;

    @Override
    public String name() {
        return "verify";
    }

    @Override
    public String usage() {
        return "[--trust 根证书.pem]... [--ca 中级CA证书.pem]... [--json] [--require-revocation] [--online-revocation]"
                + " [--report 报告.html|报告.pdf] 文件.pdf|文件.ofd";
    }

    @Override
    public String summary() {
        return "验证 PDF 或 OFD 中的电子签章（完整性、证书链、吊销、签后修改）；退出码 0 通过 / 1 失败 / 2 无法确定";
    }

    @Override
    public int run(List<String> args, CommandContext context) {
        List<X509Certificate> anchors = new ArrayList<>();
        List<X509Certificate> intermediates = new ArrayList<>();
        boolean json = false;
        boolean requireRevocation = false;
        boolean online = false;
        Path report = null;
        Path file = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--json" -> json = true;
                case "--require-revocation" -> requireRevocation = true;
                case "--online-revocation" -> online = true;
                case "--report" -> {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("--report 后面需要报告文件名（.html 或 .pdf）");
                    }
                    report = Path.of(args.get(++i));
                    String lower = report.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                    if (!lower.endsWith(".html") && !lower.endsWith(".htm") && !lower.endsWith(".pdf")) {
                        throw new UsageException("报告文件名须以 .html 或 .pdf 结尾: " + report);
                    }
                }
                case "--ca" -> {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("--ca 后面需要中级 CA 证书文件");
                    }
                    intermediates.addAll(readAnchors(Path.of(args.get(++i))));
                }
                case "--trust" -> {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("--trust 后面需要证书文件");
                    }
                    anchors.addAll(readAnchors(Path.of(args.get(++i))));
                }
                default -> {
                    if (arg.startsWith("--")) {
                        throw new UsageException("未知选项: " + arg);
                    }
                    if (file != null) {
                        throw new UsageException("一次只能验证一个文件");
                    }
                    file = Path.of(arg);
                }
            }
        }
        if (file == null) {
            throw new UsageException("请给出要验证的 PDF 或 OFD 文件");
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException("文件不存在: " + file);
        }
        VerificationPolicy policy = VerificationPolicy.trusting(anchors);
        if (requireRevocation) {
            policy = policy.requiringRevocationData();
        }
        String onlineSetting = context.env().get(Config.VERIFY_ONLINE_REVOCATION);
        if (online || (onlineSetting != null && !onlineSetting.isBlank()
                && Config.parseBoolean(Config.VERIFY_ONLINE_REVOCATION, onlineSetting))) {
            policy = policy.withOnlineRevocation(OnlineRevocationChecker.withDefaults(java.time.Clock.systemUTC()));
        }
        VerificationReport verdict;
        try {
            verdict = new PdfVerifier(policy, intermediates, SesRevocationSource.none()).verify(file);
        } catch (UnverifiableDocumentException e) {
            context.err().println("无法验证: " + e.getMessage());
            return INDETERMINATE;
        }
        if (report != null) {
            writeReport(verdict, report, file, context);
        }
        return print(verdict, json, anchors.isEmpty(), context);
    }

    private static void writeReport(VerificationReport verdict, Path target, Path file, CommandContext context) {
        // only the font settings are needed: read them alone, so that unrelated settings cannot stop a verification
        Map<String, String> env = context.env();
        FontConfig fonts;
        try {
            String fallback = env.get(Config.FONT_FALLBACK);
            fonts = FontConfig.of(env.get(Config.FONT_SONG), env.get(Config.FONT_KAI), env.get(Config.FONT_HEI),
                    fallback == null || fallback.isBlank() ? List.of()
                            : List.of(fallback.split(Config.FONT_LIST_SEPARATOR)).stream().map(String::strip).toList());
        } catch (RuntimeException e) {
            throw new UsageException("字体设置无效: " + e.getMessage());
        }
        VerificationReportRenderer renderer = new VerificationReportRenderer(fonts, java.time.Clock.systemUTC());
        String name = file.getFileName() == null ? null : file.getFileName().toString();
        try {
            byte[] bytes = target.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".pdf")
                    ? renderer.pdf(verdict, VerificationReportRenderer.NO_REGISTRY, name)
                    : renderer.html(verdict, VerificationReportRenderer.NO_REGISTRY, name)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Files.write(target, bytes);
            context.err().println("验证报告已写入: " + target);
        } catch (org.onewindow.templates.FontConfigurationException e) {
            throw new UsageException("无法生成 PDF 报告: " + e.getMessage());
        } catch (IOException e) {
            throw new UsageException("无法写入报告 " + target + ": " + e.getMessage());
        }
    }

    private static int print(VerificationReport report, boolean json, boolean noAnchors, CommandContext context) {
        if (json) {
            try {
                context.out().println(Json.newMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the report cannot be written as JSON", e);
            }
        } else {
            describe(report, noAnchors, context);
        }
        return switch (report.indication()) {
            case TOTAL_PASSED -> OK;
            case TOTAL_FAILED -> FAILED;
            case INDETERMINATE -> INDETERMINATE;
        };
    }

    private static void describe(VerificationReport report, boolean noAnchors, CommandContext context) {
        context.out().println(report.summary());
        context.out().println("结论: " + report.indication() + report.subIndication().map(s -> " / " + s).orElse(""));
        context.out().println("SHA-256: " + report.sha256());
        report.documentProblems().forEach(p -> context.out().println("  文件问题: " + p));
        int n = 0;
        for (SignatureReport s : report.signatures()) {
            n++;
            context.out().println("[" + n + "] " + s.fieldName() + " (" + s.kind() + "): " + s.indication()
                    + s.subIndication().map(x -> " / " + x).orElse("")
                    + s.padesLevel().map(l -> ", " + l).orElse("")
                    + s.signerOrganization().map(o -> ", " + o).orElse("")
                    + s.signerSubject().map(c -> " " + c).orElse("")
                    + (s.coversWholeFile() ? ", 覆盖整个文件" : ", 覆盖第 " + s.revision() + " 版"));
            if (s.revocation().status() != VerificationReport.RevocationCheck.Status.NOT_CHECKED) {
                context.out().println("    吊销状态: " + s.revocation().status()
                        + s.revocation().source().map(x -> "（" + VerificationReportRenderer.source(x) + "）").orElse(""));
            }
            s.errors().forEach(e -> context.out().println("    错误: " + e));
            s.warnings().forEach(w -> context.out().println("    提示: " + w));
            s.changesAfter().forEach(c -> context.out().println("    其后修改: " + c.description()
                    + (c.allowed() ? " (允许)" : " (不允许)")));
        }
        if (noAnchors) {
            context.err().println("提示: 未给出 --trust 根证书，任何证书链都不被信任");
        }
    }

    private static List<X509Certificate> readAnchors(Path path) {
        try {
            byte[] content = Files.readAllBytes(path);
            List<X509Certificate> certificates;
            try {
                certificates = Pem.certificates(content);
            } catch (RuntimeException jdkCannot) {
                certificates = Sm2.certificates(content); // SM2 roots: the JDK cannot read SM2 keys
            }
            if (certificates.isEmpty()) {
                throw new UsageException("文件中没有证书: " + path);
            }
            return certificates;
        } catch (IOException e) {
            throw new UsageException("无法读取证书文件 " + path + ": " + e.getMessage());
        } catch (java.security.cert.CertificateException e) {
            throw new UsageException("不是证书文件: " + path + " (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            if (e instanceof UsageException u) {
                throw u;
            }
            throw new UsageException("不是证书文件: " + path + " (" + e.getMessage() + ")");
        }
    }
}
