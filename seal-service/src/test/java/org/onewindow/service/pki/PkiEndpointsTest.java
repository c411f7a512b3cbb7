package org.onewindow.service.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.errors.BadRequestException;
import org.onewindow.service.errors.PayloadTooLargeException;
import org.onewindow.service.errors.UnsupportedMediaTypeException;
import org.onewindow.service.keys.KeyCustodies;
import org.onewindow.service.keys.Pkcs12CustodyConfig;
import org.onewindow.service.keys.Pkcs12KeyCustody;
import org.onewindow.service.keys.SecretSource;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.fs.FileSystemObjectStore;

/** The wiring entry point and the HTTP-facing functions. */
class PkiEndpointsTest {
    @TempDir
    Path temp;

    private PkiServices start(ObjectStore store) {
        Pkcs12KeyCustody custody = new Pkcs12KeyCustody(store,
                Pkcs12CustodyConfig.defaults(SecretSource.environment("P")), Map.of("P", "endpoint-passphrase"));
        return PkiServices.start(new ObjectStorePkiStateRepository(store), KeyCustodies.of(custody), PkiFixture.URLS,
                PkiFixture.SETTINGS, TsaConfig.defaults(), Duration.ofHours(24), Duration.ofMinutes(10),
                Clock.systemUTC());
    }

    @Test
    void endpointsAnswerAndRejectPrecisely() throws Exception {
        try (ObjectStore store = new FileSystemObjectStore(temp.resolve("store"))) {
            PkiServices pki = start(store);
            PkiEndpoints endpoints = pki.endpoints();

            PkiEndpoints.Payload crl = endpoints.crl("demo-root.crl");
            assertEquals("application/pkix-crl", crl.contentType());
            X509CRL parsed = (X509CRL) CertificateFactory.getInstance("X.509")
                    .generateCRL(new ByteArrayInputStream(crl.body()));
            parsed.verify(pki.demo().root().certificate().getPublicKey());
            assertThrows(BadRequestException.class, () -> endpoints.crl("demo-root.pem"));
            assertThrows(CaNotFoundException.class, () -> endpoints.crl("nobody.crl"));
            assertThrows(CaNotFoundException.class, () -> endpoints.crl("../etc.crl"));
            assertArrayEquals(pki.demo().issuing().certificate().getEncoded(),
                    endpoints.caCertificate("demo-issuing.cer").body());

            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                    .get(CertificateID.HASH_SHA1), new X509CertificateHolder(pki.demo().root().certificate().getEncoded()),
                    pki.demo().issuing().certificate().getSerialNumber());
            byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
            OCSPResp response = new OCSPResp(endpoints.ocspPost("application/ocsp-request", request).body());
            assertEquals(OCSPResp.SUCCESSFUL, response.getStatus());
            assertEquals(org.bouncycastle.cert.ocsp.CertificateStatus.GOOD,
                    ((BasicOCSPResp) response.getResponseObject()).getResponses()[0].getCertStatus());
            assertThrows(UnsupportedMediaTypeException.class, () -> endpoints.ocspPost("text/plain", request));
            assertThrows(PayloadTooLargeException.class,
                    () -> endpoints.ocspPost(null, new byte[OcspResponder.MAX_REQUEST_BYTES + 1]));

            byte[] query = new TimeStampRequestGenerator().generate(TSPAlgorithms.SHA256, new byte[32]).getEncoded();
            PkiEndpoints.Payload reply = endpoints.timeStamp("application/timestamp-query", query);
            assertEquals("application/timestamp-reply", reply.contentType());
            assertEquals(0, new TimeStampResponse(reply.body()).getStatus());
            assertThrows(UnsupportedMediaTypeException.class, () -> endpoints.timeStamp("application/octet-stream", query));
            assertThrows(PayloadTooLargeException.class, () -> endpoints.timeStamp("application/timestamp-query",
                    new byte[TimeStampAuthority.MAX_REQUEST_BYTES + 1]));

            // A CA created after start is answered for by OCSP once the services reload their CAs.
            org.onewindow.service.keys.KeyCustody custody = pki.cas().get("demo-root").custody();
            org.onewindow.service.keys.KeyRef caKey = custody.generateKey("late-ca", org.onewindow.service.keys.KeySpec.EC_P256);
            CertificateAuthority late = pki.demo().root().createSubordinate("late-ca",
                    new CertificateSubject("后建CA (TEST)", CertificateSubject.CENTER), caKey, custody,
                    Duration.ofDays(100), true, pki.repository());
            org.onewindow.service.keys.KeyRef sealKey = custody.generateKey("late-seal",
                    org.onewindow.service.keys.KeySpec.EC_P256);
            java.security.cert.X509Certificate seal = late.issue(CertificateRequest.seal(
                    new CertificateSubject("受理专用章", CertificateSubject.CENTER), custody.publicKey(sealKey),
                    Duration.ofDays(10)));
            CertificateID lateId = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                    .get(CertificateID.HASH_SHA1), new X509CertificateHolder(late.certificate().getEncoded()),
                    seal.getSerialNumber());
            byte[] lateRequest = new OCSPReqBuilder().addRequest(lateId).build().getEncoded();
            assertTrue(((BasicOCSPResp) new OCSPResp(endpoints.ocspPost(null, lateRequest).body()).getResponseObject())
                    .getResponses()[0].getCertStatus() instanceof org.bouncycastle.cert.ocsp.UnknownStatus);
            pki.reloadCas();
            assertEquals(org.bouncycastle.cert.ocsp.CertificateStatus.GOOD,
                    ((BasicOCSPResp) new OCSPResp(endpoints.ocspPost(null, lateRequest).body()).getResponseObject())
                            .getResponses()[0].getCertStatus());

            // A restart finds the same hierarchy instead of creating a new one.
            PkiServices restarted = start(store);
            assertEquals(pki.demo().root().certificate(), restarted.demo().root().certificate());
            assertEquals(pki.tsa().chain(), restarted.tsa().chain());
        }
    }
}
