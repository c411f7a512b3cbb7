package org.onewindow.service.seal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.onewindow.service.audit.AuditLog;
import org.onewindow.service.identity.IdentityAudit;
import org.onewindow.service.cli.Command;
import org.onewindow.service.cli.CommandContext;
import org.onewindow.service.cli.UsageException;
import org.onewindow.service.config.KeysConfig;
import org.onewindow.service.identity.IdentityService.Actor;

/**
 * {@code seals ...}: the seal registry from the command line, working on the configured storage directly (run it
 * while the service is stopped when the storage is a directory: the filesystem store is locked by one process).
 * Changes are audited with the actor {@code cli:<OS user>}.
 */
public final class SealCommands {
    private SealCommands() {
    }

    /** Every {@code seals} command, for {@link org.onewindow.service.Main#commands()}. */
    public static List<Command> all() {
        return List.of(
                command("seals list", "", "列出全部印章 (状态、类型、所属单位、证书有效期)", (args, s, a, c) -> {
                    noArgs(args);
                    for (Seal seal : s.registry().list()) {
                        c.out().printf("%-26s %-9s %-7s %s%n", seal.id(), seal.status(), seal.kind().chineseName(),
                                seal.displayName());
                    }
                    return Command.OK;
                }),
                command("seals show", "ID", "显示一枚印章与其证书链 (PEM)", (args, s, a, c) -> {
                    Seal seal = s.registry().get(one(args, "ID"));
                    c.out().println(json(SealRoutes.summary(seal)));
                    c.out().print(String.join("", seal.certificate().chainPem()));
                    return Command.OK;
                }),
                command("seals image", "ID FILE", "导出印章图片 (FILE 以 .pdf 结尾时导出矢量 PDF，否则 PNG)", (args, s, a, c) -> {
                    if (args.size() != 2) {
                        throw new UsageException("需要 ID 和 FILE");
                    }
                    Path file = Path.of(args.get(1));
                    byte[] data = file.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".pdf")
                            ? s.registry().vectorPdf(args.get(0)) : s.registry().png(args.get(0));
                    Files.write(file, data);
                    c.out().println("已写入 " + file.toAbsolutePath() + " (" + data.length + " 字节)");
                    return Command.OK;
                }),
                command("seals suspend", "ID [原因]", "暂停印章 (证书 certificateHold，CRL/OCSP 立即可见)", (args, s, a, c) -> {
                    if (args.isEmpty()) {
                        throw new UsageException("需要 ID");
                    }
                    Seal seal = s.registry().suspend(a, args.get(0), args.size() > 1
                            ? String.join(" ", args.subList(1, args.size())) : null);
                    c.out().println(seal.id() + " " + seal.status());
                    return Command.OK;
                }),
                command("seals resume", "ID", "恢复被暂停的印章", (args, s, a, c) -> {
                    Seal seal = s.registry().resume(a, one(args, "ID"));
                    c.out().println(seal.id() + " " + seal.status());
                    return Command.OK;
                }),
                command("seals revoke", "ID 理由 [说明]", "吊销印章 (理由: keyCompromise, superseded, cessationOfOperation ...)",
                        (args, s, a, c) -> {
                            if (args.size() < 2) {
                                throw new UsageException("需要 ID 和吊销理由");
                            }
                            Seal seal = s.registry().revoke(a, args.get(0), SealRoutes.parseReason(args.get(1)),
                                    args.size() > 2 ? String.join(" ", args.subList(2, args.size())) : null);
                            c.out().println(seal.id() + " " + seal.status() + " (" + seal.statusReason() + ")");
                            return Command.OK;
                        }),
                command("seals rotate", "ID [rsa-2048|rsa-3072|ec-p256]", "更换印章密钥与证书 (旧证书保留，旧签名仍可验证)",
                        (args, s, a, c) -> {
                            if (args.isEmpty() || args.size() > 2) {
                                throw new UsageException("需要 ID，可选密钥类型");
                            }
                            var spec = args.size() == 2 ? KeysConfig.parseKeySpec(args.get(1)).orElseThrow(() ->
                                    new UsageException("密钥类型应为 rsa-2048, rsa-3072 或 ec-p256")) : null;
                            Seal seal = s.registry().rotate(a, args.get(0), spec);
                            c.out().println(seal.id() + " 新证书序列号 " + seal.certificate().serial() + "，旧证书 "
                                    + seal.history().get(seal.history().size() - 1).serial() + " 保留");
                            return Command.OK;
                        }),
                command("seals seed", "", "创建默认印章 (首次启动时服务会自动执行；已创建则不做任何事)", (args, s, a, c) -> {
                    noArgs(args);
                    c.out().print(SealAnnouncement.of(s.seeder().seedIfNeeded(), "(服务地址)"));
                    return Command.OK;
                }));
    }

    @FunctionalInterface
    private interface Body {
        int run(List<String> args, SealServices services, Actor actor, CommandContext context) throws Exception;
    }

    private static Command command(String name, String usage, String summary, Body body) {
        return Command.withStore(name, usage, summary, (args, context, store) -> {
            AuditLog audit = IdentityAudit.create(store, IdentityAudit.Settings.fromEnvironment(context.env()),
                    Clock.systemUTC(), new java.security.SecureRandom()).audit();
            SealServices services = SealServices.start(context.config(), store, audit, Clock.systemUTC());
            Actor actor = Actor.cli(context.env().getOrDefault("USER", "unknown"), "cli-"
                    + UUID.randomUUID().toString().substring(0, 8));
            return body.run(args, services, actor, context);
        });
    }


    private static void noArgs(List<String> args) {
        if (!args.isEmpty()) {
            throw new UsageException("不接受参数: " + args);
        }
    }

    private static String one(List<String> args, String what) {
        if (args.size() != 1) {
            throw new UsageException("需要一个参数 " + what);
        }
        return args.get(0);
    }

    private static String json(Object value) {
        try {
            return org.onewindow.service.web.Json.newMapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
