package org.onewindow.service.keys;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Key custody: the only place where private keys live. Callers hold {@link KeyRef}s and ask the custody to sign;
 * no method returns, logs or exports a private key.
 *
 * <p>Two signing entry points fit the two kinds of callers:
 * <ul>
 *   <li>{@link #signDigest}: the caller hashed the data (BC {@code ContentSigner}s, remote/HSM-style signing);</li>
 *   <li>{@link #sign}: the caller has the whole message, e.g. iText's {@code IExternalSignature.sign(byte[] message)}
 *       which passes the DER-encoded signed attributes and expects a signature over them. It hashes and then
 *       calls {@link #signDigest}, so both produce the same signature format: PKCS#1 v1.5 for RSA, DER
 *       {@code ECDSA-Sig-Value} for EC, DER {@code SEQUENCE {r, s}} for SM2.</li>
 * </ul>
 *
 * <p>A key generated in custody gets a self-signed placeholder certificate until a CA-issued chain is attached with
 * {@link #setCertificateChain}: PKCS#12 and PKCS#11 key stores only keep a private key together with a
 * certificate.
 */
public interface KeyCustody {

    /** This custody's id; the {@link KeyRef#custody()} of every key it holds. */
    String id();

    /**
     * Generates a key pair inside the custody.
     *
     * @throws KeyAliasTakenException when the alias is in use
     */
    KeyRef generateKey(String alias, KeySpec spec);

    /**
     * Imports the private key and certificate chain of a PKCS#12 file (e.g. a seal issued by the provincial CA).
     * When the file holds several keys, the first key entry is taken.
     *
     * @throws KeyImportException     when the passphrase is wrong, the file is not PKCS#12 or holds no key
     * @throws KeyAliasTakenException when the alias is in use
     */
    KeyRef importPkcs12(String alias, byte[] pkcs12, char[] passphrase);

    /** Whether a key with this reference exists. */
    boolean contains(KeyRef ref);

    /** Aliases of all keys in this custody, sorted. */
    List<String> aliases();

    /** @throws KeyNotFoundException when there is no such key */
    PublicKey publicKey(KeyRef ref);

    /**
     * The certificate chain stored with the key, leaf first (a placeholder self-signed certificate for a key that
     * has no issued certificate yet).
     *
     * @throws KeyNotFoundException when there is no such key
     */
    List<X509Certificate> certificateChain(KeyRef ref);

    /**
     * Replaces the certificate chain stored with the key (after a CA issued its certificate).
     *
     * @throws IllegalArgumentException when the leaf certificate's public key is not this key's public key
     */
    void setCertificateChain(KeyRef ref, List<X509Certificate> chain);

    /**
     * Signs a digest computed with {@code algorithm}'s digest.
     *
     * @throws UnsupportedSignatureAlgorithmException when the algorithm does not fit the key or the digest length is
     *                                                wrong
     * @throws KeyNotFoundException                   when there is no such key
     */
    byte[] signDigest(KeyRef ref, SignatureAlgorithm algorithm, byte[] digest);

    /**
     * Signs the whole {@code message}: hashes it with {@code algorithm}'s digest (for SM2: {@code SM3(Z || M)} with
     * the key's public key) and calls {@link #signDigest}.
     */
    default byte[] sign(KeyRef ref, SignatureAlgorithm algorithm, byte[] message) {
        byte[] digest = algorithm.isSm2() ? algorithm.digest(publicKey(ref), message)
                : algorithm.newDigest().digest(message);
        return signDigest(ref, algorithm, digest);
    }

    /**
     * Deletes the key. Used when creating an entity failed half-way, and for retiring keys.
     *
     * @return whether a key was there
     */
    boolean delete(KeyRef ref);

    /** A description for logs and the health page, never containing secrets. */
    String describe();
}
