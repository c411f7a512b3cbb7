package org.onewindow.service.pki;

import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.onewindow.service.keys.KeyCustody;
import org.onewindow.service.keys.KeyImportException;
import org.onewindow.service.keys.KeyRef;

/**
 * The production path: import the center's real CA chain and the seal certificates and keys it issued (PKCS#12),
 * instead of (or besides) the demo PKI.
 */
public final class PkiImport {
    private final PkiStateRepository repository;
    private final Clock clock;

    public PkiImport(PkiStateRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * Records an external CA chain as trusted (we hold no key: no issuing, no CRL/OCSP from us).
     *
     * @param chain the CA certificate first, up to its root; each certificate must be a CA and signed by the next
     * @throws PkiImportException when the chain is broken or not of CAs
     */
    public CaRecord importTrustedChain(String caId, List<X509Certificate> chain) {
        checkCaChain(chain);
        CaRecord record = new CaRecord(caId, CaRecord.selfSigned(chain.get(0)) ? CertificateKind.ROOT_CA
                : CertificateKind.SUBORDINATE_CA, null, chain.stream().map(Pem::encode).toList(), false, clock.instant());
        repository.createCa(record);
        return record;
    }

    /**
     * Imports a CA whose key we are to hold (PKCS#12 with the CA key and chain) into custody, so this service issues
     * seal certificates and publishes CRL/OCSP for it.
     */
    public CaRecord importOperatedCa(String caId, KeyCustody custody, String keyAlias, byte[] pkcs12, char[] passphrase) {
        if (repository.findCa(caId).isPresent()) {
            throw new PkiStateConflictException("CA id '" + caId + "' is taken");
        }
        List<X509Certificate> chain = chainOf(pkcs12, passphrase);
        checkCaChain(chain);
        KeyRef key = custody.importPkcs12(keyAlias, pkcs12, passphrase);
        CaRecord record = new CaRecord(caId, CaRecord.selfSigned(chain.get(0)) ? CertificateKind.ROOT_CA
                : CertificateKind.SUBORDINATE_CA, key.toString(), chain.stream().map(Pem::encode).toList(), false,
                clock.instant());
        try {
            repository.createCa(record);
        } catch (RuntimeException e) {
            custody.delete(key);
            throw e;
        }
        return record;
    }

    /**
     * Imports a seal key and certificate chain (PKCS#12) into custody after validating the chain against the trusted
     * CA certificates. Nothing is stored when validation fails.
     *
     * @return the key reference for the seal registry
     */
    public KeyRef importSeal(KeyCustody custody, String keyAlias, byte[] pkcs12, char[] passphrase,
                             List<X509Certificate> trustAnchors) {
        List<X509Certificate> chain = chainOf(pkcs12, passphrase);
        CertificateChains.validate(chain, trustAnchors, clock.instant());
        boolean[] usage = chain.get(0).getKeyUsage();
        if (usage != null && !usage[0] && !usage[1]) {
            throw new PkiImportException("the seal certificate allows neither digitalSignature nor nonRepudiation");
        }
        return custody.importPkcs12(keyAlias, pkcs12, passphrase);
    }

    /** The self-signed roots of every CA record known: the trust anchors for imported chains. */
    public List<X509Certificate> trustedRoots() {
        return CaRecord.roots(repository.listCas());
    }

    private static List<X509Certificate> chainOf(byte[] pkcs12, char[] passphrase) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(pkcs12), passphrase);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Certificate[] chain = store.getCertificateChain(alias);
                    if (chain != null && chain.length > 0) {
                        List<X509Certificate> certificates = new ArrayList<>();
                        for (Certificate certificate : chain) {
                            certificates.add((X509Certificate) certificate);
                        }
                        return certificates;
                    }
                }
            }
        } catch (Exception e) {
            throw new KeyImportException("the PKCS#12 file cannot be opened: wrong passphrase or not a PKCS#12 file");
        }
        throw new KeyImportException("the PKCS#12 file holds no private key with a certificate");
    }

    private static void checkCaChain(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new PkiImportException("the CA chain is empty");
        }
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate certificate = chain.get(i);
            if (certificate.getBasicConstraints() < 0) {
                throw new PkiImportException("certificate " + i + " (" + certificate.getSubjectX500Principal()
                        + ") is not a CA certificate");
            }
            if (i + 1 < chain.size()) {
                X509Certificate issuer = chain.get(i + 1);
                try {
                    certificate.verify(issuer.getPublicKey());
                } catch (Exception e) {
                    throw new PkiImportException("certificate " + i + " (" + certificate.getSubjectX500Principal()
                            + ") is not signed by the next certificate in the chain");
                }
            }
            // The last certificate may be the root (self-signed) or a CA whose issuers are not given.
        }
    }
}
