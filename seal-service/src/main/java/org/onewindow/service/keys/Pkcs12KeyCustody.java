package org.onewindow.service.keys;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.onewindow.storage.ListPage;
import org.onewindow.storage.ObjectInfo;
import org.onewindow.storage.ObjectNotFoundException;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PreconditionFailedException;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.StorageException;
import org.onewindow.storage.StoredObject;
import org.onewindow.storage.WriteCondition;

/**
 * Keys as encrypted PKCS#12 files in object storage, one file per key at {@code {keyPrefix}{alias}.p12}, each
 * protected by the storage passphrase (PBES2/AES-256 with an HMAC-SHA-256 MAC, the JDK 17 defaults).
 *
 * <p>Decrypted private keys are cached in this object after first use (signing a seal must not cost a PBKDF2 run);
 * they are never handed out. Files are created with create-if-absent and updated with version-matched writes.
 */
public final class Pkcs12KeyCustody implements KeyCustody {
    static final String CONTENT_TYPE = "application/x-pkcs12";
    /** Shortest storage passphrase accepted. */
    public static final int MIN_PASSPHRASE_LENGTH = 12;
    /** Object metadata naming SM2 key files, which only Bouncy Castle's PKCS#12 reads. */
    static final String KEY_TYPE_METADATA = "key-type";
    static final String SM2_KEY_TYPE = "sm2";

    private final ObjectStore store;
    private final Pkcs12CustodyConfig config;
    private final char[] passphrase;
    private final Map<String, Loaded> cache = new ConcurrentHashMap<>();

    private record Loaded(String version, PrivateKey key, List<X509Certificate> chain, long checkedAtNanos) {
        Loaded checkedNow() {
            return new Loaded(version, key, chain, System.nanoTime());
        }
    }

    /**
     * How long a signing call trusts the cached key without asking the store whether the file still exists: a key
     * deleted by another instance stops signing here within this time. Chains are always re-checked.
     */
    static final long SIGNING_RECHECK_NANOS = 5_000_000_000L;

    /**
     * Resolves the storage passphrase from the process environment or the secret file.
     *
     * @throws CustodyUnavailableException when the secret is missing
     */
    public Pkcs12KeyCustody(ObjectStore store, Pkcs12CustodyConfig config) {
        this(store, config, System.getenv());
    }

    /** As {@link #Pkcs12KeyCustody(ObjectStore, Pkcs12CustodyConfig)} with an explicit environment. */
    public Pkcs12KeyCustody(ObjectStore store, Pkcs12CustodyConfig config, Map<String, String> environment) {
        this.store = store;
        this.config = config;
        this.passphrase = config.passphrase().resolve(environment);
        checkPassphrase(passphrase, config.passphrase());
    }

    /** The JDK's PBKDF2 takes ASCII passwords only; a short one would make the encryption moot. */
    private static void checkPassphrase(char[] passphrase, SecretSource source) {
        if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
            throw new CustodyUnavailableException("the storage passphrase from " + source.describe() + " is shorter than "
                    + MIN_PASSPHRASE_LENGTH + " characters");
        }
        for (char c : passphrase) {
            if (c < 0x20 || c > 0x7E) {
                throw new CustodyUnavailableException("the storage passphrase from " + source.describe()
                        + " must be printable ASCII (the JDK's PKCS#12 encryption accepts nothing else)");
            }
        }
    }

    @Override
    public String id() {
        return config.custodyId();
    }

    private String objectKey(String alias) {
        return config.keyPrefix() + alias + ".p12";
    }

    private KeyRef ref(String alias) {
        return new KeyRef(config.custodyId(), alias);
    }

    private void checkRef(KeyRef ref) {
        if (!ref.custody().equals(config.custodyId())) {
            throw new KeyNotFoundException("key " + ref + " is not held by custody '" + config.custodyId() + "'");
        }
    }

    @Override
    public KeyRef generateKey(String alias, KeySpec spec) {
        KeyRef ref = ref(alias);
        if (store.head(objectKey(alias)).isPresent()) {
            throw new KeyAliasTakenException("key alias '" + alias + "' is already in use in custody " + id());
        }
        KeyPair pair;
        try {
            pair = spec.softwareGenerator().generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCA cannot generate " + spec, e);
        }
        PrivateKey privateKey = pair.getPrivate();
        X509Certificate placeholder = PlaceholderCertificate.create(alias, pair.getPublic(),
                spec.defaultSignatureAlgorithm(),
                digest -> signWith(privateKey, spec.defaultSignatureAlgorithm(), digest));
        write(alias, privateKey, List.of(placeholder), WriteCondition.ifAbsent());
        return ref;
    }

    @Override
    public KeyRef importPkcs12(String alias, byte[] pkcs12, char[] filePassphrase) {
        KeyRef ref = ref(alias);
        KeyStore source;
        try {
            source = openPkcs12(pkcs12, filePassphrase);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new KeyImportException("the PKCS#12 file cannot be opened: wrong passphrase or not a PKCS#12 file");
        }
        try {
            for (String entry : Collections.list(source.aliases())) {
                if (!source.isKeyEntry(entry)) {
                    continue;
                }
                Key key;
                try {
                    key = source.getKey(entry, filePassphrase);
                } catch (GeneralSecurityException e) {
                    throw new KeyImportException("the key in the PKCS#12 file cannot be decrypted with the given passphrase");
                }
                if (!(key instanceof PrivateKey privateKey)) {
                    continue;
                }
                if (!privateKey.getAlgorithm().equals("RSA") && !privateKey.getAlgorithm().equals("EC")) {
                    throw new KeyImportException("unsupported key type " + privateKey.getAlgorithm()
                            + " (RSA, EC and SM2 are supported)");
                }
                Certificate[] chain = source.getCertificateChain(entry);
                if (chain == null || chain.length == 0) {
                    throw new KeyImportException("the key in the PKCS#12 file has no certificate");
                }
                List<X509Certificate> certificates = new ArrayList<>();
                for (Certificate certificate : chain) {
                    certificates.add((X509Certificate) certificate);
                }
                checkPair(privateKey, certificates.get(0));
                if (store.head(objectKey(alias)).isPresent()) {
                    throw new KeyAliasTakenException("key alias '" + alias + "' is already in use in custody " + id());
                }
                write(alias, privateKey, certificates, WriteCondition.ifAbsent());
                return ref;
            }
        } catch (java.security.KeyStoreException e) {
            throw new KeyImportException("the PKCS#12 file cannot be read");
        }
        throw new KeyImportException("the PKCS#12 file holds no private key");
    }

    /** Checks that the certificate belongs to the key, by signing and verifying a probe. */
    private static void checkPair(PrivateKey key, X509Certificate certificate) {
        SignatureAlgorithm algorithm = SignatureAlgorithm.defaultFor(key);
        byte[] probe = "onewindow key/certificate pair check".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (algorithm.isSm2()) {
                byte[] signature = Sm2.signDigest(key, Sm2.digest(certificate.getPublicKey(), probe));
                if (!Sm2.verify(certificate.getPublicKey(), probe, signature)) {
                    throw new KeyImportException("the certificate in the PKCS#12 file does not belong to its key");
                }
                return;
            }
            java.security.Signature signer = java.security.Signature.getInstance(algorithm.jcaName());
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            java.security.Signature verifier = java.security.Signature.getInstance(algorithm.jcaName());
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new KeyImportException("the certificate in the PKCS#12 file does not belong to its key");
            }
        } catch (GeneralSecurityException e) {
            throw new KeyImportException("the certificate in the PKCS#12 file does not belong to its key");
        }
    }

    @Override
    public boolean contains(KeyRef ref) {
        return ref.custody().equals(config.custodyId()) && store.head(objectKey(ref.alias())).isPresent();
    }

    @Override
    public List<String> aliases() {
        List<String> aliases = new ArrayList<>();
        String startAfter = null;
        do {
            ListPage page = store.list(config.keyPrefix(), startAfter, 1000);
            for (ObjectInfo info : page.objects()) {
                String name = info.key().substring(config.keyPrefix().length());
                if (name.endsWith(".p12") && KeyRef.isValidAlias(name.substring(0, name.length() - 4))) {
                    aliases.add(name.substring(0, name.length() - 4));
                }
            }
            startAfter = page.nextStartAfter();
        } while (startAfter != null);
        Collections.sort(aliases);
        return aliases;
    }

    @Override
    public PublicKey publicKey(KeyRef ref) {
        return certificateChain(ref).get(0).getPublicKey();
    }

    @Override
    public List<X509Certificate> certificateChain(KeyRef ref) {
        return load(ref).chain();
    }

    @Override
    public void setCertificateChain(KeyRef ref, List<X509Certificate> chain) {
        if (chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("certificate chain must not be empty");
        }
        for (int attempt = 0; ; attempt++) {
            Loaded current = load(ref);
            if (!current.chain().get(0).getPublicKey().equals(chain.get(0).getPublicKey())) {
                throw new IllegalArgumentException("the certificate's public key is not the public key of " + ref);
            }
            try {
                write(ref.alias(), current.key(), List.copyOf(chain), WriteCondition.ifVersionMatches(current.version()));
                return;
            } catch (PreconditionFailedException e) {
                cache.remove(ref.alias());
                if (attempt >= 3) {
                    throw new CustodyUnavailableException("key " + ref + " keeps changing; certificate not stored");
                }
            }
        }
    }

    @Override
    public byte[] signDigest(KeyRef ref, SignatureAlgorithm algorithm, byte[] digest) {
        DigestSigning.checkDigest(algorithm, digest);
        Loaded cached = ref.custody().equals(config.custodyId()) ? cache.get(ref.alias()) : null;
        Loaded loaded = cached != null && System.nanoTime() - cached.checkedAtNanos() < SIGNING_RECHECK_NANOS
                ? cached : load(ref);
        if (!algorithm.fits(loaded.key())) {
            throw new UnsupportedSignatureAlgorithmException(algorithm.jcaName() + " does not fit the "
                    + loaded.key().getAlgorithm() + " key " + ref);
        }
        return signWith(loaded.key(), algorithm, digest);
    }

    private static byte[] signWith(PrivateKey key, SignatureAlgorithm algorithm, byte[] digest) {
        try {
            return DigestSigning.sign(key, null, algorithm, digest);
        } catch (GeneralSecurityException e) {
            throw new CustodyUnavailableException("signing failed: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public boolean delete(KeyRef ref) {
        checkRef(ref);
        cache.remove(ref.alias());
        return store.delete(objectKey(ref.alias()));
    }

    @Override
    public String describe() {
        return "PKCS#12 key custody '" + id() + "' in " + store.describe() + " under " + config.keyPrefix()
                + " (passphrase from " + config.passphrase().describe() + ")";
    }

    private Loaded load(KeyRef ref) {
        checkRef(ref);
        String key = objectKey(ref.alias());
        Loaded cached = cache.get(ref.alias());
        if (cached != null) {
            // The private key of an alias never changes; only the chain can. A cheap HEAD tells whether to reload.
            Optional<ObjectInfo> head = store.head(key);
            if (head.isEmpty()) {
                cache.remove(ref.alias());
                throw new KeyNotFoundException("no key " + ref);
            }
            if (head.get().version().equals(cached.version())) {
                Loaded checked = cached.checkedNow();
                cache.put(ref.alias(), checked);
                return checked;
            }
        }
        byte[] bytes;
        String version;
        boolean sm2;
        try (StoredObject object = store.get(key)) {
            bytes = object.content().readAllBytes();
            version = object.info().version();
            sm2 = SM2_KEY_TYPE.equals(object.info().userMetadata().get(KEY_TYPE_METADATA));
        } catch (ObjectNotFoundException e) {
            throw new KeyNotFoundException("no key " + ref);
        } catch (IOException e) {
            throw new CustodyUnavailableException("reading key " + ref + " failed: " + e.getMessage());
        } catch (StorageException e) {
            throw new CustodyUnavailableException("reading key " + ref + " failed: " + e.getMessage(), e);
        }
        Loaded loaded = decode(ref, bytes, version, sm2);
        cache.put(ref.alias(), loaded);
        return loaded;
    }

    /**
     * Opens a PKCS#12 file with the JDK's key store, or with Bouncy Castle's when the JDK cannot (it rejects
     * certificates with SM2 keys). Both read the same PBES2 files.
     */
    private static KeyStore openPkcs12(byte[] bytes, char[] password) throws IOException, GeneralSecurityException {
        return openPkcs12(bytes, password, false);
    }

    /** @param sm2 the file is known to hold an SM2 key: go to Bouncy Castle at once (saves a failed JDK attempt) */
    private static KeyStore openPkcs12(byte[] bytes, char[] password, boolean sm2)
            throws IOException, GeneralSecurityException {
        if (sm2) {
            KeyStore bc = KeyStore.getInstance("PKCS12", Sm2.provider());
            bc.load(new ByteArrayInputStream(bytes), password);
            return bc;
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try {
            keyStore.load(new ByteArrayInputStream(bytes), password);
            return keyStore;
        } catch (IOException | GeneralSecurityException | RuntimeException jdkFailed) {
            KeyStore bc = KeyStore.getInstance("PKCS12", Sm2.provider());
            try {
                bc.load(new ByteArrayInputStream(bytes), password);
            } catch (IOException | GeneralSecurityException | RuntimeException bcFailed) {
                jdkFailed.addSuppressed(bcFailed);
                throw jdkFailed;
            }
            return bc;
        }
    }

    private Loaded decode(KeyRef ref, byte[] bytes, String version, boolean sm2) {
        try {
            KeyStore keyStore = openPkcs12(bytes, passphrase, sm2);
            Key key = keyStore.getKey(ref.alias(), passphrase);
            Certificate[] chain = keyStore.getCertificateChain(ref.alias());
            if (!(key instanceof PrivateKey privateKey) || chain == null) {
                throw new CustodyUnavailableException("stored key file for " + ref + " holds no key entry '"
                        + ref.alias() + "'");
            }
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : chain) {
                certificates.add((X509Certificate) certificate);
            }
            return new Loaded(version, privateKey, List.copyOf(certificates), System.nanoTime());
        } catch (IOException | GeneralSecurityException e) {
            throw new CustodyUnavailableException("the stored key file for " + ref
                    + " cannot be opened with the configured storage passphrase (" + config.passphrase().describe()
                    + "): wrong passphrase or corrupt file");
        }
    }

    private void write(String alias, PrivateKey key, List<X509Certificate> chain, WriteCondition condition) {
        byte[] bytes;
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry(alias, key, passphrase, chain.toArray(new Certificate[0]));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            keyStore.store(out, passphrase);
            bytes = out.toByteArray();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("encoding PKCS#12 for key " + alias + " failed: " + e, e);
        }
        try {
            Map<String, String> metadata = Sm2.isSm2Key(key)
                    ? Map.of("key-alias", alias, KEY_TYPE_METADATA, SM2_KEY_TYPE) : Map.of("key-alias", alias);
            store.put(objectKey(alias), bytes, new PutOptions(CONTENT_TYPE, metadata, condition));
        } catch (PreconditionFailedException e) {
            if (condition instanceof WriteCondition.IfAbsent) {
                throw new KeyAliasTakenException("key alias '" + alias + "' is already in use in custody " + id());
            }
            throw e;
        } catch (StorageException e) {
            throw new CustodyUnavailableException("storing key " + alias + " failed: " + e.getMessage(), e);
        }
        cache.remove(alias);
        Arrays.fill(bytes, (byte) 0);
    }
}
