package org.onewindow.service.pki;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.onewindow.service.keys.KeyCustodies;

/** The CAs known to this service, loaded from the {@link PkiStateRepository} with their keys' custodies. */
public final class CertificateAuthorities {
    private final PkiStateRepository repository;
    private final KeyCustodies custodies;
    private final RevocationRegistry registry;
    private final PkiUrls urls;
    private final Clock clock;
    private final Map<String, CertificateAuthority> loaded = new ConcurrentHashMap<>();

    public CertificateAuthorities(PkiStateRepository repository, KeyCustodies custodies, RevocationRegistry registry,
                                  PkiUrls urls, Clock clock) {
        this.repository = repository;
        this.custodies = custodies;
        this.registry = registry;
        this.urls = urls;
        this.clock = clock;
    }

    /** A CA whose key is in custody (it can issue, publish CRLs, answer OCSP). */
    public Optional<CertificateAuthority> find(String caId) {
        CertificateAuthority cached = loaded.get(caId);
        if (cached != null) {
            return Optional.of(cached);
        }
        return repository.findCa(caId).filter(CaRecord::holdsKey).map(record -> loaded.computeIfAbsent(caId,
                id -> new CertificateAuthority(record, custodies.forRef(record.key()), registry, urls, clock)));
    }

    /** @throws CaNotFoundException when there is no CA with this id whose key is in custody */
    public CertificateAuthority get(String caId) {
        return find(caId).orElseThrow(() -> new CaNotFoundException("no certification authority '" + caId + "'"));
    }

    /** Every CA record, including external (imported trust-only) ones. */
    public List<CaRecord> records() {
        return repository.listCas();
    }

    /** The trust anchors: the self-signed roots of every CA record (demo root, imported roots). */
    public List<X509Certificate> trustedRoots() {
        return CaRecord.roots(records());
    }

    /** The CAs whose keys are in custody. */
    public List<CertificateAuthority> operated() {
        return repository.listCas().stream().filter(CaRecord::holdsKey).map(r -> get(r.caId())).toList();
    }

    /**
     * The CA certificate (DER), for {@code GET /pki/ca/{caId}.cer} (AIA caIssuers).
     *
     * @throws CaNotFoundException when unknown
     */
    public byte[] caCertificate(String caId) {
        CaRecord record = repository.findCa(caId)
                .orElseThrow(() -> new CaNotFoundException("no certification authority '" + caId + "'"));
        try {
            return record.certificate().getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("stored CA certificate cannot be encoded", e);
        }
    }

    public RevocationRegistry registry() {
        return registry;
    }

    public PkiUrls urls() {
        return urls;
    }
}
