package org.onewindow.service.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PreconditionFailedException;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.WriteCondition;

/**
 * Seeds one demo user per role into an empty store, once. The instance that creates the marker object
 * {@code identity/demo-seed.json} (create-if-absent) does the seeding, so two instances starting together seed
 * once; later starts find users and do nothing.
 */
public final class DemoSeed {
    public static final String MARKER_KEY = "identity/demo-seed.json";
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    /** One seeded user and its demo password. */
    public record Seeded(String userId, String displayName, Set<Role> roles, String department, String password) {
    }

    private record Demo(String userId, String displayName, Role role, String department) {
    }

    private static final List<Demo> DEMO_USERS = List.of(
            new Demo("clerk", "王窗口", Role.WINDOW_CLERK, null),
            // The department as the catalog and the department directory write it (short name), so the demo
            // approver sees the cases of 建筑工程施工许可证核发 and signs with the 住建局 seal.
            new Demo("approver", "李审批", Role.DEPARTMENT_APPROVER, "住建局(人防办)"),
            new Demo("center", "张中心", Role.CENTER_APPROVER, null),
            new Demo("sealadmin", "赵印章", Role.SEAL_ADMIN, null),
            new Demo("auditor", "陈监察", Role.AUDITOR, null),
            new Demo("admin", "刘管理", Role.SYSTEM_ADMIN, null));

    private final ObjectStore store;
    private final IdentityService identity;
    private final SecureRandom random;
    private final Clock clock;

    public DemoSeed(ObjectStore store, IdentityService identity, SecureRandom random, Clock clock) {
        this.store = store;
        this.identity = identity;
        this.random = random;
        this.clock = clock;
    }

    /**
     * Seeds the demo users when no user exists yet and nobody seeded before.
     *
     * @param fixedPassword the password for every demo user, or {@code null} for a random one each
     * @return the users created by this call (empty when there was nothing to do)
     */
    public List<Seeded> seedIfEmpty(String fixedPassword) {
        if (!identity.users().isEmpty()) {
            return List.of();
        }
        try {
            store.put(MARKER_KEY, ("{\"seededAt\":\"" + clock.instant() + "\"}").getBytes(
                    java.nio.charset.StandardCharsets.UTF_8), PutOptions.of("application/json")
                    .withCondition(WriteCondition.ifAbsent()));
        } catch (PreconditionFailedException alreadySeeded) {
            return List.of();
        }
        IdentityService.Actor actor = new IdentityService.Actor(new Principal("system:demo-seed", "演示数据",
                Set.of(Role.SYSTEM_ADMIN), null, "system"), null);
        List<Seeded> seeded = new ArrayList<>();
        for (Demo demo : DEMO_USERS) {
            String password = fixedPassword != null ? fixedPassword : randomPassword();
            identity.addUser(actor, demo.userId(), demo.displayName(), Set.of(demo.role()), demo.department(),
                    password);
            seeded.add(new Seeded(demo.userId(), demo.displayName(), Set.of(demo.role()), demo.department(),
                    password));
        }
        return seeded;
    }

    /** The console text announcing the demo accounts (Chinese, clearly marked as demo). */
    public static String announcement(List<Seeded> seeded, String loginUrl) {
        StringBuilder text = new StringBuilder();
        text.append("==== 演示账户（仅供演示，正式使用前请停用或修改密码）====\n");
        text.append("登录地址: ").append(loginUrl).append('\n');
        for (Seeded s : seeded) {
            text.append(String.format("  %-10s %-6s %-8s %s 密码: %s%n", s.userId(), s.displayName(),
                    s.roles().iterator().next().chineseName(), s.department() == null ? "" : s.department(),
                    s.password()));
        }
        text.append("（密码只显示这一次；忘记后用 ./onewindow users passwd <用户> 重设）\n");
        return text.toString();
    }

    private String randomPassword() {
        StringBuilder password = new StringBuilder("demo-");
        for (int i = 0; i < 10; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
