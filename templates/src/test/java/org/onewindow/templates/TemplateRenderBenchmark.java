package org.onewindow.templates;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.itextpdf.io.font.FontProgram;
import com.itextpdf.io.font.FontProgramFactory;
import com.itextpdf.io.font.PdfEncodings;
import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.kernel.font.PdfFontFactory;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.element.Paragraph;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Documents rendered per second, against a minimal iText document (one paragraph, same font, embedded subset)
 * measured in the same run. Run with
 * {@code mvn -o -pl templates test -Dtest=TemplateRenderBenchmark -Donewindow.test.excludedGroups=none
 * -Dbenchmark.docs=200}.
 */
@Tag("benchmark")
class TemplateRenderBenchmark {
    @Test
    void documentsPerSecondAgainstAMinimalITextDocument() throws Exception {
        int n = Integer.getInteger("benchmark.docs", 100);
        TemplateRenderer renderer = new TemplateRenderer(TemplateCatalog.defaults());
        FontProgram song = FontProgramFactory.createFont(FontConfig.DEFAULT_SONG, false);
        String[] ids = {"acceptance-notice", "handover-receipt", "permit-decision"};
        RenderRequest[] requests = new RenderRequest[ids.length];
        for (int i = 0; i < ids.length; i++) {
            requests[i] = renderer.sampleRequest(ids[i], Samples.PUBLIC_URL);
        }
        long sink = 0;
        for (int i = 0; i < Math.max(10, n / 10); i++) { // warm-up
            sink += renderer.render(ids[i % ids.length], requests[i % ids.length]).pdf().length;
            sink += minimal(song).length;
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink += minimal(song).length;
        }
        double minimalRate = n / ((System.nanoTime() - t0) / 1e9);
        double[] rates = new double[ids.length];
        for (int k = 0; k < ids.length; k++) {
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += renderer.render(ids[k], requests[k]).pdf().length;
            }
            rates[k] = n / ((System.nanoTime() - t) / 1e9);
        }
        System.out.printf("minimal iText document (1 paragraph, %s): %.1f docs/s%n", "gbsn00lp subset", minimalRate);
        for (int k = 0; k < ids.length; k++) {
            System.out.printf("%-20s PDF/A-2u template: %.1f docs/s, %.2fx the minimal document's time%n",
                    ids[k], rates[k], minimalRate / rates[k]);
        }
        assertTrue(sink > 0 && minimalRate > 0);
    }

    private static byte[] minimal(FontProgram program) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Document document = new Document(new PdfDocument(new PdfWriter(out)))) {
            PdfFont font = PdfFontFactory.createFont(program, PdfEncodings.IDENTITY_H,
                    PdfFontFactory.EmbeddingStrategy.FORCE_EMBEDDED);
            document.add(new Paragraph("敦煌市行政服务中心受理通知书：你单位提出的申请，经审查，决定予以受理。").setFont(font));
        }
        return out.toByteArray();
    }
}
