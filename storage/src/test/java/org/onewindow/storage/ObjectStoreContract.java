package org.onewindow.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ObjectStore} backend must show. Each backend's test extends this class and
 * provides a fresh, empty store per test.
 */
public abstract class ObjectStoreContract {
    protected ObjectStore store;

    /** A new, empty store for one test. */
    protected abstract ObjectStore newStore() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void putThenGetRoundTrip() throws Exception {
        byte[] content = "一窗受理".getBytes(StandardCharsets.UTF_8);
        ObjectInfo info = store.put("docs/a.txt", content, PutOptions.of("text/plain"));
        assertEquals(content.length, info.size());
        try (StoredObject object = store.get("docs/a.txt")) {
            assertEquals("一窗受理", new String(object.content().readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
