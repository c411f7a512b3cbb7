package org.onewindow.service.sign;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.onewindow.service.keys.KeyCustody;
import org.onewindow.service.keys.KeyRef;
import org.onewindow.service.seal.image.RasterSeal;
import org.onewindow.service.seal.image.SealLayout;

/**
 * Who seals: a key in custody, its certificate chain and the seal's look.
 *
 * @param custody    holds the private key
 * @param key        the key's reference
 * @param chain      leaf first, up to (and preferably including) the root
 * @param appearance the vector seal drawn for visible placements (preferred when both are given)
 * @param image      an imported raster seal image, drawn when there is no vector seal; with neither, a visible
 *                   signature shows nothing but the field rectangle is still there (use
 *                   {@link SealPlacement.Invisible} instead)
 */
public record SealIdentity(KeyCustody custody, KeyRef key, List<X509Certificate> chain,
                           Optional<SealLayout> appearance, Optional<RasterSeal> image) {
    public SealIdentity {
        Objects.requireNonNull(custody, "custody");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(chain, "chain");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a seal identity needs a certificate chain");
        }
        chain = List.copyOf(chain);
        appearance = appearance == null ? Optional.empty() : appearance;
        image = image == null ? Optional.empty() : image;
    }

    /** A seal drawn as vector graphics (or not at all when {@code appearance} is empty). */
    public SealIdentity(KeyCustody custody, KeyRef key, List<X509Certificate> chain,
                        Optional<SealLayout> appearance) {
        this(custody, key, chain, appearance, Optional.empty());
    }

    /** The same seal drawn from an imported raster image instead of the vector layout. */
    public SealIdentity withImage(RasterSeal raster) {
        return new SealIdentity(custody, key, chain, Optional.empty(), Optional.of(raster));
    }

    /** Whether a visible placement shows a seal (vector or raster). */
    public boolean hasLook() {
        return appearance.isPresent() || image.isPresent();
    }

    /** The chain stored with the key in custody, and a seal look. */
    public static SealIdentity inCustody(KeyCustody custody, KeyRef key, SealLayout appearance) {
        return new SealIdentity(custody, key, custody.certificateChain(key), Optional.ofNullable(appearance));
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }
}
