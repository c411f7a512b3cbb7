package org.onewindow.service.pki;

/**
 * A value read from storage with the version to give back on a conditional update.
 *
 * @param version the storage version, or {@code null} when nothing is stored yet (write with create-if-absent)
 */
public record Versioned<T>(T value, String version) {
}
