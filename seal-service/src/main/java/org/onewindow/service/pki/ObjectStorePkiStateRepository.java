package org.onewindow.service.pki;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.onewindow.storage.ListPage;
import org.onewindow.storage.ObjectInfo;
import org.onewindow.storage.ObjectNotFoundException;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PreconditionFailedException;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.StoredObject;
import org.onewindow.storage.WriteCondition;

/**
 * PKI state as JSON documents in object storage:
 * <ul>
 *   <li>{@code pki/ca/{caId}/ca.json} — {@link CaRecord} (certificate chain as PEM), written once;</li>
 *   <li>{@code pki/ca/{caId}/index.json} — {@link CertificateIndex}, replaced with version-matched writes;</li>
 *   <li>{@code pki/doc/{name}.json} — small named documents (the demo hierarchy).</li>
 * </ul>
 * Indexes are cached by storage version: a status lookup costs one HEAD while nothing changed.
 */
public final class ObjectStorePkiStateRepository implements PkiStateRepository {
    static final String PREFIX = "pki/";
    private static final String JSON = "application/json";

    private final ObjectStore store;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<String, Versioned<CertificateIndex>> indexCache = new ConcurrentHashMap<>();

    public ObjectStorePkiStateRepository(ObjectStore store) {
        this.store = store;
    }

    private static String caKey(String caId) {
        return PREFIX + "ca/" + caId + "/ca.json";
    }

    private static String indexKey(String caId) {
        return PREFIX + "ca/" + caId + "/index.json";
    }

    private static String documentKey(String name) {
        return PREFIX + "doc/" + name + ".json";
    }

    @Override
    public void createCa(CaRecord record) {
        try {
            store.put(caKey(record.caId()), write(record), PutOptions.of(JSON).withCondition(WriteCondition.ifAbsent()));
        } catch (PreconditionFailedException e) {
            throw new PkiStateConflictException("CA id '" + record.caId() + "' is taken");
        }
    }

    @Override
    public Optional<CaRecord> findCa(String caId) {
        if (!CaRecord.isValidId(caId)) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(store.readAllBytes(caKey(caId)), CaRecord.class));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<CaRecord> listCas() {
        List<CaRecord> records = new ArrayList<>();
        String startAfter = null;
        do {
            ListPage page = store.list(PREFIX + "ca/", startAfter, 1000);
            for (ObjectInfo info : page.objects()) {
                if (info.key().endsWith("/ca.json")) {
                    records.add(read(store.readAllBytes(info.key()), CaRecord.class));
                }
            }
            startAfter = page.nextStartAfter();
        } while (startAfter != null);
        records.sort((a, b) -> a.caId().compareTo(b.caId()));
        return records;
    }

    @Override
    public Versioned<CertificateIndex> index(String caId) {
        String key = indexKey(caId);
        Optional<ObjectInfo> head = store.head(key);
        if (head.isEmpty()) {
            indexCache.remove(caId);
            return new Versioned<>(CertificateIndex.empty(caId), null);
        }
        Versioned<CertificateIndex> cached = indexCache.get(caId);
        if (cached != null && cached.version().equals(head.get().version())) {
            return cached;
        }
        try (StoredObject object = store.get(key)) {
            Versioned<CertificateIndex> loaded = new Versioned<>(read(object.content().readAllBytes(),
                    CertificateIndex.class), object.info().version());
            indexCache.put(caId, loaded);
            return loaded;
        } catch (ObjectNotFoundException e) {
            return new Versioned<>(CertificateIndex.empty(caId), null);
        } catch (IOException e) {
            throw new org.onewindow.storage.StorageUnavailableException("reading " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean replaceIndex(CertificateIndex index, String expectedVersion) {
        WriteCondition condition = expectedVersion == null ? WriteCondition.ifAbsent()
                : WriteCondition.ifVersionMatches(expectedVersion);
        try {
            ObjectInfo info = store.put(indexKey(index.caId()), write(index), PutOptions.of(JSON).withCondition(condition));
            indexCache.put(index.caId(), new Versioned<>(index, info.version()));
            return true;
        } catch (PreconditionFailedException e) {
            indexCache.remove(index.caId());
            return false;
        }
    }

    @Override
    public boolean putDocumentIfAbsent(String name, byte[] content) {
        try {
            store.put(documentKey(name), content, PutOptions.of(JSON).withCondition(WriteCondition.ifAbsent()));
            return true;
        } catch (PreconditionFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<byte[]> document(String name) {
        try {
            return Optional.of(store.readAllBytes(documentKey(name)));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("encoding PKI state failed", e);
        }
    }

    private <T> T read(byte[] bytes, Class<T> type) {
        try {
            return json.readValue(bytes, type);
        } catch (IOException e) {
            throw new IllegalStateException("stored PKI state is not valid " + type.getSimpleName() + " JSON: "
                    + e.getMessage(), e);
        }
    }
}
