package org.onewindow.service.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.Main;
import org.onewindow.service.config.Config;
import org.onewindow.service.identity.IdentityAudit;
import org.onewindow.service.identity.Role;

/** {@code catalog list|import|export} and {@code cases list} through the real CLI dispatcher. */
class CaseCliTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of(Config.STORAGE, "fs:" + dir.resolve("data"),
                IdentityAudit.Settings.CHECKPOINT_KEY_FILE, dir.resolve("secrets/audit.key").toString());
        int code = Main.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void catalogCommandsImportListAndExport() throws Exception {
        Path file = dir.resolve("items.json");
        Files.writeString(file, "{\"items\": [{\"code\": \"620982-XK-0061\", \"name\": \"社会团体成立登记\", \"window\":"
                + " \"社会服务\", \"department\": \"民政局\", \"legalBasis\": \"《社会团体登记管理条例》\","
                + " \"promisedWorkingDays\": 0, \"materials\": [{\"code\": \"M01\", \"name\": \"申请书\", \"kind\":"
                + " \"MAIN\", \"form\": \"ORIGINAL\", \"copies\": 1}], \"requiredSeals\": [\"DEPARTMENT\"]}]}");
        Run imported = run("catalog", "import", file.toString());
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().contains("新增 1 个"), imported.out());
        Run list = run("catalog", "list");
        assertTrue(list.out().contains("620982-XK-0061  社会团体成立登记") && list.out().contains("即办件"), list.out());
        Run csv = run("catalog", "export", "--csv");
        assertTrue(csv.out().contains("620982-XK-0061,社会团体成立登记,社会服务,民政局"), csv.out());

        Files.writeString(file, "{\"items\": [{\"name\": \"没有编码\"}]}");
        Run bad = run("catalog", "import", file.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("code"), bad.err());
        assertEquals(2, run("catalog", "import").code());
    }

    @Test
    void casesListShowsCasesWithTheirDeadlines() {
        try (CaseHarness h = new CaseHarness(dir)) {
            String[] clerk = h.user("clerk1", null, Role.WINDOW_CLERK);
            String id = h.open(clerk, CaseHarness.BUILDING_PERMIT, "M01", "M02", "M03", "M04", "S01", "S02");
            h.expect(200, "POST", "/api/cases/" + id + "/accept", null, clerk);
        }
        Run list = run("cases", "list");
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("建筑工程施工许可证核发") && list.out().contains("共 1 件"),
                list.out());
        assertTrue(run("cases", "list", "--state", "ARCHIVED").out().contains("共 0 件"));
        assertEquals(2, run("cases", "list", "--state", "NOPE").code());
    }
}
