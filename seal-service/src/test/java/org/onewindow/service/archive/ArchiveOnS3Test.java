package org.onewindow.service.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.errors.ConflictException;
import org.onewindow.service.testsupport.S3ServerProcess;

/** The same package built on the S3 backend (S3Proxy with conditional writes, in a child JVM) verifies. */
class ArchiveOnS3Test {
    @TempDir
    Path dir;

    @Test
    void packageOnS3Verifies() throws Exception {
        try (S3ServerProcess s3 = new S3ServerProcess(); ArchiveFixture fixture = new ArchiveFixture(dir, s3.newStore())) {
            String caseId = fixture.openCase();
            assertThrows(ConflictException.class, () -> fixture.archives.create(fixture.clerk.principal(), "r1", caseId));
            fixture.close(caseId);
            ArchivePackage created = fixture.archives.create(fixture.clerk.principal(), "r2", caseId);
            assertEquals(created.key(), fixture.archives.latest(caseId).key());
            Path zip = fixture.export(fixture.archives.latest(caseId), "s3.zip");
            assertEquals(created.sha256(), ArchiveFixture.sha256(java.nio.file.Files.readAllBytes(zip)));
            ArchiveVerifier.Report report = new ArchiveVerifier(fixture.roots()).verify(zip);
            assertTrue(report.valid(), report.problems().toString());
            assertEquals(created.files(), report.filesChecked());
        }
    }
}
