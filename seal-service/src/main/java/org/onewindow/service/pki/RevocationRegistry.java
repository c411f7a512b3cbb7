package org.onewindow.service.pki;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The issued-certificate index and revocation status of every CA, read fresh from the {@link PkiStateRepository}
 * on each query, so a suspension or revocation shows in the next CRL and OCSP answer of any instance.
 */
public final class RevocationRegistry {
    private static final int ATTEMPTS = 25;

    private final PkiStateRepository repository;
    private final Clock clock;
    /** Writers in this process queue per CA; conditional writes then only race against other instances. */
    private final java.util.concurrent.ConcurrentHashMap<String, Object> locks = new java.util.concurrent.ConcurrentHashMap<>();

    public RevocationRegistry(PkiStateRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Records a newly issued certificate as good. */
    public void record(String caId, X509Certificate certificate, CertificateKind kind) {
        IssuedCertificate entry = IssuedCertificate.of(certificate, kind);
        update(caId, index -> {
            if (index.find(entry.serial()).isPresent()) {
                throw new PkiStateConflictException("CA " + caId + " already issued serial " + entry.serial());
            }
            return index.with(entry);
        });
    }

    /**
     * Revokes a certificate (also one that is suspended).
     *
     * @throws RevocationStateException when it is already revoked
     */
    public IssuedCertificate revoke(String caId, BigInteger serial, RevocationReason reason) {
        if (reason == RevocationReason.CERTIFICATE_HOLD) {
            throw new IllegalArgumentException("certificateHold is a suspension: use suspend()");
        }
        return change(caId, serial, entry -> {
            if (entry.state() == IssuedCertificate.State.REVOKED) {
                throw new RevocationStateException("certificate " + entry.serial() + " of CA " + caId
                        + " is already revoked");
            }
            return entry.withState(IssuedCertificate.State.REVOKED, now(), reason);
        });
    }

    /**
     * Puts a good certificate on hold (CRLReason certificateHold).
     *
     * @throws RevocationStateException when it is revoked or already suspended
     */
    public IssuedCertificate suspend(String caId, BigInteger serial) {
        return change(caId, serial, entry -> {
            if (entry.state() != IssuedCertificate.State.GOOD) {
                throw new RevocationStateException("certificate " + entry.serial() + " of CA " + caId + " is "
                        + entry.state().name().toLowerCase() + ", only a good certificate can be suspended");
            }
            return entry.withState(IssuedCertificate.State.SUSPENDED, now(), null);
        });
    }

    /**
     * Lifts a suspension.
     *
     * @throws RevocationStateException when it is not suspended
     */
    public IssuedCertificate reinstate(String caId, BigInteger serial) {
        return change(caId, serial, entry -> {
            if (entry.state() != IssuedCertificate.State.SUSPENDED) {
                throw new RevocationStateException("certificate " + entry.serial() + " of CA " + caId
                        + " is not suspended");
            }
            return entry.withState(IssuedCertificate.State.GOOD, null, null);
        });
    }

    /** The status of a serial number: {@link CertificateStatus.Unknown} when this CA did not issue it. */
    public CertificateStatus status(String caId, BigInteger serial) {
        return repository.index(caId).value().find(IssuedCertificate.hex(serial))
                .map(IssuedCertificate::status)
                .orElse(new CertificateStatus.Unknown());
    }

    /** @throws CertificateNotFoundException when this CA did not issue it */
    public IssuedCertificate get(String caId, BigInteger serial) {
        return repository.index(caId).value().find(IssuedCertificate.hex(serial))
                .orElseThrow(() -> new CertificateNotFoundException("CA " + caId + " has not issued serial "
                        + IssuedCertificate.hex(serial)));
    }

    /** Everything the CA issued, in issuing order. */
    public List<IssuedCertificate> issued(String caId) {
        return repository.index(caId).value().entries();
    }

    private Instant now() {
        return clock.instant();
    }

    private IssuedCertificate change(String caId, BigInteger serial, UnaryOperator<IssuedCertificate> change) {
        String hex = IssuedCertificate.hex(serial);
        IssuedCertificate[] result = new IssuedCertificate[1];
        update(caId, index -> {
            IssuedCertificate entry = index.find(hex).orElseThrow(() -> new CertificateNotFoundException(
                    "CA " + caId + " has not issued serial " + hex));
            result[0] = change.apply(entry);
            return index.with(result[0]);
        });
        return result[0];
    }

    private void update(String caId, UnaryOperator<CertificateIndex> change) {
        synchronized (locks.computeIfAbsent(caId, id -> new Object())) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Versioned<CertificateIndex> current = repository.index(caId);
                CertificateIndex updated = change.apply(current.value());
                if (repository.replaceIndex(updated, current.version())) {
                    return;
                }
                backOff(attempt);
            }
        }
        throw new PkiStateConflictException("the certificate index of CA " + caId
                + " kept changing; update not applied, try again");
    }

    /** Another instance won the race: wait a random, growing moment so the two stop colliding. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 5L * (attempt + 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PkiStateConflictException("interrupted while updating the certificate index");
        }
    }
}
