package org.onewindow.service.archive;

import java.time.Instant;

/**
 * A stored archive package.
 *
 * @param caseId    the case
 * @param key       where it is stored ({@code archives/{caseId}/{time}-{random}.zip})
 * @param sha256    hex SHA-256 of the ZIP
 * @param size      its length in bytes
 * @param createdAt when it was built
 * @param files     files listed in its manifest (-1 when read back from the store listing, where it is not known)
 */
public record ArchivePackage(String caseId, String key, String sha256, long size, Instant createdAt, int files) {
}
