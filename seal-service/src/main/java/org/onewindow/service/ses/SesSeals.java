package org.onewindow.service.ses;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.onewindow.service.keys.KeyCustody;
import org.onewindow.service.keys.KeyRef;
import org.onewindow.service.keys.KeySpec;
import org.onewindow.service.pki.CertificateAuthority;
import org.onewindow.service.pki.CertificateRequest;
import org.onewindow.service.pki.CertificateStatus;
import org.onewindow.service.pki.CertificateSubject;
import org.onewindow.service.pki.IssuedCertificate;
import org.onewindow.service.pki.Pem;
import org.onewindow.service.pki.PkiServices;
import org.onewindow.service.pki.RevocationReason;
import org.onewindow.service.pki.RevocationStateException;
import org.onewindow.service.seal.Seal;
import org.onewindow.service.seal.SealKind;
import org.onewindow.service.seal.SealServices;
import org.onewindow.service.seal.SealStateException;
import org.onewindow.service.seal.SealStatus;
import org.onewindow.service.seal.SigningIdentity;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PreconditionFailedException;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.WriteCondition;

/**
 * The SM2 side of the registry's seals: each seal gets an SM2 signer certificate from the SM2 issuing CA (same
 * subject as its RSA/ECDSA certificate, key in the PKCS#12 custody) and a GB/T 38540 {@code SESeal} made by the
 * center's seal maker key. Both are made on first use and stored beside the PKI objects:
 * <ul>
 *   <li>{@code pki/sm2-seals/{sealId}.json}: {@link Sm2SealCertificate};</li>
 *   <li>{@code pki/ses/{sealId}.der}: the {@code SESeal}.</li>
 * </ul>
 * Both are written create-if-absent; an instance that loses the race revokes its own certificate (superseded),
 * deletes its key and uses the winner's. The SM2 certificate follows the seal's status on every read: a suspended
 * seal's SM2 certificate is put on hold, a revoked seal's is revoked, a resumed seal's reinstated.
 */
public final class SesSeals {
    static final String CERTIFICATE_PREFIX = "pki/sm2-seals/";
    static final String SES_PREFIX = "pki/ses/";
    /** Media type of a DER SESeal. */
    public static final String SES_CONTENT_TYPE = "application/octet-stream";

    private final SealServices seals;
    private final ObjectStore store;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /**
     * The stored SM2 signer certificate of a seal.
     *
     * @param sealId    the registry seal
     * @param caId      the SM2 CA that issued it
     * @param serial    lower-case hex serial
     * @param keyRef    the SM2 key in custody
     * @param chainPem  leaf first, up to the SM2 root
     * @param createdAt when it was issued
     */
    public record Sm2SealCertificate(String sealId, String caId, String serial, String keyRef, List<String> chainPem,
                                     Instant createdAt) {
        public Sm2SealCertificate {
            chainPem = List.copyOf(chainPem);
        }

        public KeyRef key() {
            return KeyRef.parse(keyRef);
        }

        public List<X509Certificate> chain() {
            return chainPem.stream().map(Pem::certificate).toList();
        }
    }

    public SesSeals(SealServices seals, ObjectStore store, Clock clock) {
        this.seals = Objects.requireNonNull(seals, "seals");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private PkiServices pki() {
        return seals.pki();
    }

    /** SM2 keys live in the PKI's default custody (PKCS#12): PKCS#11 tokens here have no SM2 mechanism. */
    private KeyCustody sm2Custody() {
        return pki().custodies().defaultCustody();
    }

    /**
     * The seal's SM2 signer certificate, issued on first use (only for an active seal).
     *
     * @throws org.onewindow.service.seal.SealNotFoundException when there is no such seal
     * @throws SealStateException                               when the seal is not active and has none yet
     */
    public Sm2SealCertificate sm2Certificate(String sealId) {
        Seal seal = seals.registry().get(sealId);
        Optional<Sm2SealCertificate> stored = readCertificate(sealId);
        if (stored.isPresent()) {
            followStatus(seal, stored.get());
            return stored.get();
        }
        if (seal.status() != SealStatus.ACTIVE) {
            throw new SealStateException("seal " + sealId + " is " + seal.status().name().toLowerCase()
                    + ": no SM2 certificate is issued for it");
        }
        KeyCustody custody = sm2Custody();
        CertificateAuthority ca = pki().sm2().issuing();
        KeyRef key = custody.generateKey("seal-" + sealId + "-sm2-" + UUID.randomUUID().toString().substring(0, 8),
                KeySpec.SM2);
        X509Certificate issued = null;
        try {
            Instant notAfter = seal.certificate().notAfter();
            Duration validity = Duration.between(clock.instant(), notAfter);
            if (validity.isNegative() || validity.isZero()) {
                throw new SealStateException("seal " + sealId + "'s certificate has expired: no SM2 certificate");
            }
            issued = ca.issueAndInstall(CertificateRequest.seal(subjectOf(seal), custody.publicKey(key), validity),
                    custody, key);
            Sm2SealCertificate record = new Sm2SealCertificate(sealId, ca.id(),
                    IssuedCertificate.hex(issued.getSerialNumber()), key.toString(),
                    custody.certificateChain(key).stream().map(Pem::encode).toList(), clock.instant());
            store.put(CERTIFICATE_PREFIX + sealId + ".json", json.writeValueAsBytes(record),
                    PutOptions.of("application/json").withCondition(WriteCondition.ifAbsent()));
            return record;
        } catch (PreconditionFailedException raced) {
            discard(ca, issued, custody, key);
            return readCertificate(sealId).orElseThrow(() -> raced);
        } catch (IOException e) {
            discard(ca, issued, custody, key);
            throw new IllegalStateException("encoding the SM2 certificate record failed", e);
        } catch (RuntimeException e) {
            discard(ca, issued, custody, key);
            throw e;
        }
    }

    /**
     * The seal's GB/T 38540 version-4 {@code SESeal} (DER), made on first use: type, the seal's name, its SM2 signer
     * certificate as the certificate list, valid from now to the end of that certificate (or of the maker's, when
     * earlier), its PNG with the printed size in millimetres, signed by the center's seal maker key.
     */
    public byte[] sesSeal(String sealId) {
        Sm2SealCertificate certificate = sm2Certificate(sealId);
        String key = SES_PREFIX + sealId + ".der";
        if (store.head(key).isPresent()) {
            return store.readAllBytes(key);
        }
        Seal seal = seals.registry().get(sealId);
        X509Certificate signer = certificate.chain().get(0);
        SesSealMaker maker = maker();
        Instant validEnd = signer.getNotAfter().toInstant();
        Instant makerEnd = maker.makerCertificate().getNotAfter().toInstant();
        if (makerEnd.isBefore(validEnd)) {
            validEnd = makerEnd;
        }
        byte[] der = maker.make(new SesSealRequest(sealId,
                seal.kind() == SealKind.PERSONAL ? SesSealType.PERSONAL : SesSealType.ORGANIZATION,
                seal.displayName(), List.of(signer), clock.instant(), validEnd, "png",
                seals.registry().png(sealId), (int) Math.round(seal.image().widthMm()),
                (int) Math.round(seal.image().heightMm())));
        try {
            store.put(key, der, PutOptions.of(SES_CONTENT_TYPE).withCondition(WriteCondition.ifAbsent()));
            return der;
        } catch (PreconditionFailedException raced) {
            return store.readAllBytes(key);
        }
    }

    /** The seal maker over the center's SM2 seal maker key. */
    public SesSealMaker maker() {
        KeyRef makerKey = pki().sm2().sealMaker();
        return new SesSealMaker(pki().custodies().forRef(makerKey), makerKey, SesSealMaker.DEFAULT_VENDOR_ID, clock);
    }

    /**
     * The SM2 side of an authorized use: pass the {@link SigningIdentity} that
     * {@code SealRegistry.signingIdentity(principal, id, context)} returned (audited as {@code seal.use}).
     */
    public Sm2SealIdentity signingIdentity(SigningIdentity authorized) {
        String sealId = authorized.seal().id();
        Sm2SealCertificate certificate = sm2Certificate(sealId);
        if (seals.registry().get(sealId).status() != SealStatus.ACTIVE) {
            throw new SealStateException("seal " + sealId + " is not active");
        }
        KeyRef key = certificate.key();
        return new Sm2SealIdentity(sealId, pki().custodies().forRef(key), key, certificate.chain(), sesSeal(sealId));
    }

    /** A verifier trusting this service's CAs, with its OCSP responder and CRLs. */
    public SesSealVerifier verifier() {
        return SesSealVerifier.forPki(pki(), clock);
    }

    private Optional<Sm2SealCertificate> readCertificate(String sealId) {
        String key = CERTIFICATE_PREFIX + sealId + ".json";
        if (store.head(key).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(store.readAllBytes(key), Sm2SealCertificate.class));
        } catch (IOException e) {
            throw new IllegalStateException("the stored SM2 certificate record " + key + " is not valid JSON", e);
        }
    }

    /** Keeps the SM2 certificate's status in step with the seal's live status. */
    private void followStatus(Seal seal, Sm2SealCertificate record) {
        var serial = new java.math.BigInteger(record.serial(), 16);
        var registry = pki().registry();
        CertificateStatus status = registry.status(record.caId(), serial);
        try {
            switch (seal.status()) {
                case REVOKED -> {
                    if (!(status instanceof CertificateStatus.Revoked)) {
                        registry.revoke(record.caId(), serial, RevocationReason.CESSATION_OF_OPERATION);
                    }
                }
                case SUSPENDED -> {
                    if (status instanceof CertificateStatus.Good) {
                        registry.suspend(record.caId(), serial);
                    }
                }
                case ACTIVE -> {
                    if (status instanceof CertificateStatus.Suspended) {
                        registry.reinstate(record.caId(), serial);
                    }
                }
            }
        } catch (RevocationStateException concurrent) {
            // another instance changed it at the same moment; the next read settles it
        }
    }

    private static CertificateSubject subjectOf(Seal seal) {
        return CertificateSubject.of(seal.certificate().certificate(), seal.displayName(), seal.owner().name());
    }

    private void discard(CertificateAuthority ca, X509Certificate issued, KeyCustody custody, KeyRef key) {
        try {
            if (issued != null) {
                pki().registry().revoke(ca.id(), issued.getSerialNumber(), RevocationReason.SUPERSEDED);
            }
        } catch (RuntimeException ignored) {
            // best effort: an unused certificate stays good but its key is gone below
        }
        custody.delete(key);
    }
}
