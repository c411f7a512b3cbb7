package org.onewindow.templates;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void smoke() throws Exception {
        TemplateRenderer r = new TemplateRenderer(TemplateCatalog.defaults());
        for (TemplateSummary t : r.catalog().list()) {
            RenderedDocument doc = r.renderSample(t.id(), "https://zwfw.dunhuang.example.cn");
            Files.write(Path.of("/tmp/" + t.id() + ".pdf"), doc.pdf());
            Files.write(Path.of("/tmp/" + t.id() + ".png"), TemplateRenderer.pagePng(doc, 1, 80, true));
            System.out.println(t.id() + " " + doc.sealFields() + " pages=" + doc.pageCount() + " " + PdfA.failures(doc.pdf()));
        }
    }
}
