package org.onewindow.storage.fs;

import java.nio.file.Path;

import org.onewindow.storage.ObjectStore;

/** Embedded default backend: objects as files under a root directory. (Stub: being implemented.) */
public final class FileSystemObjectStore implements ObjectStore {
    /** Opens (creating if needed) a store rooted at {@code root}. */
    public FileSystemObjectStore(Path root) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
