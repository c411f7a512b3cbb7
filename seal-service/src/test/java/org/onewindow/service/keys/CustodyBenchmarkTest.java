package org.onewindow.service.keys;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.pki.BenchmarkPki;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.fs.FileSystemObjectStore;

/**
 * Digest-sign operations per second through custody against a raw JCA {@link Signature} with the same key, in the
 * same run (rounds interleaved so machine load hits both alike), and OCSP responses per second.
 * Run: {@code mvn -o -pl seal-service -am test -Dtest=CustodyBenchmarkTest -Donewindow.test.excludedGroups=none
 * -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class CustodyBenchmarkTest {
    private static final long ROUND_NANOS = 400_000_000L;
    private static final int ROUNDS = 5;
    private static final String PASSPHRASE = "benchmark-passphrase";

    @TempDir
    Path temp;

    private record Row(String name, double custody, double raw) {
        double ratio() {
            return custody / raw;
        }
    }

    @Test
    void custodyAgainstRawJcaAndOcspThroughput() throws Exception {
        List<Row> rows = new ArrayList<>();
        byte[] message = new byte[32];
        try (ObjectStore store = new FileSystemObjectStore(temp.resolve("store"))) {
            Pkcs12KeyCustody p12 = new Pkcs12KeyCustody(store,
                    Pkcs12CustodyConfig.defaults(SecretSource.environment("P")), Map.of("P", PASSPHRASE));
            for (KeySpec spec : List.of(KeySpec.RSA_2048, KeySpec.EC_P256)) {
                KeyRef ref = p12.generateKey("bench-" + spec.name().toLowerCase(Locale.ROOT).replace('_', '-'), spec);
                // The benchmark, not the custody, opens the stored file to get the same key for the raw baseline.
                KeyStore keyStore = KeyStore.getInstance("PKCS12");
                keyStore.load(new ByteArrayInputStream(store.readAllBytes("keys/pkcs12/" + ref.alias() + ".p12")),
                        PASSPHRASE.toCharArray());
                PrivateKey key = (PrivateKey) keyStore.getKey(ref.alias(), PASSPHRASE.toCharArray());
                rows.add(compare("PKCS#12 " + spec, p12, ref, spec.defaultSignatureAlgorithm(), key, null, message));
            }
        }

        Pkcs11CustodyConfig config = SoftHsmToken.config();
        Pkcs11KeyCustody p11 = new Pkcs11KeyCustody(config, Map.of());
        Provider provider = Security.getProvider("SunPKCS11").configure("--" + config.sunPkcs11Config());
        KeyStore token = KeyStore.getInstance("PKCS11", provider);
        token.load(null, SoftHsmToken.PIN.toCharArray());
        for (KeySpec spec : List.of(KeySpec.RSA_2048, KeySpec.EC_P256)) {
            KeyRef ref = p11.generateKey("bench11-" + spec.name().toLowerCase(Locale.ROOT).replace('_', '-')
                    + "-" + System.nanoTime(), spec);
            token.load(null, SoftHsmToken.PIN.toCharArray());
            PrivateKey key = (PrivateKey) token.getKey(ref.alias(), null);
            rows.add(compare("PKCS#11 " + spec, p11, ref, spec.defaultSignatureAlgorithm(), key, provider, message));
        }

        double ocsp = ocspPerSecond();

        System.out.println();
        System.out.println("digest-sign ops/s            custody        raw JCA   custody/raw");
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, "%-26s %10.0f     %10.0f        %5.2f%n", row.name(), row.custody(), row.raw(),
                    row.ratio());
        }
        System.out.printf(Locale.ROOT, "OCSP responses/s (EC P-256 delegated signer, PKCS#12): %.0f%n", ocsp);
        for (Row row : rows) {
            // Custody adds a digest, a DigestInfo and (PKCS#12) a HEAD per call; far below the signature cost.
            assertTrue(row.ratio() > 0.25, row + " custody is unexpectedly slow");
        }
        assertTrue(ocsp > 10, "OCSP responder below 10 responses/s: " + ocsp);
    }

    private static Row compare(String name, KeyCustody custody, KeyRef ref, SignatureAlgorithm algorithm,
                               PrivateKey key, Provider provider, byte[] message) throws Exception {
        byte[] digest = algorithm.newDigest().digest(message);
        Signature raw = provider == null ? Signature.getInstance(algorithm.jcaName())
                : Signature.getInstance(algorithm.jcaName(), provider);
        Supplier<byte[]> viaCustody = () -> custody.signDigest(ref, algorithm, digest);
        Supplier<byte[]> viaRaw = () -> {
            try {
                raw.initSign(key);
                raw.update(message);
                return raw.sign();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        rate(viaCustody, ROUND_NANOS / 2);
        rate(viaRaw, ROUND_NANOS / 2);
        long custodyOps = 0, rawOps = 0, custodyNanos = 0, rawNanos = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long[] c = count(viaCustody, ROUND_NANOS);
            long[] r = count(viaRaw, ROUND_NANOS);
            custodyOps += c[0];
            custodyNanos += c[1];
            rawOps += r[0];
            rawNanos += r[1];
        }
        return new Row(name, custodyOps * 1e9 / custodyNanos, rawOps * 1e9 / rawNanos);
    }

    private static double rate(Supplier<byte[]> operation, long nanos) {
        long[] counted = count(operation, nanos);
        return counted[0] * 1e9 / counted[1];
    }

    private static long[] count(Supplier<byte[]> operation, long nanos) {
        long start = System.nanoTime();
        long ops = 0;
        long elapsed;
        do {
            if (operation.get().length == 0) {
                throw new IllegalStateException("empty signature");
            }
            ops++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < nanos);
        return new long[] {ops, elapsed};
    }

    private double ocspPerSecond() throws Exception {
        try (ObjectStore store = new FileSystemObjectStore(temp.resolve("ocsp-store"))) {
            BenchmarkPki pki = BenchmarkPki.create(store);
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                    .get(CertificateID.HASH_SHA1), new X509CertificateHolder(pki.issuingCertificate().getEncoded()),
                    pki.sealSerial());
            byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
            Supplier<byte[]> respond = () -> {
                byte[] response = pki.respond(request);
                try {
                    if (new OCSPResp(response).getStatus() != OCSPResp.SUCCESSFUL) {
                        throw new IllegalStateException("OCSP failed");
                    }
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                return response;
            };
            rate(respond, ROUND_NANOS);
            return rate(respond, ROUND_NANOS * 3);
        }
    }
}
