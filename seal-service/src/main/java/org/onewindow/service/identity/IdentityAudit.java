package org.onewindow.service.identity;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.onewindow.service.audit.AccessAudit;
import org.onewindow.service.audit.AuditLog;
import org.onewindow.service.audit.AuditRoutes;
import org.onewindow.service.audit.CheckpointSigner;
import org.onewindow.service.audit.HmacCheckpointSigner;
import org.onewindow.service.config.ConfigException;
import org.onewindow.service.web.RequestBodies;
import org.onewindow.service.web.RouteProvider;
import org.onewindow.storage.ObjectStore;

/**
 * The identity and audit feature wired together from a store and its settings: what {@code Application} and the
 * {@code users} / {@code audit} commands construct.
 */
public record IdentityAudit(AuditLog audit, IdentityService identity, IdentityAuthenticator authenticator,
                            AccessAudit accessAudit, Settings settings) {

    /**
     * Settings of the feature, from environment variables.
     *
     * @param checkpointKeyFile  HMAC secret for audit checkpoints (placeholder until the center key): keep it outside
     *                           the object store; every instance must use the same file
     * @param checkpointInterval sign a checkpoint every this many events
     * @param checkpointPeriod   and at this period when events were added since the last one
     * @param sessionIdle        idle timeout of a browser session
     * @param sessionMax         absolute lifetime of a browser session
     * @param limits             login lockout limits
     * @param argon2MemoryKiB    Argon2id memory
     * @param argon2Iterations   Argon2id iterations
     * @param demoUsers          seed demo users into an empty store at start
     * @param demoPassword       the password of every demo user, or null for random ones (printed at first start)
     */
    public record Settings(Path checkpointKeyFile, int checkpointInterval, Duration checkpointPeriod,
                           Duration sessionIdle, Duration sessionMax,
                           LoginThrottle.Limits limits, int argon2MemoryKiB, int argon2Iterations, boolean demoUsers,
                           String demoPassword) {
        public static final String CHECKPOINT_KEY_FILE = "ONEWINDOW_AUDIT_CHECKPOINT_KEY_FILE";
        public static final String CHECKPOINT_INTERVAL = "ONEWINDOW_AUDIT_CHECKPOINT_INTERVAL";
        public static final String CHECKPOINT_MINUTES = "ONEWINDOW_AUDIT_CHECKPOINT_MINUTES";
        public static final String SESSION_IDLE_MINUTES = "ONEWINDOW_SESSION_IDLE_MINUTES";
        public static final String SESSION_MAX_HOURS = "ONEWINDOW_SESSION_MAX_HOURS";
        public static final String LOGIN_MAX_FAILURES = "ONEWINDOW_LOGIN_MAX_FAILURES";
        public static final String LOGIN_MAX_FAILURES_PER_IP = "ONEWINDOW_LOGIN_MAX_FAILURES_PER_IP";
        public static final String LOGIN_LOCKOUT_MINUTES = "ONEWINDOW_LOGIN_LOCKOUT_MINUTES";
        public static final String ARGON2_MEMORY_KIB = "ONEWINDOW_ARGON2_MEMORY_KIB";
        public static final String ARGON2_ITERATIONS = "ONEWINDOW_ARGON2_ITERATIONS";
        public static final String DEMO_USERS = "ONEWINDOW_DEMO_USERS";
        public static final String DEMO_PASSWORD = "ONEWINDOW_DEMO_PASSWORD";

        public static Settings fromEnvironment(Map<String, String> env) {
            int lockout = integer(env, LOGIN_LOCKOUT_MINUTES, 15, 1, 24 * 60);
            String demo = env.getOrDefault(DEMO_USERS, "true").strip().toLowerCase(java.util.Locale.ROOT);
            if (!demo.equals("true") && !demo.equals("false")) {
                throw new ConfigException(DEMO_USERS, "must be true or false, got '" + demo + "'");
            }
            String demoPassword = env.get(DEMO_PASSWORD);
            if (demoPassword != null && demoPassword.length() < IdentityService.MIN_PASSWORD_LENGTH) {
                throw new ConfigException(DEMO_PASSWORD, "must have at least " + IdentityService.MIN_PASSWORD_LENGTH
                        + " characters");
            }
            return new Settings(Path.of(env.getOrDefault(CHECKPOINT_KEY_FILE, "./secrets/audit-checkpoint.key")),
                    integer(env, CHECKPOINT_INTERVAL, AuditLog.DEFAULT_CHECKPOINT_INTERVAL, 1, 1_000_000),
                    Duration.ofMinutes(integer(env, CHECKPOINT_MINUTES, 10, 1, 24 * 60)),
                    Duration.ofMinutes(integer(env, SESSION_IDLE_MINUTES, 30, 1, 24 * 60)),
                    Duration.ofHours(integer(env, SESSION_MAX_HOURS, 12, 1, 24 * 30)),
                    new LoginThrottle.Limits(integer(env, LOGIN_MAX_FAILURES, 5, 1, 1000),
                            integer(env, LOGIN_MAX_FAILURES_PER_IP, 20, 1, 100_000), Duration.ofMinutes(lockout),
                            Duration.ofMinutes(lockout)),
                    integer(env, ARGON2_MEMORY_KIB, PasswordHasher.DEFAULT_MEMORY_KIB, 64, 4 * 1024 * 1024),
                    integer(env, ARGON2_ITERATIONS, PasswordHasher.DEFAULT_ITERATIONS, 1, 100),
                    demo.equals("true"), demoPassword);
        }

        private static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                return fallback;
            }
            try {
                int parsed = Integer.parseInt(value.strip());
                if (parsed < min || parsed > max) {
                    throw new ConfigException(name, "must be between " + min + " and " + max + ", got " + parsed);
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new ConfigException(name, "must be a whole number, got '" + value + "'");
            }
        }
    }

    /** Builds the feature with the HMAC placeholder checkpoint signer read from {@link Settings#checkpointKeyFile}. */
    public static IdentityAudit create(ObjectStore store, Settings settings, Clock clock, SecureRandom random) {
        return create(store, settings, HmacCheckpointSigner.fromFile(settings.checkpointKeyFile()), clock, random);
    }

    /** Builds the feature with a given checkpoint signer (the center key, once it exists). */
    public static IdentityAudit create(ObjectStore store, Settings settings, CheckpointSigner signer, Clock clock,
                                       SecureRandom random) {
        AuditLog audit = new AuditLog(store, clock, signer, settings.checkpointInterval());
        IdentityService identity = new IdentityService(new UserStore(store),
                new SessionStore(store, clock, random, settings.sessionIdle(), settings.sessionMax()),
                new TokenStore(store, clock, random),
                new PasswordHasher(settings.argon2MemoryKiB(), settings.argon2Iterations(), 1, random),
                new LoginThrottle(settings.limits(), clock), audit, clock);
        return new IdentityAudit(audit, identity, new IdentityAuthenticator(identity), new AccessAudit(audit, clock),
                settings);
    }

    /** The feature's routes. */
    public List<RouteProvider> routes(RequestBodies bodies, URI publicUrl, SecureRandom random) {
        return List.of(new IdentityRoutes(identity, bodies, publicUrl, random), new AuditRoutes(audit));
    }

    /** Seeds the demo users into an empty store (when enabled); returns the console announcement or null. */
    public String seedDemoUsers(ObjectStore store, SecureRandom random, Clock clock, String loginUrl) {
        if (!settings.demoUsers()) {
            return null;
        }
        List<DemoSeed.Seeded> seeded = new DemoSeed(store, identity, random, clock)
                .seedIfEmpty(settings.demoPassword());
        return seeded.isEmpty() ? null : DemoSeed.announcement(seeded, loginUrl);
    }
}
