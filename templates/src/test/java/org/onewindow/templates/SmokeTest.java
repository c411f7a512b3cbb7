package org.onewindow.templates;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void smoke() throws Exception {
        TemplateRenderer r = new TemplateRenderer(TemplateCatalog.defaults());
        RenderedDocument doc = r.renderSample("acceptance-notice", "https://zwfw.dunhuang.example.cn");
        Files.write(Path.of("/tmp/acc.pdf"), doc.pdf());
        Files.write(Path.of("/tmp/acc.png"), r.renderPreviewPng("acceptance-notice", "https://zwfw.dunhuang.example.cn", 80));
        System.out.println(doc.sealFields() + " pages=" + doc.pageCount());
        System.out.println(PdfA.failures(doc.pdf()));
    }
}
