package org.onewindow.service.seal;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.onewindow.service.audit.AuditLog;
import org.onewindow.service.config.Config;
import org.onewindow.service.config.KeysConfig;
import org.onewindow.service.errors.ConflictException;
import org.onewindow.service.keys.KeyCustodies;
import org.onewindow.service.keys.KeyCustody;
import org.onewindow.service.keys.Pkcs11CustodyConfig;
import org.onewindow.service.keys.Pkcs11KeyCustody;
import org.onewindow.service.keys.Pkcs12CustodyConfig;
import org.onewindow.service.keys.Pkcs12KeyCustody;
import org.onewindow.service.keys.SecretSource;
import org.onewindow.service.pki.DemoPki;
import org.onewindow.service.pki.ObjectStorePkiStateRepository;
import org.onewindow.service.pki.PkiServices;
import org.onewindow.service.pki.PkiUrls;
import org.onewindow.service.pki.TimeStamper;
import org.onewindow.service.pki.TsaConfig;
import org.onewindow.storage.ObjectStore;

/**
 * Key custody, PKI and seal registry wired from the configuration: what {@link org.onewindow.service.Application}
 * and the {@code seals} CLI commands both build.
 *
 * @param custodies   key custodies; the default one is where new seal keys go: PKCS#12 in the object store, or
 *                    the PKCS#11 token with {@code ONEWINDOW_SEAL_CUSTODY=pkcs11} (PKCS#12 keys stay usable then)
 * @param pki         CAs, revocation, CRL, OCSP, TSA (demo hierarchy created on first start; its keys always in
 *                    PKCS#12)
 * @param registry    the seal registry
 * @param authorizer  who may apply which seal
 * @param seeder      the default seals of a fresh install
 * @param timeStamper where signing code gets RFC 3161 time-stamps: the external {@code ONEWINDOW_TSA_URL} when set,
 *                    otherwise this service's own TSA in process
 */
public record SealServices(KeyCustodies custodies, PkiServices pki, SealRegistry registry, SealAuthorizer authorizer,
                           SealSeeder seeder, TimeStamper timeStamper) {
    /** CRL lifetime (nextUpdate - thisUpdate); a suspension shows at once anyway, CRLs are issued per request. */
    public static final Duration CRL_VALIDITY = Duration.ofHours(24);
    private static final int PKI_START_ATTEMPTS = 12;
    /** OCSP response lifetime. */
    public static final Duration OCSP_VALIDITY = Duration.ofMinutes(10);
    /** Time allowed to an external TSA to answer. */
    public static final Duration TSA_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Builds everything over {@code store}; creates the demo PKI on first start (not the seals: call
     * {@link SealSeeder#seedIfNeeded()}).
     */
    public static SealServices start(Config config, ObjectStore store, AuditLog audit, Clock clock) {
        Pkcs12KeyCustody custody = new Pkcs12KeyCustody(store,
                Pkcs12CustodyConfig.defaults(SecretSource.environment(Config.KEYSTORE_PASSPHRASE)),
                Map.of(Config.KEYSTORE_PASSPHRASE, config.keys().keystorePassphrase().reveal()));
        KeyCustodies pkiCustodies = KeyCustodies.of(custody);
        KeyCustodies custodies = pkiCustodies;
        KeysConfig.Pkcs11 token = config.keys().pkcs11();
        if (token != null) {
            // New seal keys go to the token; the CAs (whose default custody makes the demo keys) stay in PKCS#12.
            // Both lists hold both custodies: a KeyRef finds its custody by id, so older PKCS#12 seals keep working.
            KeyCustody hsm = new Pkcs11KeyCustody(new Pkcs11CustodyConfig("hsm", token.library(), token.slot(),
                    token.slotIndex(), SecretSource.environment(Config.PKCS11_PIN)),
                    Map.of(Config.PKCS11_PIN, token.pin().reveal()));
            pkiCustodies = new KeyCustodies(custody, List.of(hsm));
            custodies = new KeyCustodies(hsm, List.of(custody));
        }
        PkiServices pki = startPki(config, store, pkiCustodies, clock);
        DepartmentDirectory departments = DepartmentDirectory.builtIn();
        SealAuthorizer authorizer = new SealAuthorizer(departments, audit, clock);
        SealRegistry registry = new SealRegistry(new SealStore(store), custodies, pki, authorizer, audit,
                SealRegistry.Settings.defaults().withDefaultKeySpec(config.keys().sealKeySpec()), clock);
        SealSeeder seeder = new SealSeeder(registry, departments, store, clock,
                Math.max(2, Runtime.getRuntime().availableProcessors()));
        TimeStamper timeStamper = config.keys().tsaUrl() == null ? TimeStamper.local(pki.tsa())
                : TimeStamper.http(config.keys().tsaUrl(),
                        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), TSA_TIMEOUT);
        return new SealServices(custodies, pki, registry, authorizer, seeder, timeStamper);
    }

    /**
     * Starts the PKI. Two instances creating the demo hierarchy at the same moment collide on its key aliases or
     * CA records (a conflict); the loser waits and tries again, then finds what the winner made.
     */
    private static PkiServices startPki(Config config, ObjectStore store, KeyCustodies custodies, Clock clock) {
        ConflictException last = null;
        for (int attempt = 0; attempt < PKI_START_ATTEMPTS; attempt++) {
            try {
                return PkiServices.start(new ObjectStorePkiStateRepository(store), custodies,
                        new PkiUrls(config.publicUrl().toString()), DemoPki.Settings.defaults(), TsaConfig.defaults(),
                        CRL_VALIDITY, OCSP_VALIDITY, clock);
            } catch (ConflictException e) {
                last = e;
                try {
                    Thread.sleep(250L * (attempt + 1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        throw last;
    }
}
