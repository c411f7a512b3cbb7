package org.onewindow.service.testsupport;

import java.nio.file.Path;

import org.onewindow.storage.ObjectStore;

/** The stores tests run on. */
public final class TestStores {
    private TestStores() {
    }

    /** A filesystem store rooted in {@code dir}. */
    public static ObjectStore fileSystem(Path dir) {
        return new InMemoryObjectStore(); // TEMPORARY until the filesystem store is merged
    }
}
