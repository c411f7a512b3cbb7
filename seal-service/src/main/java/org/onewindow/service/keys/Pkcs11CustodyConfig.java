package org.onewindow.service.keys;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Configuration of {@link Pkcs11KeyCustody}: which PKCS#11 module and slot, and where the user PIN comes from.
 *
 * @param custodyId     the custody's id, e.g. {@code hsm}
 * @param library       the PKCS#11 module, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
 * @param slot          the token's slot id, or {@code null} to use {@code slotListIndex}
 * @param slotListIndex index into the module's slot list when {@code slot} is null (usually 0)
 * @param pin           where the user PIN comes from
 */
public record Pkcs11CustodyConfig(String custodyId, Path library, Long slot, int slotListIndex, SecretSource pin) {
    public Pkcs11CustodyConfig {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(pin, "pin");
        custodyId = custodyId == null ? "hsm" : custodyId;
        new KeyRef(custodyId, "probe");
        if (slotListIndex < 0) {
            throw new IllegalArgumentException("slotListIndex must not be negative");
        }
    }

    /**
     * The SunPKCS11 configuration. Keys generated or imported through it are token objects, private, sensitive and
     * not extractable; generated public keys stay session objects (the certificate carries the public key).
     */
    public String sunPkcs11Config() {
        StringBuilder text = new StringBuilder();
        text.append("name = onewindow-").append(custodyId.replaceAll("[^A-Za-z0-9]", "")).append('\n');
        text.append("library = ").append(library).append('\n');
        if (slot != null) {
            text.append("slot = ").append(slot).append('\n');
        } else {
            text.append("slotListIndex = ").append(slotListIndex).append('\n');
        }
        text.append("""
                attributes(generate, CKO_PRIVATE_KEY, *) = {
                  CKA_TOKEN = true
                  CKA_PRIVATE = true
                  CKA_SENSITIVE = true
                  CKA_EXTRACTABLE = false
                  CKA_SIGN = true
                }
                attributes(import, CKO_PRIVATE_KEY, *) = {
                  CKA_TOKEN = true
                  CKA_PRIVATE = true
                  CKA_SENSITIVE = true
                  CKA_EXTRACTABLE = false
                }
                attributes(generate, CKO_PUBLIC_KEY, *) = {
                  CKA_TOKEN = false
                  CKA_VERIFY = true
                }
                """);
        return text.toString();
    }
}
