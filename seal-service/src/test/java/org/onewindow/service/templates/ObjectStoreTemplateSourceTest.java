package org.onewindow.service.templates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.fs.FileSystemObjectStore;

class ObjectStoreTemplateSourceTest {
    @TempDir
    Path dir;

    @Test
    void holdsOnlyWellNamedJsonUnderTheTemplatesPrefix() {
        try (FileSystemObjectStore store = new FileSystemObjectStore(dir)) {
            ObjectStoreTemplateSource source = new ObjectStoreTemplateSource(store);
            byte[] json = "{\"id\":\"b-notice\"}".getBytes(StandardCharsets.UTF_8);
            source.save("b-notice", json, PutOptions.of("application/json"));
            source.save("a-notice", json, PutOptions.of("application/json"));
            store.put("templates/README.txt", new byte[] {1}, PutOptions.defaults());
            store.put("templates/Upper_Case.json", new byte[] {1}, PutOptions.defaults());
            store.put("templates/nested/c-notice.json", new byte[] {1}, PutOptions.defaults());
            store.put("other/d-notice.json", new byte[] {1}, PutOptions.defaults());

            assertEquals(List.of("a-notice", "b-notice"), source.templateIds());
            assertArrayEquals(json, source.load("b-notice").orElseThrow());
            assertTrue(source.load("c-notice").isEmpty());
            assertTrue(source.load("../other/d-notice").isEmpty(), "never a key outside templates/");
            assertTrue(source.contains("a-notice"));
            assertTrue(source.delete("a-notice"));
            assertFalse(source.delete("a-notice"));
            assertFalse(source.contains("a-notice"));
            assertThrows(IllegalArgumentException.class, () -> ObjectStoreTemplateSource.key("../x"));
        }
    }
}
