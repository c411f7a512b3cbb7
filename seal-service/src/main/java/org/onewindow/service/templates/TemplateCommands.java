package org.onewindow.service.templates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.onewindow.service.Application;
import org.onewindow.service.cli.Command;
import org.onewindow.service.cli.CommandContext;
import org.onewindow.service.cli.UsageException;
import org.onewindow.service.config.Config;
import org.onewindow.service.ofd.OfdDocument;
import org.onewindow.service.web.Json;
import org.onewindow.storage.ObjectStore;
import org.onewindow.templates.FontConfigurationException;
import org.onewindow.templates.RenderedDocument;
import org.onewindow.templates.SealField;
import org.onewindow.templates.TemplateDataException;
import org.onewindow.templates.TemplateDefinitionException;
import org.onewindow.templates.TemplateNotFoundException;
import org.onewindow.templates.TemplateRenderer;

/**
 * {@code templates list | preview | render}: the template API on the command line, with the same configuration
 * (fonts, public URL) and the same overrides (the configured storage) as the service.
 */
public final class TemplateCommands {
    private TemplateCommands() {
    }

    /** The three commands, for {@code Main.commands()}. */
    public static List<Command> all() {
        return List.of(
                Command.of("templates list", "", "列出文书模板 (含本中心的覆盖)", TemplateCommands::list),
                Command.of("templates preview", "<模板id> [--pdf|--png|--ofd] [--page N] [--dpi N] --out 文件",
                        "用示例数据生成模板预览 (PDF、PNG 或 OFD)", TemplateCommands::preview),
                Command.of("templates render", "<模板id> --data 请求.json --out 文件.pdf|文件.ofd [--ofd] [--verification-id ID]",
                        "按数据文件 ({fields, tables, issuedAt}) 生成文书 PDF (或 OFD: --ofd 或 .ofd 文件名)",
                        TemplateCommands::render));
    }

    /** Runs {@code work} with a template service over the configured storage and maps template errors to exit 1. */
    private static int withService(CommandContext context, ServiceWork work) throws Exception {
        Config config = context.config();
        try (ObjectStore store = Application.openStore(config.storage())) {
            TemplateService service = new TemplateService(store, config.fonts(), config.publicUrl());
            return work.run(service);
        } catch (TemplateNotFoundException e) {
            context.err().println("错误: 没有模板 \"" + e.templateId() + "\"。运行 'onewindow templates list' 查看可用的模板。");
        } catch (TemplateDataException e) {
            context.err().println("错误: 数据不符合模板 " + e.templateId()
                    + (e.path() == null ? "" : " (位置 " + e.path() + ")") + ": " + e.getMessage());
        } catch (TemplateDefinitionException e) {
            context.err().println("错误: 模板定义有误: " + e.getMessage());
        } catch (FontConfigurationException e) {
            context.err().println("错误: 字体不可用: " + e.getMessage() + " (字体配置见 docs/configuration.md, ONEWINDOW_FONT_*)");
        }
        return Command.FAILED;
    }

    @FunctionalInterface
    private interface ServiceWork {
        int run(TemplateService service) throws Exception;
    }

    /** {@code templates list}. */
    static int list(List<String> args, CommandContext context) throws Exception {
        if (!args.isEmpty()) {
            throw new UsageException("templates list 不接受参数: " + args);
        }
        return withService(context, service -> {
            List<TemplateInfo> all = service.list();
            int width = all.stream().mapToInt(t -> t.id().length()).max().orElse(0);
            for (TemplateInfo t : all) {
                String line = t.id() + " ".repeat(width - t.id().length() + 2)
                        + (t.problem() != null ? "(无法读取: " + t.problem() + ")" : t.title())
                        + (t.overridden() ? "  [本中心覆盖]" : "");
                context.out().println(line);
            }
            return Command.OK;
        });
    }

    /** {@code templates preview ID [--pdf|--png] [--page N] [--dpi N] --out FILE}. */
    static int preview(List<String> args, CommandContext context) throws Exception {
        Arguments a = Arguments.parse(args, Set.of("--pdf", "--png", "--ofd"), Set.of("--page", "--dpi", "--out"));
        String id = a.onePositional("模板id");
        Path out = a.requiredPath("--out");
        if (a.flag("--ofd") || (!a.flag("--pdf") && !a.flag("--png") && isOfd(out))) {
            if (a.flag("--pdf") || a.flag("--png") || a.has("--page") || a.has("--dpi")) {
                throw new UsageException("--ofd 不能与 --pdf、--png、--page、--dpi 同用");
            }
            return withService(context, service -> {
                OfdDocument document = service.previewOfd(id);
                writeAtomically(out, document.ofd());
                context.out().println("已写入 " + out + " (OFD, " + document.pageCount() + " 页)");
                return Command.OK;
            });
        }
        if (a.flag("--pdf") && a.flag("--png")) {
            throw new UsageException("--pdf 与 --png 只能选一个");
        }
        boolean png = a.flag("--png") || (!a.flag("--pdf") && out.toString().toLowerCase(Locale.ROOT).endsWith(".png"));
        int page = a.intOption("--page", 1, 1, 999);
        int dpi = a.intOption("--dpi", 100, TemplateRoutes.MIN_DPI, TemplateRoutes.MAX_DPI);
        if (!png && (a.has("--page") || a.has("--dpi"))) {
            throw new UsageException("--page 与 --dpi 只用于 --png");
        }
        return withService(context, service -> {
            RenderedDocument document = service.preview(id);
            if (png) {
                if (page > document.pageCount()) {
                    context.err().println("错误: 预览只有 " + document.pageCount() + " 页, 没有第 " + page + " 页");
                    return Command.FAILED;
                }
                writeAtomically(out, TemplateRenderer.pagePng(document, page, dpi, true));
                context.out().println("已写入 " + out + " (PNG, 第 " + page + "/" + document.pageCount() + " 页, "
                        + dpi + " dpi)");
            } else {
                writeAtomically(out, document.pdf());
                context.out().println("已写入 " + out + " (PDF/A-2u, " + document.pageCount() + " 页)");
            }
            return Command.OK;
        });
    }

    /** {@code templates render ID --data request.json --out FILE.pdf [--verification-id ID]}. */
    static int render(List<String> args, CommandContext context) throws Exception {
        Arguments a = Arguments.parse(args, Set.of("--ofd"), Set.of("--data", "--out", "--verification-id"));
        String id = a.onePositional("模板id");
        Path data = a.requiredPath("--data");
        Path out = a.requiredPath("--out");
        boolean ofd = a.flag("--ofd") || isOfd(out);
        String verificationId = a.value("--verification-id");
        RenderInput input;
        try {
            input = readInput(data);
        } catch (NoSuchFileException e) {
            context.err().println("错误: 数据文件 " + data + " 不存在");
            return Command.FAILED;
        } catch (JsonProcessingException e) {
            context.err().println("错误: 数据文件 " + data + " 不是有效的请求 JSON"
                    + (e.getLocation() == null ? "" : " (第 " + e.getLocation().getLineNr() + " 行, 第 "
                    + e.getLocation().getColumnNr() + " 列)") + ": " + e.getOriginalMessage()
                    + "。格式: {\"fields\": {...}, \"tables\": {...}, \"issuedAt\": \"2026-11-25T10:30:00+08:00\"}");
            return Command.FAILED;
        } catch (IOException e) {
            context.err().println("错误: 无法读取数据文件 " + data + ": " + e.getMessage());
            return Command.FAILED;
        }
        if (ofd) {
            return withService(context, service -> {
                OfdDocument document = service.renderOfd(id, input,
                        verificationId == null ? service.newVerificationId() : verificationId);
                writeAtomically(out, document.ofd());
                context.out().println("已写入 " + out + " (OFD, " + document.pageCount() + " 页)");
                context.out().println("核验码: " + document.verificationId());
                context.out().println("核验地址: " + document.verifyUrl());
                for (OfdDocument.SealField seal : document.sealFields()) {
                    context.out().printf(Locale.ROOT, "签章位置: %s (%s) 第 %d 页 x=%.1fmm y=%.1fmm (自左上角) %.1f×%.1fmm%n",
                            seal.name(), seal.label(), seal.page(), seal.xMm(), seal.yMm(), seal.widthMm(),
                            seal.heightMm());
                }
                return Command.OK;
            });
        }
        return withService(context, service -> {
            RenderedDocument document = verificationId == null ? service.render(id, input)
                    : service.render(id, input, verificationId);
            writeAtomically(out, document.pdf());
            context.out().println("已写入 " + out + " (PDF/A-2u, " + document.pageCount() + " 页)");
            context.out().println("核验码: " + document.verificationId());
            context.out().println("核验地址: " + document.verifyUrl());
            for (SealField seal : document.sealFields()) {
                context.out().printf(Locale.ROOT, "签章位置: %s (%s) 第 %d 页 x=%.1fmm y=%.1fmm %.1f×%.1fmm%n",
                        seal.name(), seal.label(), seal.page(), seal.rect().x(), seal.rect().y(),
                        seal.rect().width(), seal.rect().height());
            }
            return Command.OK;
        });
    }

    private static boolean isOfd(Path out) {
        return out.toString().toLowerCase(Locale.ROOT).endsWith(".ofd");
    }

    private static RenderInput readInput(Path file) throws IOException {
        ObjectMapper mapper = Json.newMapper();
        byte[] json = Files.readAllBytes(file);
        if (json.length == 0) {
            throw new IOException("文件为空");
        }
        RenderInput input = mapper.readValue(json, RenderInput.class);
        if (input == null) {
            throw new IOException("文件内容为 null");
        }
        return input;
    }

    /** Writes via a temporary file in the same directory, so a failure never leaves a partial file behind. */
    static void writeAtomically(Path target, byte[] content) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".part");
            Files.write(temp, content);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("无法写入 " + target + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and named after the target
                }
            }
        }
    }

    /** Minimal option parsing: flags, {@code --name value} options (each at most once) and positionals. */
    private record Arguments(Set<String> flags, Map<String, String> options, List<String> positionals) {
        static Arguments parse(List<String> args, Set<String> knownFlags, Set<String> knownOptions) {
            Set<String> flags = new java.util.HashSet<>();
            Map<String, String> options = new HashMap<>();
            List<String> positionals = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (knownFlags.contains(arg)) {
                    flags.add(arg);
                } else if (knownOptions.contains(arg)) {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new UsageException(arg + " 需要一个值");
                    }
                    if (options.put(arg, args.get(++i)) != null) {
                        throw new UsageException(arg + " 只能给一次");
                    }
                } else if (arg.startsWith("--")) {
                    throw new UsageException("未知选项 " + arg);
                } else {
                    positionals.add(arg);
                }
            }
            return new Arguments(flags, options, positionals);
        }

        String onePositional(String what) {
            if (positionals.size() != 1) {
                throw new UsageException(positionals.isEmpty() ? "缺少" + what : "多余的参数: " + positionals.subList(1, positionals.size()));
            }
            return positionals.get(0);
        }

        boolean flag(String name) {
            return flags.contains(name);
        }

        boolean has(String name) {
            return options.containsKey(name);
        }

        String value(String name) {
            return options.get(name);
        }

        Path requiredPath(String name) {
            String value = options.get(name);
            if (value == null || value.isBlank()) {
                throw new UsageException("缺少 " + name + " 文件");
            }
            try {
                return Path.of(value);
            } catch (java.nio.file.InvalidPathException e) {
                throw new UsageException(name + " 不是有效的路径: " + value);
            }
        }

        int intOption(String name, int defaultValue, int min, int max) {
            String value = options.get(name);
            if (value == null) {
                return defaultValue;
            }
            try {
                int parsed = Integer.parseInt(value);
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // fall through
            }
            throw new UsageException(name + " 必须是 " + min + " 到 " + max + " 的整数, 得到 '" + value + "'");
        }
    }
}
