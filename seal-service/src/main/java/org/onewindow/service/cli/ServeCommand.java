package org.onewindow.service.cli;

import java.util.List;

import ch.qos.logback.classic.Level;
import org.onewindow.service.Application;
import org.onewindow.service.config.Config;
import org.slf4j.LoggerFactory;

/** {@code serve}: starts the service and blocks until it is stopped (SIGTERM / Ctrl-C stop it gracefully). */
public final class ServeCommand implements Command {
    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "启动服务 (配置来自环境变量与 ONEWINDOW_CONFIG 属性文件)";
    }

    @Override
    public int run(List<String> args, CommandContext context) throws Exception {
        if (!args.isEmpty()) {
            throw new UsageException("serve 不接受参数 (配置请用环境变量): " + args);
        }
        Config config = context.config();
        applyLogLevel(config.logLevel());
        Application application = new Application(config,
                org.onewindow.service.identity.IdentityAudit.Settings.fromEnvironment(context.env()));
        try {
            application.start();
        } catch (RuntimeException e) {
            application.stop();
            throw e;
        }
        application.stopOnShutdown();
        application.awaitStop();
        return OK;
    }

    private static void applyLogLevel(String level) {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.toLevel(level, Level.INFO));
        }
    }
}
