package org.onewindow.service.keys;

import java.io.OutputStream;
import java.security.MessageDigest;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/**
 * A Bouncy Castle {@link ContentSigner} that hashes what BC writes to it and has the digest signed by a custody.
 * Certificates, CRLs, OCSP responses and time-stamp tokens are all signed through this, so CA and TSA keys never
 * leave custody. Not thread-safe (one per signing operation), like every {@code ContentSigner}.
 */
public final class CustodyContentSigner implements ContentSigner {
    private static final DefaultSignatureAlgorithmIdentifierFinder ALGORITHMS =
            new DefaultSignatureAlgorithmIdentifierFinder();

    private final SignatureAlgorithm algorithm;
    private final DigestSigner signer;
    private final MessageDigest digest;
    private final OutputStream stream;

    public CustodyContentSigner(KeyCustody custody, KeyRef key, SignatureAlgorithm algorithm) {
        this(algorithm, algorithm.isSm2() ? custody.publicKey(key) : null,
                digest -> custody.signDigest(key, algorithm, digest));
    }

    /** For RSA and ECDSA (SM2 needs the signer's public key: use the three-argument constructor). */
    public CustodyContentSigner(SignatureAlgorithm algorithm, DigestSigner signer) {
        this(algorithm, null, signer);
    }

    /**
     * @param signerKey the signer's public key: needed for SM2 (the digest starts with {@code Z}), ignored otherwise
     */
    public CustodyContentSigner(SignatureAlgorithm algorithm, java.security.PublicKey signerKey, DigestSigner signer) {
        this.algorithm = algorithm;
        this.signer = signer;
        this.digest = algorithm.newDigest();
        if (algorithm.isSm2()) {
            if (signerKey == null) {
                throw new IllegalArgumentException("SM3withSM2 needs the signer's public key");
            }
            digest.update(Sm2.z(signerKey));
        }
        this.stream = new OutputStream() {
            @Override
            public void write(int b) {
                digest.update((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                digest.update(b, off, len);
            }
        };
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return ALGORITHMS.find(algorithm.jcaName());
    }

    @Override
    public OutputStream getOutputStream() {
        return stream;
    }

    @Override
    public byte[] getSignature() {
        return signer.signDigest(digest.digest());
    }
}
