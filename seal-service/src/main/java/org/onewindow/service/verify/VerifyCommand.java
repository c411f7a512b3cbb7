package org.onewindow.service.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.onewindow.service.cli.Command;
import org.onewindow.service.cli.CommandContext;
import org.onewindow.service.cli.UsageException;
import org.onewindow.service.ofd.SesSeals;
import org.onewindow.service.pki.Pem;
import org.onewindow.service.verify.VerificationReport.SignatureReport;
import org.onewindow.service.web.Json;

/**
 * {@code onewindow verify [--trust ca.pem]... [--json] [--require-revocation] FILE.pdf}: verifies the signatures of
 * a PDF. Exit code 0 when TOTAL_PASSED, 1 when TOTAL_FAILED, 2 when INDETERMINATE or the input cannot be verified.
 * Trust anchors come from {@code --trust} files (PEM or DER, several certificates per file allowed).
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
        return "[--trust 根证书.pem]... [--json] [--require-revocation] 文件.pdf|文件.ofd";
    }

    @Override
    public String summary() {
        return "验证 PDF 或 OFD 中的电子签章（完整性、证书链、吊销、签后修改）；退出码 0 通过 / 1 失败 / 2 无法确定";
    }

    @Override
    public int run(List<String> args, CommandContext context) {
        List<X509Certificate> anchors = new ArrayList<>();
        boolean json = false;
        boolean requireRevocation = false;
        Path file = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--json" -> json = true;
                case "--require-revocation" -> requireRevocation = true;
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
        VerificationReport report;
        try {
            report = PdfVerifier.verify(file, policy);
        } catch (UnverifiableDocumentException e) {
            context.err().println("无法验证: " + e.getMessage());
            return INDETERMINATE;
        }
        if (json) {
            try {
                context.out().println(Json.newMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the report cannot be written as JSON", e);
            }
        } else {
            print(report, anchors.isEmpty(), context);
        }
        return switch (report.indication()) {
            case TOTAL_PASSED -> OK;
            case TOTAL_FAILED -> FAILED;
            case INDETERMINATE -> INDETERMINATE;
        };
    }

    private static void print(VerificationReport report, boolean noAnchors, CommandContext context) {
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
                certificates = SesSeals.certificates(content); // SM2 roots: the JDK cannot read SM2 keys
            }
            if (certificates.isEmpty()) {
                throw new UsageException("文件中没有证书: " + path);
            }
            return certificates;
        } catch (IOException e) {
            throw new UsageException("无法读取证书文件 " + path + ": " + e.getMessage());
        } catch (RuntimeException e) {
            if (e instanceof UsageException u) {
                throw u;
            }
            throw new UsageException("不是证书文件: " + path + " (" + e.getMessage() + ")");
        }
    }
}
