package org.onewindow.service.pki;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** PKI state in memory, for a single process that needs no persistence (tools, tests of other parts). */
public final class InMemoryPkiStateRepository implements PkiStateRepository {
    private final Map<String, CaRecord> cas = new ConcurrentHashMap<>();
    private final Map<String, Versioned<CertificateIndex>> indexes = new ConcurrentHashMap<>();
    private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
    private final AtomicLong versions = new AtomicLong();

    @Override
    public void createCa(CaRecord record) {
        if (cas.putIfAbsent(record.caId(), record) != null) {
            throw new PkiStateConflictException("CA id '" + record.caId() + "' is taken");
        }
    }

    @Override
    public Optional<CaRecord> findCa(String caId) {
        return Optional.ofNullable(cas.get(caId));
    }

    @Override
    public List<CaRecord> listCas() {
        List<CaRecord> list = new ArrayList<>(cas.values());
        list.sort((a, b) -> a.caId().compareTo(b.caId()));
        return list;
    }

    @Override
    public Versioned<CertificateIndex> index(String caId) {
        return indexes.getOrDefault(caId, new Versioned<>(CertificateIndex.empty(caId), null));
    }

    @Override
    public synchronized boolean replaceIndex(CertificateIndex index, String expectedVersion) {
        Versioned<CertificateIndex> current = indexes.get(index.caId());
        String currentVersion = current == null ? null : current.version();
        if (!Objects.equals(currentVersion, expectedVersion)) {
            return false;
        }
        indexes.put(index.caId(), new Versioned<>(index, Long.toString(versions.incrementAndGet())));
        return true;
    }

    @Override
    public boolean putDocumentIfAbsent(String name, byte[] content) {
        return documents.putIfAbsent(name, content.clone()) == null;
    }

    @Override
    public Optional<byte[]> document(String name) {
        return Optional.ofNullable(documents.get(name)).map(byte[]::clone);
    }
}
