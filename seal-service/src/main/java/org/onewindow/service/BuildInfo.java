package org.onewindow.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What build is running: read from {@code onewindow-build.properties}, which Maven writes at build time
 * (project version; git commit when the build ran in a git checkout).
 *
 * @param name        {@code onewindow}
 * @param version     the project version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param gitCommit   the abbreviated commit id, or {@code null} when unknown
 * @param javaVersion the running Java version
 */
public record BuildInfo(String name, String version, String gitCommit, String javaVersion) {
    static final String RESOURCE = "/onewindow-build.properties";

    /** Reads the build resource from the class path. */
    public static BuildInfo load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new BuildInfo("onewindow",
                known(properties.getProperty("version"), "unknown"),
                known(properties.getProperty("git.commit"), null),
                System.getProperty("java.version"));
    }

    /** A property that Maven did not fill in is left as its {@code ${...}} placeholder. */
    private static String known(String value, String fallback) {
        return value == null || value.isBlank() || value.contains("${") ? fallback : value.strip();
    }
}
