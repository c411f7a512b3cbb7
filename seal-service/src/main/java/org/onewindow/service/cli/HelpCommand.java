package org.onewindow.service.cli;

import java.util.List;

/** {@code help}: lists the commands. */
public final class HelpCommand implements Command {
    private final CommandRegistry registry;

    public HelpCommand(CommandRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String summary() {
        return "显示本帮助";
    }

    @Override
    public int run(List<String> args, CommandContext context) {
        registry.printHelp(context.out());
        return OK;
    }
}
