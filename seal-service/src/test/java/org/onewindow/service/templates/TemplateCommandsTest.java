package org.onewindow.service.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.onewindow.service.templates.TemplateTestSupport.isPng;
import static org.onewindow.service.templates.TemplateTestSupport.text;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.Main;
import org.onewindow.service.config.Config;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.fs.FileSystemObjectStore;
import org.onewindow.templates.TemplateCatalog;

/** {@code templates list | preview | render}, run in-process through {@link Main#run}. */
class TemplateCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Map<String, String> env;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void environment() {
        env = Map.of(Config.STORAGE, "fs:" + dir.resolve("data"), Config.PUBLIC_URL, "https://zwfw.example.gov.cn");
    }

    Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listPrintsTheNineTemplatesAndMarksOverrides() throws IOException {
        Run run = run("templates", "list");
        assertEquals(0, run.code(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(9, lines.size(), run.out());
        assertTrue(lines.get(0).startsWith("acceptance-notice") && lines.get(0).contains("受理通知书"), run.out());
        assertFalse(run.out().contains("本中心覆盖"), run.out());

        // An override in the configured storage shows, as in the service.
        byte[] definition = TemplateCatalog.class.getResourceAsStream(
                "/org/onewindow/templates/defaults/archive-cover.json").readAllBytes();
        try (FileSystemObjectStore store = new FileSystemObjectStore(dir.resolve("data"))) {
            store.put(ObjectStoreTemplateSource.key("archive-cover"), definition, PutOptions.of("application/json"));
        }
        Run after = run("templates", "list");
        assertEquals(0, after.code(), after.err());
        assertTrue(after.out().lines().anyMatch(l -> l.startsWith("archive-cover") && l.contains("本中心覆盖")), after.out());
    }

    @Test
    void previewWritesAPdfOrAPng() throws IOException {
        Path pdf = dir.resolve("out/acceptance.pdf");
        Run run = run("templates", "preview", "acceptance-notice", "--out", pdf.toString());
        assertEquals(0, run.code(), run.err());
        String text = text(Files.readAllBytes(pdf));
        assertTrue(text.contains("受理通知书") && text.contains("SAMPLE-ACCEPTANCE-NOTICE"), text);

        Path png = dir.resolve("decision.img");
        Run pngRun = run("templates", "preview", "permit-decision", "--png", "--dpi", "50", "--out", png.toString());
        assertEquals(0, pngRun.code(), pngRun.err());
        assertTrue(isPng(Files.readAllBytes(png)));
        assertTrue(pngRun.out().contains("50 dpi"), pngRun.out());

        Path inferred = dir.resolve("cover.png");
        assertEquals(0, run("templates", "preview", "archive-cover", "--out", inferred.toString()).code());
        assertTrue(isPng(Files.readAllBytes(inferred)), "format from the .png extension");
    }

    @Test
    void renderWritesTheDocumentAndPrintsItsVerificationId() throws IOException {
        ObjectNode request = sample("acceptance-notice");
        ((ObjectNode) request.path("fields")).put("applicantName", "敦煌市阳关葡萄酒业有限公司");
        request.put("issuedAt", "2026-12-01T09:00:00+08:00");
        Path data = dir.resolve("request.json");
        Files.writeString(data, request.toString());
        Path out = dir.resolve("notice.pdf");

        Run run = run("templates", "render", "acceptance-notice", "--data", data.toString(), "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        Matcher id = Pattern.compile("核验码: ([A-Z2-7]{20})").matcher(run.out());
        assertTrue(id.find(), run.out());
        assertTrue(run.out().contains("https://zwfw.example.gov.cn/verify/" + id.group(1)), run.out());
        assertTrue(run.out().contains("acceptanceSeal (受理专用章)"), run.out());
        String text = text(Files.readAllBytes(out));
        for (String expected : List.of("敦煌市阳关葡萄酒业有限公司", "2026年12月1日", id.group(1))) {
            assertTrue(text.contains(expected), expected + " missing from:\n" + text);
        }

        Run chosen = run("templates", "render", "acceptance-notice", "--data", data.toString(), "--out", out.toString(),
                "--verification-id", "DH-2026-000123");
        assertEquals(0, chosen.code(), chosen.err());
        assertTrue(text(Files.readAllBytes(out)).contains("DH-2026-000123"));
    }

    @Test
    void badDataFailsWithExitOneAndNoOutputFile() throws IOException {
        ObjectNode request = sample("acceptance-notice");
        ((ObjectNode) request.path("fields")).remove("itemName");
        Path data = dir.resolve("request.json");
        Files.writeString(data, request.toString());
        Path out = dir.resolve("notice.pdf");

        Run missingField = run("templates", "render", "acceptance-notice", "--data", data.toString(), "--out", out.toString());
        assertEquals(1, missingField.code());
        assertTrue(missingField.err().contains("fields.itemName") && missingField.err().contains("申请事项"), missingField.err());
        assertFalse(Files.exists(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary file left");
        }

        Run unknown = run("templates", "render", "no-such-template", "--data", data.toString(), "--out", out.toString());
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("no-such-template") && unknown.err().contains("templates list"), unknown.err());

        Run noFile = run("templates", "render", "acceptance-notice", "--data", dir.resolve("nope.json").toString(),
                "--out", out.toString());
        assertEquals(1, noFile.code());
        assertTrue(noFile.err().contains("nope.json") && noFile.err().contains("不存在"), noFile.err());

        Files.writeString(data, "{\"fields\": {\"applicantName\": ");
        Run malformed = run("templates", "render", "acceptance-notice", "--data", data.toString(), "--out", out.toString());
        assertEquals(1, malformed.code());
        assertTrue(malformed.err().contains("不是有效的请求 JSON") && malformed.err().contains("行"), malformed.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void wrongArgumentsAreUsageErrors() {
        Run noOut = run("templates", "render", "acceptance-notice", "--data", "x.json");
        assertEquals(2, noOut.code());
        assertTrue(noOut.err().contains("--out") && noOut.err().contains("用法"), noOut.err());
        assertEquals(2, run("templates", "preview", "--out", "x.pdf").code(), "no template id");
        assertEquals(2, run("templates", "preview", "a", "b", "--out", "x.pdf").code(), "two template ids");
        assertEquals(2, run("templates", "preview", "acceptance-notice", "--pdf", "--png", "--out", "x").code());
        assertEquals(2, run("templates", "preview", "acceptance-notice", "--png", "--dpi", "9000", "--out", "x").code());
        assertEquals(2, run("templates", "preview", "acceptance-notice", "--colour", "--out", "x").code());
        assertEquals(2, run("templates", "list", "extra").code());
        Run unknownSub = run("templates", "frobnicate");
        assertEquals(2, unknownSub.code());
        assertTrue(unknownSub.err().contains("templates render"), unknownSub.err());
    }

    @Test
    void aMissingFontFailsWithThePathAndExitOne() {
        env = Map.of(Config.STORAGE, "fs:" + dir.resolve("data"), Config.FONT_KAI, "/nonexistent/kai.ttf");
        Run run = run("templates", "preview", "acceptance-notice", "--out", dir.resolve("x.pdf").toString());
        assertEquals(1, run.code());
        assertTrue(run.err().contains("/nonexistent/kai.ttf") && run.err().contains("ONEWINDOW_FONT"), run.err());
    }

    private static ObjectNode sample(String templateId) throws IOException {
        var definition = JSON.readTree(TemplateCatalog.class.getResourceAsStream(
                "/org/onewindow/templates/defaults/" + templateId + ".json"));
        ObjectNode request = JSON.createObjectNode();
        request.set("fields", definition.path("sample").path("fields").deepCopy());
        request.set("tables", definition.path("sample").path("tables").deepCopy());
        return request;
    }
}
