package org.onewindow.service.cli;

import java.util.List;

import org.onewindow.service.Application;
import org.onewindow.storage.ObjectStore;

/**
 * One CLI subcommand, e.g. {@code serve}, {@code version}, later {@code audit verify} or {@code users add}.
 * Register it in {@link org.onewindow.service.Main#commands()}; the dispatcher needs no change.
 */
public interface Command {
    /** Exit code of success. */
    int OK = 0;
    /** Exit code of a failure while doing the work. */
    int FAILED = 1;
    /** Exit code of a usage or configuration error. */
    int USAGE = 2;

    /** The words that select it, e.g. {@code "serve"} or {@code "audit verify"} (space-separated, lower case). */
    String name();

    /** Argument synopsis shown in help, e.g. {@code "[--from DATE] FILE"}; empty when it takes none. */
    default String usage() {
        return "";
    }

    /** One line for the command list (Chinese, as all console text). */
    String summary();

    /**
     * Runs the command.
     *
     * @param args the arguments after the command's name
     * @return the process exit code: {@link #OK}, {@link #FAILED} or {@link #USAGE}
     * @throws UsageException                                   for wrong arguments (exit 2 with usage)
     * @throws org.onewindow.service.config.ConfigException     for bad configuration (exit 2, message only)
     */
    int run(List<String> args, CommandContext context) throws Exception;

    /** What a command built by {@link #of} does: the body of {@link #run}. */
    @FunctionalInterface
    interface Body {
        int run(List<String> args, CommandContext context) throws Exception;
    }

    /** What a command built by {@link #withStore} does with the opened store. */
    @FunctionalInterface
    interface StoreBody {
        int run(List<String> args, CommandContext context, ObjectStore store) throws Exception;
    }

    /** A command with the given name, usage ({@code ""} when it takes no arguments), summary and body. */
    static Command of(String name, String usage, String summary, Body body) {
        return new Command() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String usage() {
                return usage;
            }

            @Override
            public String summary() {
                return summary;
            }

            @Override
            public int run(List<String> args, CommandContext context) throws Exception {
                return body.run(args, context);
            }
        };
    }

    /**
     * A command that runs with the configured object store open and closes it afterwards: the shape of every
     * administrative command (users, audit, seals, catalog, cases, templates).
     */
    static Command withStore(String name, String usage, String summary, StoreBody body) {
        return of(name, usage, summary, (args, context) -> {
            try (ObjectStore store = Application.openStore(context.config().storage())) {
                return body.run(args, context, store);
            }
        });
    }
}
