package org.onewindow.service.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where a secret (PKCS#12 storage passphrase, token PIN) comes from: an environment variable or a file (e.g. a
 * Docker/systemd secret). The value is read when needed and never kept in configuration objects or logs.
 */
public sealed interface SecretSource {

    /** Reads the secret. Trailing line breaks of a file are dropped. */
    char[] resolve(Map<String, String> environment);

    /** Reads the secret from the process environment. */
    default char[] resolve() {
        return resolve(System.getenv());
    }

    /** Where the secret comes from, for error messages (never the value). */
    String describe();

    static SecretSource environment(String variable) {
        return new Environment(variable);
    }

    static SecretSource file(Path path) {
        return new SecretFile(path);
    }

    /** The secret in the environment variable {@code variable}. */
    record Environment(String variable) implements SecretSource {
        public Environment {
            Objects.requireNonNull(variable, "variable");
        }

        @Override
        public char[] resolve(Map<String, String> environment) {
            String value = environment.get(variable);
            if (value == null || value.isEmpty()) {
                throw new CustodyUnavailableException("secret " + describe() + " is not set");
            }
            return value.toCharArray();
        }

        @Override
        public String describe() {
            return "environment variable " + variable;
        }
    }

    /** The secret in a file (UTF-8). */
    record SecretFile(Path path) implements SecretSource {
        public SecretFile {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public char[] resolve(Map<String, String> environment) {
            String value;
            try {
                value = Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CustodyUnavailableException("secret " + describe() + " cannot be read: "
                        + e.getClass().getSimpleName());
            }
            int end = value.length();
            while (end > 0 && (value.charAt(end - 1) == '\n' || value.charAt(end - 1) == '\r')) {
                end--;
            }
            if (end == 0) {
                throw new CustodyUnavailableException("secret " + describe() + " is empty");
            }
            return value.substring(0, end).toCharArray();
        }

        @Override
        public String describe() {
            return "file " + path;
        }
    }
}
