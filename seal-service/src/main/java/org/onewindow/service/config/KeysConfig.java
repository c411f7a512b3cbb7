package org.onewindow.service.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

import org.onewindow.service.keys.KeySpec;

/**
 * Key custody and time-stamping settings.
 *
 * @param keystorePassphrase encrypts every PKCS#12 file the service stores (seal and CA keys); from
 *                           {@code ONEWINDOW_KEYSTORE_PASSPHRASE} or {@code ONEWINDOW_KEYSTORE_PASSPHRASE_FILE}
 * @param demoPassphrase     true when neither was set and the published demo passphrase is used (embedded demo
 *                           mode only: anyone who reads the storage can then decrypt the keys)
 * @param sealKeySpec        key type of new seals ({@code ONEWINDOW_SEAL_KEY_TYPE}: rsa-2048, rsa-3072, ec-p256)
 * @param seedSeals          whether the first start creates the default seals ({@code ONEWINDOW_DEMO_SEALS})
 * @param pkcs11             the PKCS#11 token new seal keys are generated in ({@code ONEWINDOW_SEAL_CUSTODY=pkcs11}),
 *                           or {@code null} for encrypted PKCS#12 files in storage (the default); CA, OCSP and TSA
 *                           keys stay in PKCS#12 either way
 * @param tsaUrl             external RFC 3161 TSA used for time-stamps ({@code ONEWINDOW_TSA_URL}), or {@code null}
 *                           for this service's own TSA
 */
public record KeysConfig(Secret keystorePassphrase, boolean demoPassphrase, KeySpec sealKeySpec, boolean seedSeals,
                         Pkcs11 pkcs11, URI tsaUrl) {
    /** The published passphrase of the embedded demo mode. Never use it with real seals. */
    public static final String DEMO_PASSPHRASE = "onewindow-demo-keystore-passphrase";

    public KeysConfig {
        Objects.requireNonNull(keystorePassphrase, "keystorePassphrase");
        Objects.requireNonNull(sealKeySpec, "sealKeySpec");
    }

    /** PKCS#12 custody, local TSA. */
    public KeysConfig(Secret keystorePassphrase, boolean demoPassphrase, KeySpec sealKeySpec, boolean seedSeals) {
        this(keystorePassphrase, demoPassphrase, sealKeySpec, seedSeals, null, null);
    }

    /**
     * A PKCS#11 token for seal keys.
     *
     * @param library   the PKCS#11 module ({@code ONEWINDOW_PKCS11_LIBRARY})
     * @param slot      the slot id ({@code ONEWINDOW_PKCS11_SLOT}), or {@code null} to use {@code slotIndex}
     * @param slotIndex index into the module's slot list ({@code ONEWINDOW_PKCS11_SLOT_INDEX}, default 0)
     * @param pin       the user PIN ({@code ONEWINDOW_PKCS11_PIN} or {@code ONEWINDOW_PKCS11_PIN_FILE})
     */
    public record Pkcs11(Path library, Long slot, int slotIndex, Secret pin) {
        public Pkcs11 {
            Objects.requireNonNull(library, "library");
            Objects.requireNonNull(pin, "pin");
        }
    }

    /** Parses {@code rsa-2048}, {@code rsa-3072} or {@code ec-p256} (case-insensitive); empty for anything else. */
    public static java.util.Optional<KeySpec> parseKeySpec(String value) {
        return switch (value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "rsa-2048", "rsa2048" -> java.util.Optional.of(KeySpec.RSA_2048);
            case "rsa-3072", "rsa3072" -> java.util.Optional.of(KeySpec.RSA_3072);
            case "ec-p256", "p-256", "p256", "ecdsa-p256" -> java.util.Optional.of(KeySpec.EC_P256);
            default -> java.util.Optional.empty();
        };
    }
}
