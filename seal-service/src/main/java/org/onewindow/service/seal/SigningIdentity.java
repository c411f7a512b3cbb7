package org.onewindow.service.seal;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import org.onewindow.service.keys.CustodySigner;
import org.onewindow.service.keys.KeyCustody;
import org.onewindow.service.keys.KeyRef;
import org.onewindow.service.keys.SignatureAlgorithm;
import org.onewindow.service.seal.image.SealLayout;

/**
 * Everything a signer needs to apply one seal, handed out only after {@link SealAuthorizer} allowed the use: the
 * key (by reference, in its custody), the certificate chain and the appearance.
 *
 * @param seal      the seal as it was when authorized (live status ACTIVE)
 * @param custody   the custody holding the key; sign with {@code custody.sign(key, algorithm, message)} or
 *                  {@link #signer()}
 * @param key       the seal's current key
 * @param algorithm the signature algorithm that fits the key (SHA-256 with RSA or ECDSA)
 * @param chain     leaf first, up to the root
 * @param png       the seal image (transparent PNG at {@link SealImage#dpi()})
 * @param layout    the vector layout for {@link org.onewindow.service.seal.image.SealPdfRenderer}, empty for an
 *                  imported image (use {@link #png()} then)
 */
public record SigningIdentity(Seal seal, KeyCustody custody, KeyRef key, SignatureAlgorithm algorithm,
                              List<X509Certificate> chain, byte[] png, Optional<SealLayout> layout) {
    public SigningIdentity {
        chain = List.copyOf(chain);
    }

    /** An iText-shaped signer ({@code IExternalSignature}-like) over the custody. */
    public CustodySigner signer() {
        return new CustodySigner(custody, key, algorithm);
    }

    /** The printed size of the appearance in millimetres: {width, height}. */
    public double[] sizeMm() {
        return new double[] {seal.image().widthMm(), seal.image().heightMm()};
    }
}
