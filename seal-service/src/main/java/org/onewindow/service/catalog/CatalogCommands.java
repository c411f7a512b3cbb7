package org.onewindow.service.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.onewindow.service.audit.AuditEntry;
import org.onewindow.service.audit.AuditOutcome;
import org.onewindow.service.audit.AuditTarget;
import org.onewindow.service.cli.Command;
import org.onewindow.service.cli.CommandContext;
import org.onewindow.service.cli.UsageException;
import org.onewindow.service.errors.OnewindowException;
import org.onewindow.service.identity.IdentityAudit;
import org.onewindow.service.identity.IdentityService;
import org.onewindow.storage.ObjectStore;

/** {@code catalog list | import FILE [--replace] | export [--csv] [--out FILE]} on the configured storage. */
public final class CatalogCommands {
    private CatalogCommands() {
    }

    /** The commands, for {@code Main.commands()}. */
    public static List<Command> all() {
        return List.of(
                command("catalog list", "", "列出事项目录", CatalogCommands::list),
                command("catalog import", "<文件.json> [--replace]", "从 JSON 导入事项 (--replace 覆盖已有事项)",
                        CatalogCommands::importFile),
                command("catalog export", "[--csv] [--out 文件]", "导出事项目录 (JSON 或 CSV)", CatalogCommands::export));
    }

    @FunctionalInterface
    private interface Action {
        int run(List<String> args, CommandContext context, ObjectStore store) throws Exception;
    }

    private static Command command(String name, String usage, String summary, Action action) {
        return Command.withStore(name, usage, summary, (args, context, store) -> {
            try {
                return action.run(args, context, store);
            } catch (OnewindowException e) {
                context.err().println("错误: " + e.getMessage());
                return Command.FAILED;
            }
        });
    }

    private static int list(List<String> args, CommandContext context, ObjectStore store) {
        if (!args.isEmpty()) {
            throw new UsageException("catalog list 不接受参数: " + args);
        }
        List<Item> items = new ItemCatalog(store).list();
        for (Item item : items) {
            context.out().println(item.code() + "  " + item.name() + "  [" + item.window() + " / " + item.department()
                    + "]  " + (item.onTheSpot() ? "即办件" : "承诺 " + item.promisedWorkingDays() + " 个工作日")
                    + "  材料 " + item.materials().size() + " 项");
        }
        context.out().println("共 " + items.size() + " 个事项");
        return Command.OK;
    }

    private static int importFile(List<String> args, CommandContext context, ObjectStore store) throws IOException {
        List<String> rest = new ArrayList<>(args);
        boolean replace = rest.remove("--replace");
        if (rest.size() != 1 || rest.get(0).startsWith("--")) {
            throw new UsageException("用法: catalog import <文件.json> [--replace]");
        }
        Path file = Path.of(rest.get(0));
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            context.err().println("错误: 文件 " + file + " 不存在");
            return Command.FAILED;
        }
        ItemCatalog catalog = new ItemCatalog(store);
        ItemCatalog.ImportResult result = catalog.importAll(catalog.parseImport(json), replace);
        IdentityAudit feature = IdentityAudit.create(store, IdentityAudit.Settings.fromEnvironment(context.env()),
                Clock.systemUTC(), new SecureRandom());
        String osUser = System.getProperty("user.name", "unknown").replaceAll("[^A-Za-z0-9._-]", "_");
        feature.audit().append(AuditEntry.of(IdentityService.Actor.cli(osUser, "x").principal(), "catalog.import",
                AuditTarget.of("item", "*"), AuditOutcome.GRANTED, "cli-" + UUID.randomUUID(),
                Map.of("created", String.join(",", result.created()), "updated", String.join(",", result.updated()),
                        "file", file.getFileName().toString())));
        context.out().println("新增 " + result.created().size() + " 个, 更新 " + result.updated().size() + " 个, 未变 "
                + result.unchanged().size() + " 个");
        return Command.OK;
    }

    private static int export(List<String> args, CommandContext context, ObjectStore store) throws IOException {
        List<String> rest = new ArrayList<>(args);
        boolean csv = rest.remove("--csv");
        Path out = null;
        int at = rest.indexOf("--out");
        if (at >= 0) {
            if (at + 1 >= rest.size()) {
                throw new UsageException("--out 需要文件名");
            }
            out = Path.of(rest.remove(at + 1));
            rest.remove(at);
        }
        if (!rest.isEmpty()) {
            throw new UsageException("catalog export 不认识的参数: " + rest);
        }
        ItemCatalog catalog = new ItemCatalog(store);
        byte[] bytes = csv ? catalog.exportCsv().getBytes(StandardCharsets.UTF_8) : catalog.exportJson();
        if (out == null) {
            context.out().write(bytes, 0, bytes.length);
            context.out().println();
        } else {
            Files.write(out, bytes);
            context.out().println("已写入 " + out);
        }
        return Command.OK;
    }
}
