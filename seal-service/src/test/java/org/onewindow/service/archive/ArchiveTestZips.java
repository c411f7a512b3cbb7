package org.onewindow.service.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** ZIP helpers for tests in other packages. */
public final class ArchiveTestZips {
    private ArchiveTestZips() {
    }

    public static Map<String, byte[]> entries(Path zip) throws IOException {
        return ArchiveFixture.entries(zip);
    }

    public static Path write(Path zip, Map<String, byte[]> entries) throws IOException {
        return ArchiveFixture.write(zip, entries);
    }
}
