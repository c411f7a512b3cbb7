package org.onewindow.service.testsupport;

import java.nio.file.Path;

import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.fs.FileSystemObjectStore;

/** The stores tests run on. */
public final class TestStores {
    private TestStores() {
    }

    /** A filesystem store rooted in {@code dir}. */
    public static ObjectStore fileSystem(Path dir) {
        return new FileSystemObjectStore(dir);
    }
}
