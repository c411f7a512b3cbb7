package org.onewindow.service;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import org.onewindow.service.cli.CommandContext;
import org.onewindow.service.cli.CommandRegistry;
import org.onewindow.service.cli.HelpCommand;
import org.onewindow.service.cli.ServeCommand;
import org.onewindow.service.cli.VersionCommand;
import org.onewindow.service.sign.SignCommand;
import org.onewindow.service.templates.TemplateCommands;
import org.onewindow.service.verify.VerifyCommand;
import org.onewindow.service.archive.ArchiveCommands;
import org.onewindow.service.supervision.SupervisionCommands;

/** Entry point of {@code seal-service.jar}: {@code onewindow [command] [args]}; {@code serve} when none. */
public final class Main {
    private Main() {
    }

    /** Every CLI command, in one table. A feature adds its command here with one {@code add} line. */
    public static CommandRegistry commands() {
        CommandRegistry registry = new CommandRegistry("onewindow");
        registry.add(new ServeCommand())
                .add(new VersionCommand())
                .add(new SignCommand())
                .add(new VerifyCommand())
                .add(new HelpCommand(registry));
        TemplateCommands.all().forEach(registry::add);
        org.onewindow.service.identity.UserCommands.all().forEach(registry::add);
        org.onewindow.service.audit.AuditCommands.all().forEach(registry::add);
        org.onewindow.service.catalog.CatalogCommands.all().forEach(registry::add);
        org.onewindow.service.cases.CaseCommands.all().forEach(registry::add);
        org.onewindow.service.seal.SealCommands.all().forEach(registry::add);
        SupervisionCommands.all().forEach(registry::add);
        ArchiveCommands.all().forEach(registry::add);
        return registry.defaultTo("serve");
    }

    /** Runs the CLI in-process and returns its exit code (tests call this). */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        return commands().dispatch(args, new CommandContext(env, out, err));
    }

    public static void main(String[] args) {
        int code = run(List.of(args), System.getenv(), System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }
}
