package org.onewindow.service.cli;

import java.util.List;

import org.onewindow.service.BuildInfo;

/** {@code version}: prints the build's version, git commit and Java version. */
public final class VersionCommand implements Command {
    @Override
    public String name() {
        return "version";
    }

    @Override
    public String summary() {
        return "显示版本";
    }

    @Override
    public int run(List<String> args, CommandContext context) {
        if (!args.isEmpty()) {
            throw new UsageException("version 不接受参数: " + args);
        }
        BuildInfo build = BuildInfo.load();
        context.out().println(build.name() + " " + build.version()
                + (build.gitCommit() == null ? "" : " (" + build.gitCommit() + ")")
                + ", Java " + build.javaVersion());
        return OK;
    }
}
