package org.onewindow.service.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureScopeType;
import eu.europa.esig.dss.enumerations.TimestampType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** Each PAdES level, checked by pdfsig (NSS), EU DSS and qpdf. */
class PdfSealerTest {
    @TempDir
    static Path dir;
    static SealingFixture pki;
    static SealIdentity seal;
    static Path nss;

    @BeforeAll
    static void setUp() throws Exception {
        pki = new SealingFixture(dir);
        seal = pki.acceptanceSeal();
        nss = PdfOracles.nssDb(dir, pki.rootPem);
    }

    @ParameterizedTest
    @EnumSource(PadesLevel.class)
    void eachLevelIsValidForPdfsigAndDssAndQpdf(PadesLevel level) throws Exception {
        Path input = SampleDocuments.notice(dir.resolve("notice-" + level + ".pdf"), 2, false);
        Path output = dir.resolve("sealed-" + level + ".pdf");
        SealResult result = pki.sealer().seal(input, output, seal,
                SealRequest.of(level, new SealPlacement.Anchor(SampleDocuments.ANCHOR), "受理", "敦煌市行政服务中心"));

        assertEquals(2, result.page());
        assertEquals(level, result.level());
        assertEquals(PdfSealer.sha256(input), result.inputSha256());
        assertEquals(PdfSealer.sha256(output), result.outputSha256());
        assertNotEquals(result.inputSha256(), result.outputSha256());
        // incremental update: the original bytes are a prefix of the sealed file
        byte[] original = Files.readAllBytes(input);
        byte[] sealed = Files.readAllBytes(output);
        assertTrue(java.util.Arrays.equals(original, 0, original.length, sealed, 0, original.length));

        PdfOracles.assertPdfsigValid(output, nss, 1);
        assertBaselineAttributes(output, result.fieldName());
        PdfOracles.assertQpdfClean(output);
        // B-LT and up must validate from embedded data alone; B-B/B-T get the published CRLs as a relying party would
        List<PdfOracles.DssSignature> dss = PdfOracles.dss(output, pki.root(),
                level.needsRevocationData() ? List.of() : pki.publishedCrls());
        assertEquals(1, dss.size(), dss.toString());
        assertEquals(Indication.TOTAL_PASSED, dss.get(0).indication(), dss.toString());
        assertEquals(level.etsiName(), dss.get(0).format().toString(), dss.toString());
        // B-B/B-T: the signature covers the whole file. B-LT/B-LTA append the DSS (and document time-stamp) after
        // the signature, which DSS reports as a partial scope of the signature's own revision.
        assertEquals(level.needsRevocationData() ? SignatureScopeType.PARTIAL : SignatureScopeType.FULL,
                dss.get(0).scopes().get(0), dss.toString());
        List<PdfOracles.DssTimestamp> timestamps = dss.get(0).timestamps();
        assertEquals(level.needsTimeStamp(), timestamps.stream().anyMatch(t -> t.type()
                == TimestampType.SIGNATURE_TIMESTAMP && t.intact()), dss.toString());
        // B-LTA: the document time-stamp covers the whole final file
        assertEquals(level == PadesLevel.B_LTA, timestamps.stream().anyMatch(t -> t.type()
                == TimestampType.DOCUMENT_TIMESTAMP && t.intact() && t.scopes().contains(SignatureScopeType.FULL)),
                dss.toString());
    }

    /**
     * PAdES baseline (ETSI EN 319 142-1, 6.3): the CMS carries signing-certificate-v2 and no signing-time attribute;
     * the claimed signing time is the signature dictionary's /M; /SubFilter is ETSI.CAdES.detached.
     */
    static void assertBaselineAttributes(Path pdf, String field) throws Exception {
        try (com.itextpdf.kernel.pdf.PdfDocument document = new com.itextpdf.kernel.pdf.PdfDocument(
                new com.itextpdf.kernel.pdf.PdfReader(pdf.toFile()))) {
            com.itextpdf.signatures.PdfSignature signature =
                    new com.itextpdf.signatures.SignatureUtil(document).getSignature(field);
            assertEquals("/ETSI.CAdES.detached", signature.getSubFilter().toString());
            assertTrue(signature.getDate() != null, "/M is present");
            org.bouncycastle.cms.CMSSignedData cms = new org.bouncycastle.cms.CMSSignedData(
                    signature.getContents().getValueBytes());
            org.bouncycastle.cms.SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
            var attributes = signer.getSignedAttributes();
            assertTrue(attributes.get(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_aa_signingCertificateV2)
                    != null, "signing-certificate-v2");
            assertEquals(null, attributes.get(org.bouncycastle.asn1.cms.CMSAttributes.signingTime), "no signing-time");
        }
    }
}
