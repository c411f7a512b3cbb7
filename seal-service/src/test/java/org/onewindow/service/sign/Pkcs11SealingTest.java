package org.onewindow.service.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import eu.europa.esig.dss.enumerations.Indication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.keys.KeyRef;
import org.onewindow.service.keys.KeySpec;
import org.onewindow.service.keys.Pkcs11KeyCustody;
import org.onewindow.service.keys.SoftHsmToken;
import org.onewindow.service.pki.CertificateRequest;
import org.onewindow.service.pki.CertificateSubject;
import org.onewindow.service.seal.image.SealImageSpec;
import org.onewindow.service.seal.image.SealLayout;

/** A seal whose key was generated inside a SoftHSM2 token (not extractable) seals at B-LT; pdfsig and DSS agree. */
class Pkcs11SealingTest {
    @TempDir
    Path dir;

    @Test
    void hsmKeySealsAtBaselineLt() throws Exception {
        SealingFixture pki = new SealingFixture(dir);
        Pkcs11KeyCustody hsm = new Pkcs11KeyCustody(SoftHsmToken.config(), Map.of());
        KeyRef key = hsm.generateKey("seal-hsm-" + UUID.randomUUID().toString().substring(0, 8), KeySpec.EC_P256);
        // The chain is given to the seal identity, not stored in the token: the token is shared with other tests
        // in this JVM, and SunPKCS11 builds chains by subject name, so another demo hierarchy's CA certificates
        // (same names, other keys) there would break their chains.
        java.security.cert.X509Certificate leaf = pki.hierarchy.issuing().issue(CertificateRequest.seal(
                new CertificateSubject("审批专用章", CertificateSubject.CENTER), hsm.publicKey(key), Duration.ofDays(30)));
        List<java.security.cert.X509Certificate> chain = new java.util.ArrayList<>(List.of(leaf));
        chain.addAll(pki.hierarchy.issuing().chain());
        SealIdentity seal = new SealIdentity(hsm, key, chain, java.util.Optional.of(
                SealLayout.compute(SealImageSpec.specialSeal(CertificateSubject.CENTER, "审批专用章"))));
        try {
            sealAndCheck(pki, seal);
        } finally {
            hsm.delete(key);
        }
    }

    private void sealAndCheck(SealingFixture pki, SealIdentity seal) throws Exception {

        Path input = SampleDocuments.notice(dir.resolve("hsm.pdf"), 1, true);
        Path output = dir.resolve("hsm-sealed.pdf");
        SealResult result = pki.sealer().seal(input, output, seal, SealRequest.of(PadesLevel.B_LT,
                new SealPlacement.Field(SampleDocuments.FIELD), "办结", "敦煌市行政服务中心"));
        assertEquals(SampleDocuments.FIELD, result.fieldName());

        String pdfsig = PdfOracles.assertPdfsigValid(output, PdfOracles.nssDb(dir, pki.rootPem), 1);
        assertTrue(pdfsig.contains("审批专用章"), pdfsig);
        List<PdfOracles.DssSignature> dss = PdfOracles.dss(output, pki.root(), List.of());
        assertEquals(Indication.TOTAL_PASSED, dss.get(0).indication(), dss.toString());
        assertEquals("PAdES-BASELINE-LT", dss.get(0).format().toString(), dss.toString());
        PdfOracles.assertQpdfClean(output);
    }
}
