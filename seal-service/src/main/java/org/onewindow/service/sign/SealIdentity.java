package org.onewindow.service.sign;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.onewindow.service.keys.KeyCustody;
import org.onewindow.service.keys.KeyRef;
import org.onewindow.service.seal.image.SealLayout;

/**
 * Who seals: a key in custody, its certificate chain and the seal's look.
 *
 * @param custody    holds the private key
 * @param key        the key's reference
 * @param chain      leaf first, up to (and preferably including) the root
 * @param appearance the vector seal drawn for visible placements; empty: a visible signature shows nothing but
 *                   the field rectangle is still there (use {@link SealPlacement.Invisible} instead)
 */
public record SealIdentity(KeyCustody custody, KeyRef key, List<X509Certificate> chain,
                           Optional<SealLayout> appearance) {
    public SealIdentity {
        Objects.requireNonNull(custody, "custody");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(chain, "chain");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a seal identity needs a certificate chain");
        }
        chain = List.copyOf(chain);
        appearance = appearance == null ? Optional.empty() : appearance;
    }

    /** The chain stored with the key in custody, and a seal look. */
    public static SealIdentity inCustody(KeyCustody custody, KeyRef key, SealLayout appearance) {
        return new SealIdentity(custody, key, custody.certificateChain(key), Optional.ofNullable(appearance));
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }
}
