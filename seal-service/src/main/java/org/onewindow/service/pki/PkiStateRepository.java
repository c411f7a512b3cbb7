package org.onewindow.service.pki;

import java.util.List;
import java.util.Optional;

/**
 * Where PKI state lives: CA records and each CA's issued-certificate index (with revocation status). Updates are
 * conditional so that two service instances never overwrite each other's revocations.
 */
public interface PkiStateRepository {

    /** Stores a new CA record. @throws PkiStateConflictException when the id is taken */
    void createCa(CaRecord record);

    Optional<CaRecord> findCa(String caId);

    /** All CA records, sorted by id. */
    List<CaRecord> listCas();

    /** The CA's index; an empty index with a {@code null} version when none is stored. */
    Versioned<CertificateIndex> index(String caId);

    /**
     * Replaces the index when the stored version is still {@code expectedVersion} ({@code null}: nothing stored).
     *
     * @return whether it was written; {@code false} when another writer got there first
     */
    boolean replaceIndex(CertificateIndex index, String expectedVersion);

    /** Stores a small named PKI document (e.g. the demo hierarchy) if absent; returns whether it was written. */
    boolean putDocumentIfAbsent(String name, byte[] content);

    Optional<byte[]> document(String name);
}
