package org.onewindow.service.audit;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

import org.onewindow.service.Application;
import org.onewindow.service.cli.Command;
import org.onewindow.service.cli.CommandContext;
import org.onewindow.service.cli.UsageException;
import org.onewindow.service.identity.IdentityAudit;
import org.onewindow.storage.ObjectStore;

/** {@code audit verify} (exit 0 intact, 1 broken) and {@code audit checkpoint}. */
public final class AuditCommands {
    private AuditCommands() {
    }

    public static List<Command> all() {
        return List.of(
                Command.of("audit verify", "", "校验审计日志的哈希链和签名检查点（0 完好，1 被破坏）", AuditCommands::verify),
                Command.of("audit checkpoint", "", "立即为审计日志当前末尾签一个检查点", AuditCommands::checkpoint));
    }

    /** Walks the chain and prints the first problem. */
    static int verify(List<String> args, CommandContext context) {
        if (!args.isEmpty()) {
            throw new UsageException("audit verify 不接受参数");
        }
        IdentityAudit.Settings settings = IdentityAudit.Settings.fromEnvironment(context.env());
        try (ObjectStore store = Application.openStore(context.config().storage())) {
            IdentityAudit feature = IdentityAudit.create(store, settings, Clock.systemUTC(), new SecureRandom());
            VerificationReport report = new AuditVerifier(store, feature.audit().signer()).verify();
            if (report.intact()) {
                context.out().printf("审计日志完好: %d 条事件，最后序号 %d，%d 个签名检查点（最新在序号 %d）%n",
                        report.eventsChecked(), report.lastSeq(), report.checkpointsChecked(),
                        report.lastCheckpointSeq());
                if (report.lastSeq() > report.lastCheckpointSeq()) {
                    context.out().printf("注意: 序号 %d 之后的 %d 条事件尚无签名检查点%n",
                            report.lastCheckpointSeq(), report.lastSeq() - report.lastCheckpointSeq());
                }
                return Command.OK;
            }
            VerificationReport.Problem p = report.problem();
            context.out().printf("审计日志被破坏: 序号 %d 处 %s — %s (对象 %s)%n", p.seq(), p.kind(), p.reason(),
                    p.objectKey());
            context.out().printf("此前 %d 条事件完好（到序号 %d）%n", report.eventsChecked(), report.lastSeq());
            return Command.FAILED;
        }
    }

    /** Signs a checkpoint of the current head. */
    static int checkpoint(List<String> args, CommandContext context) {
        if (!args.isEmpty()) {
            throw new UsageException("audit checkpoint 不接受参数");
        }
        IdentityAudit.Settings settings = IdentityAudit.Settings.fromEnvironment(context.env());
        try (ObjectStore store = Application.openStore(context.config().storage())) {
            IdentityAudit feature = IdentityAudit.create(store, settings, Clock.systemUTC(), new SecureRandom());
            feature.audit().checkpoint().ifPresentOrElse(
                    c -> context.out().printf("检查点: 序号 %d 哈希 %s 密钥 %s%n", c.seq(), c.hash(), c.keyId()),
                    () -> context.out().println("审计日志为空，无需检查点"));
            return Command.OK;
        }
    }
}
