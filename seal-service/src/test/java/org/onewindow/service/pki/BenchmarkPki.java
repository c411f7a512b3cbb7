package org.onewindow.service.pki;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

import org.onewindow.service.keys.KeyRef;
import org.onewindow.service.keys.KeySpec;
import org.onewindow.service.keys.Pkcs12CustodyConfig;
import org.onewindow.service.keys.Pkcs12KeyCustody;
import org.onewindow.service.keys.SecretSource;
import org.onewindow.storage.ObjectStore;

/** A demo PKI with one seal certificate, for benchmarks outside this package. */
public final class BenchmarkPki {
    private final PkiFixture pki;
    private final BigInteger sealSerial;

    private BenchmarkPki(PkiFixture pki, BigInteger sealSerial) {
        this.pki = pki;
        this.sealSerial = sealSerial;
    }

    public static BenchmarkPki create(ObjectStore store) {
        PkiFixture pki = new PkiFixture(new Pkcs12KeyCustody(store,
                Pkcs12CustodyConfig.defaults(SecretSource.environment("P")), Map.of("P", "benchmark-passphrase")),
                new ObjectStorePkiStateRepository(store));
        KeyRef key = pki.custody.generateKey("bench-seal", KeySpec.EC_P256);
        X509Certificate seal = pki.hierarchy.issuing().issue(CertificateRequest.seal(
                new CertificateSubject("受理专用章", CertificateSubject.CENTER), pki.custody.publicKey(key),
                Duration.ofDays(30)));
        return new BenchmarkPki(pki, seal.getSerialNumber());
    }

    public X509Certificate issuingCertificate() {
        return pki.hierarchy.issuing().certificate();
    }

    public BigInteger sealSerial() {
        return sealSerial;
    }

    public byte[] respond(byte[] request) {
        return pki.ocsp.respond(request);
    }
}
