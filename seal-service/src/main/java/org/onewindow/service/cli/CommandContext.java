package org.onewindow.service.cli;

import java.io.PrintStream;
import java.util.Map;

import org.onewindow.service.config.Config;

/**
 * What a command may use: the environment it runs in and its console streams. Commands read the configuration
 * through {@link #config()} so that tests can pass an environment map instead of the real one.
 *
 * @param env the environment variables
 * @param out standard output (results)
 * @param err standard error (diagnostics)
 */
public record CommandContext(Map<String, String> env, PrintStream out, PrintStream err) {
    public CommandContext {
        env = Map.copyOf(env);
    }

    /** Reads the configuration from {@link #env()}; a {@link org.onewindow.service.config.ConfigException} means exit 2. */
    public Config config() {
        return Config.fromEnvironment(env);
    }
}
