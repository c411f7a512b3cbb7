package org.onewindow.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A decimal counter in one object, incremented the way state records are updated: read content and version
 * together, write the next value only if the version is unchanged, retry on conflict. Shared by the contract
 * suite and by backend tests that increment from other processes.
 */
public final class ConditionalCounter {
    private final ObjectStore store;
    private final String key;

    public ConditionalCounter(ObjectStore store, String key) {
        this.store = store;
        this.key = key;
    }

    /** Creates the counter at 0 unless it exists. */
    public void createIfAbsent() {
        try {
            store.put(key, bytes(0), PutOptions.of("text/plain").withCondition(WriteCondition.ifAbsent()));
        } catch (PreconditionFailedException e) {
            // someone else created it
        }
    }

    public long value() {
        return Long.parseLong(new String(store.readAllBytes(key), StandardCharsets.US_ASCII));
    }

    /**
     * Adds one.
     *
     * @return how many conflicts (refused conditional writes) it took
     */
    public int increment() {
        for (int conflicts = 0; ; conflicts++) {
            long value;
            String version;
            try (StoredObject current = store.get(key)) {
                value = Long.parseLong(new String(current.content().readAllBytes(), StandardCharsets.US_ASCII));
                version = current.info().version();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                store.put(key, bytes(value + 1),
                        PutOptions.of("text/plain").withCondition(WriteCondition.ifVersionMatches(version)));
                return conflicts;
            } catch (PreconditionFailedException e) {
                Thread.onSpinWait();
            }
        }
    }

    private static byte[] bytes(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }
}
