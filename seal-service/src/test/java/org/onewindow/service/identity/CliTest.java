package org.onewindow.service.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.Main;
import org.onewindow.service.audit.AuditLog;
import org.onewindow.service.config.Config;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.fs.FileSystemObjectStore;

/** {@code users ...} and {@code audit verify|checkpoint} through the real CLI dispatcher. */
class CliTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of(Config.STORAGE, "fs:" + dir.resolve("data"),
                IdentityAudit.Settings.CHECKPOINT_KEY_FILE, dir.resolve("audit.key").toString(),
                IdentityAudit.Settings.ARGON2_MEMORY_KIB, "1024", IdentityAudit.Settings.ARGON2_ITERATIONS, "1");
        int code = Main.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void usersCommandsManageUsersAndAreAudited() {
        Run add = run("users", "add", "li", "李审批", "部门审批", "--department", "住建局");
        assertEquals(0, add.code(), add.err());
        assertTrue(add.out().contains("初始密码"), add.out());
        assertEquals(0, run("users", "add", "wang", "王窗口", "WINDOW_CLERK,auditor", "--password", "wang-pass-1")
                .code());
        Run list = run("users", "list");
        assertTrue(list.out().contains("li") && list.out().contains("住建局") && list.out().contains("wang"),
                list.out());
        assertEquals(0, run("users", "disable", "wang").code());
        assertTrue(run("users", "list").out().contains("已停用"));
        assertEquals(0, run("users", "enable", "wang").code());
        assertEquals(0, run("users", "roles", "wang", "SEAL_ADMIN").code());
        Run passwd = run("users", "passwd", "wang");
        assertEquals(0, passwd.code(), passwd.err());
        assertTrue(passwd.out().contains("新密码"));

        Run noDepartment = run("users", "add", "x1", "某", "DEPARTMENT_APPROVER");
        assertEquals(1, noDepartment.code());
        assertTrue(noDepartment.err().contains("department"), noDepartment.err());
        assertEquals(2, run("users", "add", "x2", "某", "NOT_A_ROLE").code());
        assertEquals(2, run("users", "disable").code());
        assertEquals(1, run("users", "disable", "ghost").code());

        Run verify = run("audit", "verify");
        assertEquals(0, verify.code(), verify.out() + verify.err());
        assertTrue(verify.out().contains("完好"), verify.out());
        try (FileSystemObjectStore store = new FileSystemObjectStore(dir.resolve("data"))) {
            var actions = new org.onewindow.service.audit.AuditSearch(new AuditLog(store, java.time.Clock.systemUTC(),
                    org.onewindow.service.audit.HmacCheckpointSigner.fromFile(dir.resolve("audit.key"))))
                    .search(org.onewindow.service.audit.AuditQuery.all(100)).events().stream()
                    .map(e -> e.action() + " " + e.actor().startsWith("cli:")).toList();
            assertEquals(List.of("user.add true", "user.add true", "user.disable true", "user.enable true",
                    "user.roles true", "user.password.reset true"), actions);
        }
    }

    @Test
    void auditVerifyExitsOneOnATamperedChain() {
        for (int i = 0; i < 3; i++) {
            assertEquals(0, run("users", "add", "u" + i, "用户" + i, "AUDITOR", "--password", "pass-word-1").code());
        }
        Run checkpoint = run("audit", "checkpoint");
        assertEquals(0, checkpoint.code(), checkpoint.err());
        assertTrue(checkpoint.out().contains("序号 3"), checkpoint.out());
        assertEquals(0, run("audit", "verify").code());
        try (FileSystemObjectStore store = new FileSystemObjectStore(dir.resolve("data"))) {
            store.delete(AuditLog.eventKey(3));
        }
        Run verify = run("audit", "verify");
        assertEquals(1, verify.code(), verify.out());
        assertTrue(verify.out().contains("序号 3") && verify.out().contains("TRUNCATED"), verify.out());
        try (FileSystemObjectStore store = new FileSystemObjectStore(dir.resolve("data"))) {
            store.put(AuditLog.eventKey(2), "{}".getBytes(), PutOptions.defaults());
        }
        Run unreadable = run("audit", "verify");
        assertEquals(1, unreadable.code());
        assertTrue(unreadable.out().contains("序号 2"), unreadable.out());
    }
}
