package org.onewindow.service.config;

import java.util.Objects;

import org.onewindow.service.keys.KeySpec;

/**
 * Key custody settings.
 *
 * @param keystorePassphrase encrypts every PKCS#12 file the service stores (seal and CA keys); from
 *                           {@code ONEWINDOW_KEYSTORE_PASSPHRASE} or {@code ONEWINDOW_KEYSTORE_PASSPHRASE_FILE}
 * @param demoPassphrase     true when neither was set and the published demo passphrase is used (embedded demo
 *                           mode only: anyone who reads the storage can then decrypt the keys)
 * @param sealKeySpec        key type of new seals ({@code ONEWINDOW_SEAL_KEY_TYPE}: rsa-2048, rsa-3072, ec-p256)
 * @param seedSeals          whether the first start creates the default seals ({@code ONEWINDOW_DEMO_SEALS})
 */
public record KeysConfig(Secret keystorePassphrase, boolean demoPassphrase, KeySpec sealKeySpec, boolean seedSeals) {
    /** The published passphrase of the embedded demo mode. Never use it with real seals. */
    public static final String DEMO_PASSPHRASE = "onewindow-demo-keystore-passphrase";

    public KeysConfig {
        Objects.requireNonNull(keystorePassphrase, "keystorePassphrase");
        Objects.requireNonNull(sealKeySpec, "sealKeySpec");
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
