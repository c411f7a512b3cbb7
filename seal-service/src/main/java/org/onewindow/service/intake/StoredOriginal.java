package org.onewindow.service.intake;

/**
 * An original upload kept unchanged in storage.
 *
 * @param key          storage key, {@code originals/sha256/ab/abcdef...}
 * @param sha256       lower-case hex SHA-256 of the bytes
 * @param size         length in bytes
 * @param type         detected type
 * @param declaredName the file name the client gave
 * @param pageCount    pages in the file
 * @param duplicate    whether identical bytes were already stored (then nothing was written)
 */
public record StoredOriginal(String key, String sha256, long size, MaterialType type, String declaredName,
                             int pageCount, boolean duplicate) {
}
