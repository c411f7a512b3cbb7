package org.onewindow.service.identity;

/** A stored record with the storage version it was read at (for conditional updates). */
public record Versioned<T>(T value, String version) {
}
