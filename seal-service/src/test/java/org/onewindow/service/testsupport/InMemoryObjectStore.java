package org.onewindow.service.testsupport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.onewindow.storage.ByteRange;
import org.onewindow.storage.ListPage;
import org.onewindow.storage.ObjectInfo;
import org.onewindow.storage.ObjectNotFoundException;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PreconditionFailedException;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.StoredObject;
import org.onewindow.storage.WriteCondition;

/** TEMPORARY stand-in until the filesystem store is merged; to be deleted then. */
public final class InMemoryObjectStore implements ObjectStore {
    private record Entry(byte[] bytes, ObjectInfo info) {
    }

    private final TreeMap<String, Entry> objects = new TreeMap<>();
    private final AtomicLong versions = new AtomicLong();

    @Override
    public synchronized ObjectInfo put(String key, InputStream content, PutOptions options) {
        byte[] bytes;
        try {
            bytes = content.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Entry current = objects.get(key);
        if (options.condition() instanceof WriteCondition.IfAbsent && current != null) {
            throw new PreconditionFailedException(key, "exists");
        }
        if (options.condition() instanceof WriteCondition.IfVersionMatches m
                && (current == null || !current.info().version().equals(m.version()))) {
            throw new PreconditionFailedException(key, "version");
        }
        ObjectInfo info = new ObjectInfo(key, bytes.length, "0".repeat(64), "v" + versions.incrementAndGet(),
                options.contentType(), Instant.now(), Map.of());
        objects.put(key, new Entry(bytes, info));
        return info;
    }

    @Override
    public synchronized StoredObject get(String key) {
        Entry e = objects.get(key);
        if (e == null) {
            throw new ObjectNotFoundException(key);
        }
        return new StoredObject(e.info(), new ByteArrayInputStream(e.bytes()), null);
    }

    @Override
    public StoredObject get(String key, ByteRange range) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized Optional<ObjectInfo> head(String key) {
        return Optional.ofNullable(objects.get(key)).map(Entry::info);
    }

    @Override
    public synchronized ListPage list(String prefix, String startAfter, int maxKeys) {
        List<ObjectInfo> page = new ArrayList<>();
        for (Entry e : (startAfter == null ? objects : objects.tailMap(startAfter, false)).values()) {
            if (!e.info().key().startsWith(prefix)) {
                if (e.info().key().compareTo(prefix) > 0) {
                    break;
                }
                continue;
            }
            if (page.size() == maxKeys) {
                return new ListPage(page, page.get(page.size() - 1).key());
            }
            page.add(e.info());
        }
        return new ListPage(page, null);
    }

    @Override
    public synchronized boolean delete(String key) {
        return objects.remove(key) != null;
    }

    @Override
    public synchronized void deleteIfVersionMatches(String key, String expectedVersion) {
        Entry e = objects.get(key);
        if (e == null || !e.info().version().equals(expectedVersion)) {
            throw new PreconditionFailedException(key, "version");
        }
        objects.remove(key);
    }

    @Override
    public ObjectInfo copy(String sourceKey, String targetKey, WriteCondition condition) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void checkHealth() {
    }

    @Override
    public String describe() {
        return "memory";
    }

    @Override
    public void close() {
    }
}
