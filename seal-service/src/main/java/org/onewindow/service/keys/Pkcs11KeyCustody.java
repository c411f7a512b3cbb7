package org.onewindow.service.keys;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys in a PKCS#11 token (HSM, SoftHSM2) through the JDK's SunPKCS11 provider. Keys are generated inside the token
 * as private, sensitive, non-extractable token objects; the certificate is stored in the token with the same
 * CKA_ID (the Java KeyStore only sees a key that has a certificate object). Signing runs inside the token
 * (CKM_RSA_PKCS over a DigestInfo, CKM_ECDSA over the digest).
 *
 * <p>Importing a PKCS#12 file copies its key into the token (as a private, sensitive token object).
 */
public final class Pkcs11KeyCustody implements KeyCustody, AutoCloseable {
    private final Pkcs11CustodyConfig config;
    private final Provider provider;
    private final KeyStore keyStore;
    private final Map<String, PrivateKey> handles = new ConcurrentHashMap<>();

    /**
     * Loads the module, opens the slot and logs in with the PIN.
     *
     * @throws CustodyUnavailableException when the module, token or PIN does not work
     */
    public Pkcs11KeyCustody(Pkcs11CustodyConfig config) {
        this(config, System.getenv());
    }

    /** As {@link #Pkcs11KeyCustody(Pkcs11CustodyConfig)} with an explicit environment for the PIN source. */
    public Pkcs11KeyCustody(Pkcs11CustodyConfig config, Map<String, String> environment) {
        this.config = config;
        Provider base = Security.getProvider("SunPKCS11");
        if (base == null) {
            throw new CustodyUnavailableException("the JDK has no SunPKCS11 provider");
        }
        char[] pin = config.pin().resolve(environment);
        try {
            // A leading "--" tells SunPKCS11 that the argument is the configuration text itself.
            this.provider = base.configure("--" + config.sunPkcs11Config());
            this.keyStore = KeyStore.getInstance("PKCS11", provider);
            keyStore.load(null, pin);
        } catch (IOException | GeneralSecurityException | java.security.ProviderException e) {
            throw new CustodyUnavailableException("PKCS#11 token " + where() + " cannot be opened: "
                    + rootMessage(e));
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    private String where() {
        return config.library() + (config.slot() != null ? " slot " + config.slot() : " slot index " + config.slotListIndex());
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage());
    }

    @Override
    public String id() {
        return config.custodyId();
    }

    private void checkRef(KeyRef ref) {
        if (!ref.custody().equals(config.custodyId())) {
            throw new KeyNotFoundException("key " + ref + " is not held by custody '" + config.custodyId() + "'");
        }
    }

    /**
     * Why this custody refuses SM2: SunPKCS11 maps no SM2 mechanism, and SoftHSM2 (2.6) lists none either
     * ({@code pkcs11-tool -M} shows ECDSA only). A certified SM2 device (GM/T 0018 SDF or a vendor PKCS#11 with
     * vendor-defined SM2 mechanisms) plugs in as its own {@link KeyCustody} implementation behind the same
     * {@link #signDigest} contract: sign {@code e = SM3(Z || M)}, return DER {@code SEQUENCE {r, s}}.
     */
    static final String NO_SM2 = "PKCS#11 key custody cannot hold SM2 keys: the token has no SM2 mechanism "
            + "(SoftHSM2 offers none); use the PKCS#12 custody or a certified SM2 device custody";

    @Override
    public synchronized KeyRef generateKey(String alias, KeySpec spec) {
        if (spec.isSm2()) {
            throw new UnsupportedSignatureAlgorithmException(NO_SM2);
        }
        KeyRef ref = new KeyRef(id(), alias);
        if (containsAlias(alias)) {
            throw new KeyAliasTakenException("key alias '" + alias + "' is already in use in custody " + id());
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(spec.jcaAlgorithm(), provider);
            generator.initialize(spec.parameters());
            KeyPair pair = generator.generateKeyPair();
            PrivateKey privateKey = pair.getPrivate();
            X509Certificate placeholder = PlaceholderCertificate.create(alias, pair.getPublic(),
                    spec.defaultSignatureAlgorithm(), digest -> signWith(privateKey, spec.defaultSignatureAlgorithm(), digest));
            keyStore.setKeyEntry(alias, privateKey, null, new Certificate[] {placeholder});
            return ref;
        } catch (GeneralSecurityException | java.security.ProviderException e) {
            throw new CustodyUnavailableException("generating " + spec + " key '" + alias + "' in token " + where()
                    + " failed: " + rootMessage(e));
        }
    }

    @Override
    public synchronized KeyRef importPkcs12(String alias, byte[] pkcs12, char[] passphrase) {
        KeyRef ref = new KeyRef(id(), alias);
        KeyStore source;
        try {
            source = KeyStore.getInstance("PKCS12");
            source.load(new java.io.ByteArrayInputStream(pkcs12), passphrase);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new KeyImportException("the PKCS#12 file cannot be opened: wrong passphrase or not a PKCS#12 file");
        }
        if (containsAlias(alias)) {
            throw new KeyAliasTakenException("key alias '" + alias + "' is already in use in custody " + id());
        }
        try {
            for (String entry : Collections.list(source.aliases())) {
                if (!source.isKeyEntry(entry)) {
                    continue;
                }
                Key key;
                try {
                    key = source.getKey(entry, passphrase);
                } catch (GeneralSecurityException e) {
                    throw new KeyImportException("the key in the PKCS#12 file cannot be decrypted with the given passphrase");
                }
                Certificate[] chain = source.getCertificateChain(entry);
                if (!(key instanceof PrivateKey) || chain == null || chain.length == 0) {
                    continue;
                }
                keyStore.setKeyEntry(alias, key, null, chain);
                return ref;
            }
        } catch (java.security.KeyStoreException e) {
            throw new CustodyUnavailableException("storing the imported key in token " + where() + " failed: "
                    + rootMessage(e));
        }
        throw new KeyImportException("the PKCS#12 file holds no private key with a certificate");
    }

    private boolean containsAlias(String alias) {
        try {
            return keyStore.isKeyEntry(alias);
        } catch (java.security.KeyStoreException e) {
            throw new CustodyUnavailableException("token " + where() + " cannot be read: " + rootMessage(e));
        }
    }

    @Override
    public boolean contains(KeyRef ref) {
        return ref.custody().equals(id()) && containsAlias(ref.alias());
    }

    @Override
    public List<String> aliases() {
        try {
            List<String> aliases = new ArrayList<>();
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias)) {
                    aliases.add(alias);
                }
            }
            Collections.sort(aliases);
            return aliases;
        } catch (java.security.KeyStoreException e) {
            throw new CustodyUnavailableException("token " + where() + " cannot be read: " + rootMessage(e));
        }
    }

    @Override
    public PublicKey publicKey(KeyRef ref) {
        return certificateChain(ref).get(0).getPublicKey();
    }

    @Override
    public List<X509Certificate> certificateChain(KeyRef ref) {
        checkRef(ref);
        try {
            Certificate[] chain = keyStore.getCertificateChain(ref.alias());
            if (chain == null) {
                throw new KeyNotFoundException("no key " + ref);
            }
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : chain) {
                certificates.add((X509Certificate) certificate);
            }
            return List.copyOf(certificates);
        } catch (java.security.KeyStoreException e) {
            throw new CustodyUnavailableException("token " + where() + " cannot be read: " + rootMessage(e));
        }
    }

    @Override
    public synchronized void setCertificateChain(KeyRef ref, List<X509Certificate> chain) {
        if (chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("certificate chain must not be empty");
        }
        if (!publicKey(ref).equals(chain.get(0).getPublicKey())) {
            throw new IllegalArgumentException("the certificate's public key is not the public key of " + ref);
        }
        try {
            // SunPKCS11 recognizes the existing key by its public key and only replaces the certificate objects.
            keyStore.setKeyEntry(ref.alias(), privateKey(ref), null, chain.toArray(new Certificate[0]));
        } catch (java.security.KeyStoreException e) {
            throw new CustodyUnavailableException("storing the certificate of " + ref + " in token " + where()
                    + " failed: " + rootMessage(e));
        }
    }

    @Override
    public byte[] signDigest(KeyRef ref, SignatureAlgorithm algorithm, byte[] digest) {
        if (algorithm.isSm2()) {
            throw new UnsupportedSignatureAlgorithmException(NO_SM2);
        }
        DigestSigning.checkDigest(algorithm, digest);
        PrivateKey key = privateKey(ref);
        if (!algorithm.keyAlgorithm().equals(key.getAlgorithm())) {
            throw new UnsupportedSignatureAlgorithmException(algorithm.jcaName() + " does not fit the "
                    + key.getAlgorithm() + " key " + ref);
        }
        return signWith(key, algorithm, digest);
    }

    private byte[] signWith(PrivateKey key, SignatureAlgorithm algorithm, byte[] digest) {
        try {
            return DigestSigning.sign(key, provider, algorithm, digest);
        } catch (GeneralSecurityException | java.security.ProviderException e) {
            throw new CustodyUnavailableException("signing in token " + where() + " failed: " + rootMessage(e));
        }
    }

    private PrivateKey privateKey(KeyRef ref) {
        checkRef(ref);
        return handles.computeIfAbsent(ref.alias(), alias -> {
            try {
                Key key = keyStore.getKey(alias, null);
                if (!(key instanceof PrivateKey privateKey)) {
                    throw new KeyNotFoundException("no key " + ref);
                }
                return privateKey;
            } catch (GeneralSecurityException e) {
                throw new CustodyUnavailableException("token " + where() + " cannot be read: " + rootMessage(e));
            }
        });
    }

    @Override
    public synchronized boolean delete(KeyRef ref) {
        checkRef(ref);
        handles.remove(ref.alias());
        try {
            if (!keyStore.containsAlias(ref.alias())) {
                return false;
            }
            keyStore.deleteEntry(ref.alias());
            return true;
        } catch (java.security.KeyStoreException e) {
            throw new CustodyUnavailableException("deleting " + ref + " in token " + where() + " failed: "
                    + rootMessage(e));
        }
    }

    @Override
    public String describe() {
        return "PKCS#11 key custody '" + id() + "' on " + where() + " (PIN from " + config.pin().describe() + ")";
    }

    /** Logs out of the token; the provider stays loaded for the life of the JVM (the JDK offers no unloading). */
    @Override
    public void close() {
        try {
            if (provider instanceof java.security.AuthProvider auth) {
                auth.logout();
            }
        } catch (javax.security.auth.login.LoginException e) {
            // Logging out of a token we are done with cannot be handled any better than ignoring it.
        }
    }
}
