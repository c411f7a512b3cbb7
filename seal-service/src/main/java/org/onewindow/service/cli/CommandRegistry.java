package org.onewindow.service.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.onewindow.service.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table of CLI commands and the dispatcher over it. A command's name may have several words
 * ({@code audit verify}); the longest registered name that starts the argument list wins. With no arguments the
 * default command runs.
 */
public final class CommandRegistry {
    private static final Logger log = LoggerFactory.getLogger(CommandRegistry.class);

    private final String programName;
    private final Map<String, Command> commands = new TreeMap<>();
    private String defaultCommand;

    public CommandRegistry(String programName) {
        this.programName = programName;
    }

    /** Adds a command; names must be unique. */
    public CommandRegistry add(Command command) {
        String name = normalize(command.name());
        if (commands.putIfAbsent(name, command) != null) {
            throw new IllegalArgumentException("command registered twice: " + name);
        }
        return this;
    }

    /** The command run when no arguments are given. */
    public CommandRegistry defaultTo(String name) {
        if (!commands.containsKey(name)) {
            throw new IllegalArgumentException("no such command: " + name);
        }
        this.defaultCommand = name;
        return this;
    }

    public Map<String, Command> commands() {
        return Collections.unmodifiableMap(commands);
    }

    public String programName() {
        return programName;
    }

    /** Finds the command and runs it; returns the exit code. Never throws. */
    public int dispatch(List<String> args, CommandContext context) {
        Command command;
        List<String> rest;
        if (args.isEmpty()) {
            if (defaultCommand == null) {
                printHelp(context.err());
                return Command.USAGE;
            }
            command = commands.get(defaultCommand);
            rest = List.of();
        } else {
            int words = longestMatch(args);
            if (words == 0) {
                return unknown(args, context);
            }
            command = commands.get(String.join(" ", args.subList(0, words)));
            rest = List.copyOf(args.subList(words, args.size()));
        }
        try {
            return command.run(rest, context);
        } catch (UsageException e) {
            context.err().println("用法错误: " + e.getMessage());
            context.err().println("用法: " + programName + " " + command.name()
                    + (command.usage().isEmpty() ? "" : " " + command.usage()));
            return Command.USAGE;
        } catch (ConfigException e) {
            context.err().println("配置错误: " + e.getMessage());
            context.err().println("(参见 docs/configuration.md)");
            return Command.USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.err().println("已中断: " + command.name());
            return Command.FAILED;
        } catch (Exception e) {
            log.debug("command {} failed", command.name(), e);
            context.err().println("错误: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return Command.FAILED;
        }
    }

    /** Number of leading arguments forming the longest registered name, or 0. */
    private int longestMatch(List<String> args) {
        for (int words = args.size(); words >= 1; words--) {
            if (commands.containsKey(String.join(" ", args.subList(0, words)))) {
                return words;
            }
        }
        return 0;
    }

    private int unknown(List<String> args, CommandContext context) {
        String first = args.get(0);
        List<String> group = new ArrayList<>();
        for (String name : commands.keySet()) {
            if (name.startsWith(first + " ")) {
                group.add(name);
            }
        }
        if (!group.isEmpty()) {
            context.err().println("未知命令: " + String.join(" ", args) + "。可用的 " + first + " 子命令:");
            group.forEach(name -> context.err().println("  " + programName + " " + name));
        } else {
            context.err().println("未知命令: " + first + "。运行 '" + programName + " help' 查看所有命令。");
        }
        return Command.USAGE;
    }

    /** Prints the command list. */
    public void printHelp(java.io.PrintStream out) {
        out.println("用法: " + programName + " <命令> [参数]");
        out.println();
        out.println("命令:");
        // Synopses up to this width share one aligned column; a longer one (sign) puts its summary on the next
        // line instead of pushing every summary off the screen.
        int column = 48;
        int width = commands.values().stream().mapToInt(c -> synopsis(c).length()).filter(n -> n <= column)
                .max().orElse(0);
        for (Command command : commands.values()) {
            String synopsis = synopsis(command);
            String summary = command.summary() + (command.name().equals(defaultCommand) ? " (默认)" : "");
            if (synopsis.length() <= column) {
                out.println("  " + synopsis + " ".repeat(width - synopsis.length() + 2) + summary);
            } else {
                out.println("  " + synopsis);
                out.println("  " + " ".repeat(width + 2) + summary);
            }
        }
        out.println();
        out.println("退出码: 0 成功, 1 失败, 2 用法或配置错误。配置见 docs/configuration.md。");
    }

    private static String synopsis(Command command) {
        return command.name() + (command.usage().isEmpty() ? "" : " " + command.usage());
    }

    private static String normalize(String name) {
        String normalized = String.join(" ", Arrays.stream(name.strip().split("\\s+")).toList());
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException("command name must not be empty");
        }
        return normalized;
    }
}
