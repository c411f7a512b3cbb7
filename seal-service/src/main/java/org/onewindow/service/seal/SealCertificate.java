package org.onewindow.service.seal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.onewindow.service.keys.KeyRef;
import org.onewindow.service.pki.IssuedCertificate;
import org.onewindow.service.pki.Pem;

/**
 * One certificate a seal has had (the current one, or an older one kept after a rotation so that old signatures
 * stay verifiable).
 *
 * @param caId      the issuing CA of this service, or {@code null} for a certificate from an outside CA (imported)
 * @param serial    serial number, lower-case hex
 * @param subject   RFC 2253 subject
 * @param issuer    RFC 2253 issuer
 * @param notBefore start of validity
 * @param notAfter  end of validity
 * @param keyRef    the key in custody ({@code custody:alias}); after a rotation the old key is destroyed
 * @param chainPem  the chain, leaf first, up to the root
 * @param retiredAt when a rotation replaced it, or {@code null} for the current certificate
 */
public record SealCertificate(String caId, String serial, String subject, String issuer, Instant notBefore,
                              Instant notAfter, String keyRef, List<String> chainPem, Instant retiredAt) {
    public SealCertificate {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(keyRef, "keyRef");
        chainPem = List.copyOf(chainPem);
        if (chainPem.isEmpty()) {
            throw new IllegalArgumentException("a seal certificate needs its chain");
        }
    }

    /** Describes {@code chain} (leaf first) held under {@code key}. */
    static SealCertificate of(String caId, List<X509Certificate> chain, KeyRef key) {
        X509Certificate leaf = chain.get(0);
        return new SealCertificate(caId, IssuedCertificate.hex(leaf.getSerialNumber()),
                leaf.getSubjectX500Principal().getName(), leaf.getIssuerX500Principal().getName(),
                leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(), key.toString(),
                chain.stream().map(Pem::encode).toList(), null);
    }

    public KeyRef key() {
        return KeyRef.parse(keyRef);
    }

    /** The chain as certificates, leaf first. */
    public List<X509Certificate> chain() {
        return chainPem.stream().map(Pem::certificate).toList();
    }

    public X509Certificate certificate() {
        return Pem.certificate(chainPem.get(0));
    }

    SealCertificate retired(Instant at) {
        return new SealCertificate(caId, serial, subject, issuer, notBefore, notAfter, keyRef, chainPem, at);
    }
}
