package org.onewindow.service.ofd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ofdrw.reader.ContentExtractor;
import org.ofdrw.reader.OFDReader;
import org.onewindow.service.Main;
import org.onewindow.service.config.Config;
import org.onewindow.service.pki.Pem;
import org.onewindow.templates.TemplateCatalog;
import org.onewindow.templates.TemplateDefinition;

/** {@code templates render --ofd} and {@code verify} of an OFD, through {@link Main#run}. */
class OfdCommandsTest {
    @TempDir
    Path dir;

    CliRun run(String... args) {
        return CliRun.run(Map.of(Config.STORAGE, "fs:" + dir.resolve("data"), Config.PUBLIC_URL,
                "https://zwfw.example.gov.cn"), args);
    }

    @Test
    void renderWritesAnOfdForAnOfdFileName() throws Exception {
        TemplateDefinition d = TemplateCatalog.defaults().get("permit-decision");
        Path data = dir.resolve("request.json");
        new ObjectMapper().writeValue(data.toFile(), Map.of("fields", d.sample().fields(), "tables",
                d.sample().tables(), "issuedAt", "2026-12-01T09:00:00+08:00"));
        Path out = dir.resolve("decision.ofd");
        CliRun r = run("templates", "render", "permit-decision", "--data", data.toString(), "--out", out.toString(),
                "--verification-id", "DH-2026-000777");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("(OFD, ") && r.out().contains("approvalSeal (审批专用章)"), r.out());
        assertTrue(OfdPackage.looksLikeOfd(Files.readAllBytes(out)));
        try (OFDReader reader = new OFDReader(out)) {
            String text = String.join("", new ContentExtractor(reader).extractAll());
            assertTrue(text.contains("DH-2026-000777") && text.contains("2026年12月1日"), text);
        }
        Path preview = dir.resolve("preview.bin");
        CliRun p = run("templates", "preview", "acceptance-notice", "--ofd", "--out", preview.toString());
        assertEquals(0, p.code(), p.err());
        assertTrue(OfdPackage.looksLikeOfd(Files.readAllBytes(preview)));
    }

    @Test
    void verifyAcceptsASealedOfd() throws Exception {
        SealedSamples s = SealedSamples.get();
        Path root = Files.writeString(dir.resolve("root.pem"), Pem.encode(s.pki.root.certificate()));
        Path sealed = Files.write(dir.resolve("sealed.ofd"), s.twoSeals);
        CliRun ok = run("verify", "--trust", root.toString(), sealed.toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("审批专用章") && ok.out().contains("TOTAL_PASSED"), ok.out());

        Path tampered = Files.write(dir.resolve("tampered.ofd"), OfdZip.editText(s.twoSeals,
                "Doc_0/Pages/Page_0/Content.xml", xml -> xml.replace("准予", "不予")));
        CliRun bad = run("verify", "--trust", root.toString(), tampered.toString());
        assertEquals(1, bad.code(), bad.out());
        assertTrue(bad.out().contains("HASH_FAILURE"), bad.out());
    }
}
