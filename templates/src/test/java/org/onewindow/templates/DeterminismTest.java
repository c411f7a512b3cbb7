package org.onewindow.templates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DeterminismTest {
    private static final String ID = "handover-receipt"; // two seals, tables, three fonts

    @Test
    void sameInputGivesTheSameBytesAcrossRenderers() {
        TemplateRenderer first = new TemplateRenderer(TemplateCatalog.defaults());
        TemplateRenderer second = new TemplateRenderer(TemplateCatalog.defaults());
        RenderRequest request = first.sampleRequest(ID, Samples.PUBLIC_URL);
        byte[] a = first.render(ID, request).pdf();
        byte[] b = first.render(ID, request).pdf();
        byte[] c = second.render(ID, request).pdf();
        assertArrayEquals(a, b, "same renderer, same request");
        assertArrayEquals(a, c, "new renderer, same request");
    }

    @Test
    void concurrentAndRepeatedRendersGiveTheSameBytes() throws Exception {
        TemplateRenderer renderer = new TemplateRenderer(TemplateCatalog.defaults());
        List<String> ids = List.of("handover-receipt", "permit-decision", "archive-index", "collection-notice");
        Map<String, byte[]> sequential = new HashMap<>();
        for (String id : ids) {
            sequential.put(id, renderer.renderSample(id, Samples.PUBLIC_URL).pdf());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String id = ids.get(i % ids.size());
                results.add(pool.submit(() -> Arrays.equals(sequential.get(id), renderer.renderSample(id, Samples.PUBLIC_URL).pdf())));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get(), "a concurrent render differs from the sequential one");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void dateAndIdComeFromTheInput() {
        TemplateRenderer renderer = new TemplateRenderer(TemplateCatalog.defaults());
        RenderRequest request = renderer.sampleRequest(ID, Samples.PUBLIC_URL);
        RenderRequest later = new RenderRequest(request.fields(), request.tables(), request.verificationId(),
                request.publicUrl(), request.issuedAt().plusDays(1));
        byte[] a = renderer.render(ID, request).pdf();
        byte[] b = renderer.render(ID, later).pdf();
        assertFalse(Arrays.equals(a, b));
        String text = new String(a, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("/CreationDate(D:20261125093000+08'00')"), "creation date from issuedAt");
        assertTrue(text.contains("/ModDate(D:20261125093000+08'00')"), "modification date from issuedAt");
    }
}
