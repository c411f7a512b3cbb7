package org.onewindow.service.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.Main;
import org.onewindow.service.seal.image.SealPngRenderer;

/** {@code onewindow seals ...} in-process, on a filesystem store. */
class SealCommandsTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        Map<String, String> env = new HashMap<>(SealHttp.env(dir.resolve("data"), "ec-p256"));
        env.put("USER", "tester");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void seedListShowSuspendRevokeAndExportFromTheCommandLine() throws Exception {
        Run seed = run("seals", "seed");
        assertEquals(0, seed.code(), seed.err());
        assertTrue(seed.out().contains("28 枚默认印章"), seed.out());
        assertTrue(run("seals", "seed").out().contains("已初始化"));

        Run list = run("seals", "list");
        assertEquals(0, list.code(), list.err());
        assertEquals(28, list.out().lines().count(), list.out());
        assertTrue(list.out().contains("dept-housing") && list.out().contains("敦煌市住房和城乡建设局行政审批专用章"));

        Run show = run("seals", "show", "center-approval");
        assertEquals(0, show.code(), show.err());
        assertEquals(3, show.out().split("-----BEGIN CERTIFICATE-----", -1).length - 1, show.out());

        Run suspend = run("seals", "suspend", "center-approval", "年检");
        assertEquals(0, suspend.code(), suspend.err());
        assertTrue(suspend.out().contains("SUSPENDED"));
        Run resume = run("seals", "resume", "center-approval");
        assertTrue(resume.out().contains("ACTIVE"), resume.out() + resume.err());
        Run revoke = run("seals", "revoke", "dept-archives", "cessationOfOperation", "机构撤并");
        assertEquals(0, revoke.code(), revoke.err());
        assertTrue(revoke.out().contains("REVOKED"));
        Run again = run("seals", "revoke", "dept-archives", "keyCompromise");
        assertEquals(1, again.code());
        assertTrue(again.err().contains("revoked already"), again.err());

        Run rotate = run("seals", "rotate", "center-acceptance");
        assertEquals(0, rotate.code(), rotate.err());
        assertTrue(rotate.out().contains("保留"));

        Path png = dir.resolve("housing.png");
        assertEquals(0, run("seals", "image", "dept-housing", png.toString()).code());
        assertEquals(SealPngRenderer.pixels(40, SealPngRenderer.DEFAULT_DPI), ImageIO.read(png.toFile()).getWidth());
        Path pdf = dir.resolve("housing.pdf");
        assertEquals(0, run("seals", "image", "dept-housing", pdf.toString()).code());
        assertTrue(new String(Files.readAllBytes(pdf), 0, 5, StandardCharsets.US_ASCII).startsWith("%PDF-"));

        assertEquals(2, run("seals", "show").code(), "usage error");
        Run hold = run("seals", "revoke", "dept-housing", "certificateHold");
        assertEquals(1, hold.code(), "certificateHold is a suspension, not a revocation reason");
        assertTrue(hold.err().contains("use suspend"), hold.err());
        Run missing = run("seals", "show", "no-such-seal");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no-such-seal"), missing.err());
    }
}
