package org.onewindow.service.ses;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.keys.KeyRef;
import org.onewindow.service.keys.KeySpec;
import org.onewindow.service.keys.Pkcs12CustodyConfig;
import org.onewindow.service.keys.Pkcs12KeyCustody;
import org.onewindow.service.keys.SecretSource;
import org.onewindow.service.keys.Sm2;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.fs.FileSystemObjectStore;

/**
 * GB/T 38540 seals made per second (SM2 through custody, DER encoding, a 20 KB picture) against raw Bouncy Castle
 * SM3withSM2 signatures per second with the same key, rounds interleaved. Run: {@code mvn -o -pl seal-service -am
 * test -Dtest=SesBenchmarkTest -Donewindow.test.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class SesBenchmarkTest {
    private static final long ROUND_NANOS = 400_000_000L;
    private static final int ROUNDS = 5;
    private static final String PASSPHRASE = "benchmark-passphrase";

    @TempDir
    Path temp;

    @Test
    void sealsPerSecondAgainstRawSm2Signatures() throws Exception {
        try (ObjectStore store = new FileSystemObjectStore(temp.resolve("store"))) {
            Pkcs12KeyCustody custody = new Pkcs12KeyCustody(store,
                    Pkcs12CustodyConfig.defaults(SecretSource.environment("P")), Map.of("P", PASSPHRASE));
            KeyRef maker = custody.generateKey("bench-maker", KeySpec.SM2);
            KeyStore keyStore = KeyStore.getInstance("PKCS12", Sm2.provider());
            keyStore.load(new ByteArrayInputStream(store.readAllBytes("keys/pkcs12/bench-maker.p12")),
                    PASSPHRASE.toCharArray());
            PrivateKey key = (PrivateKey) keyStore.getKey("bench-maker", PASSPHRASE.toCharArray());
            X509Certificate signer = custody.certificateChain(maker).get(0);
            SesSealMaker sealMaker = new SesSealMaker(custody, maker, "bench", Clock.systemUTC());
            Instant now = Instant.now();
            SesSealRequest request = new SesSealRequest("bench", SesSealType.ORGANIZATION, "基准测试专用章",
                    List.of(signer), now, now.plus(Duration.ofDays(1)), "png", new byte[20_000], 40, 40);
            byte[] tbs = new byte[25_000];

            double bestSeals = 0;
            double bestRaw = 0;
            for (int round = 0; round < ROUNDS; round++) {
                bestSeals = Math.max(bestSeals, rate(() -> sealMaker.make(request)));
                bestRaw = Math.max(bestRaw, rate(() -> {
                    Signature signature = Signature.getInstance("SM3withSM2", Sm2.provider());
                    signature.initSign(key);
                    signature.update(tbs);
                    signature.sign();
                }));
            }
            System.out.printf("%nSM2 seals (SesSealMaker.make, 20 KB picture): %.0f/s%n", bestSeals);
            System.out.printf("raw BC SM3withSM2 over 25 KB:               %.0f/s (seals at %.0f%% of raw)%n",
                    bestRaw, 100 * bestSeals / bestRaw);
            assertTrue(bestSeals > 0 && bestRaw > 0);
        }
    }

    private interface Operation {
        void run() throws Exception;
    }

    private static double rate(Operation operation) throws Exception {
        long start = System.nanoTime();
        long count = 0;
        while (System.nanoTime() - start < ROUND_NANOS) {
            operation.run();
            count++;
        }
        return count * 1e9 / (System.nanoTime() - start);
    }
}
