package org.onewindow.service.ofd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ofdrw.reader.OFDReader;
import org.onewindow.service.verify.Indication;
import org.onewindow.service.verify.PdfVerifier;
import org.onewindow.service.verify.SubIndication;
import org.onewindow.service.verify.VerificationPolicy;
import org.onewindow.service.verify.VerificationReport;
import org.onewindow.service.ses.SesSeal;
import org.onewindow.service.ses.SesSealParser;
import org.onewindow.service.ses.SesSignature;

class OfdSealerTest {
    final SealedSamples s = SealedSamples.get();

    @TempDir
    Path dir;

    @Test
    void twoSealsAreLaidOutAsGbt33190DescribesWithStampsAtTheTemplatePositions() throws Exception {
        Map<String, byte[]> files = OfdZip.read(s.twoSeals);
        for (String path : List.of("Doc_0/Signs/Signatures.xml", "Doc_0/Signs/Sign_0/Signature.xml",
                "Doc_0/Signs/Sign_0/SignedValue.dat", "Doc_0/Signs/Sign_0/Seal.esl",
                "Doc_0/Signs/Sign_1/Signature.xml", "Doc_0/Signs/Sign_1/SignedValue.dat")) {
            assertTrue(files.containsKey(path), () -> path + " missing in " + files.keySet());
        }
        assertTrue(OfdZip.text(files, "OFD.xml").contains("Signatures.xml"), "OFD.xml points at the signature list");
        String first = OfdZip.text(files, "Doc_0/Signs/Sign_0/Signature.xml");
        assertTrue(first.contains("CheckMethod=\"SM3\""), first);
        assertTrue(first.contains("1.2.156.10197.1.501"), "SM3withSM2 signature method");
        assertFalse(first.contains("Signatures.xml"), "continue-signing leaves the signature list unprotected");
        OfdDocument.SealField field = s.decision.sealField("departmentSeal");
        java.util.regex.Matcher boundary = java.util.regex.Pattern.compile("Boundary=\"([0-9.]+) ([0-9.]+) 42 42\"")
                .matcher(first);
        assertTrue(boundary.find(), first);
        assertEquals(field.xMm(), Double.parseDouble(boundary.group(1)), 0.001);
        assertEquals(field.yMm(), Double.parseDouble(boundary.group(2)), 0.001);

        SesSignature second = SesSignature.parse(files.get("Doc_0/Signs/Sign_1/SignedValue.dat"));
        assertEquals(4, second.version());
        assertEquals("/Doc_0/Signs/Sign_1/Signature.xml", second.propertyInfo());
        assertEquals("审批专用章", second.seal().name());
        assertTrue(second.timeStamp().isPresent(), "the second seal was time-stamped");
    }

    @Test
    void bothSealsVerifyAndTheFirstStaysValidAfterTheSecond() {
        VerificationReport afterOne = new OfdVerifier(s.trusting).verify(s.oneSeal);
        assertEquals(Indication.TOTAL_PASSED, afterOne.indication(), afterOne::toString);

        // through the verifier entry point the API, CLI and public page use: content detection picks OFD
        VerificationReport report = new PdfVerifier(s.trusting).verify(s.twoSeals);
        assertEquals(Indication.TOTAL_PASSED, report.indication(), report::toString);
        assertEquals(2, report.signatures().size());
        VerificationReport.SignatureReport department = report.signatures().get(0);
        VerificationReport.SignatureReport center = report.signatures().get(1);
        assertEquals(SealedSamples.DEPARTMENT, department.signerOrganization().orElseThrow());
        assertEquals(SealedSamples.CENTER, center.signerOrganization().orElseThrow());
        assertTrue(department.digestIntact() && department.signatureValueValid() && department.chainTrusted());
        assertTrue(department.timeStamp().isEmpty());
        assertTrue(center.timeStamp().orElseThrow().valid(), center::toString);
        assertTrue(center.fieldName().contains("审批专用章"), center.fieldName());
        assertTrue(report.summary().startsWith("文件完整，未被篡改；共2个签章"), report.summary());
    }

    @Test
    void withoutTrustAnchorsTheSealsAreIndeterminate() {
        VerificationReport report = new OfdVerifier(VerificationPolicy.trusting(List.of())).verify(s.twoSeals);
        assertEquals(Indication.INDETERMINATE, report.indication());
        assertEquals(SubIndication.NO_CERTIFICATE_CHAIN_FOUND, report.subIndication().orElseThrow());
    }

    @Test
    void anUnsealedOfdHasNoSignature() {
        VerificationReport report = new OfdVerifier(s.trusting).verify(s.decision.ofd());
        assertEquals(SubIndication.NO_SIGNATURE, report.subIndication().orElseThrow());
    }

    /**
     * ofdrw's reader still opens the sealed package and reads its text. Its stamp rendering cannot be used here:
     * ofdrw-gm 2.3.3 parses seals with Bouncy Castle 1.68 methods that 1.81 no longer has, so the seal picture is
     * checked directly: the stamp shows the seal's red PNG.
     */
    @Test
    void theSealedPackageStillOpensAndEachStampCarriesARedSealPicture() throws Exception {
        Path file = dir.resolve("sealed.ofd");
        Files.write(file, s.twoSeals);
        try (OFDReader reader = new OFDReader(file)) {
            String text = String.join("", new org.ofdrw.reader.ContentExtractor(reader).extractAll());
            assertTrue(text.contains("准予行政许可决定书"), text);
            assertEquals(2, reader.getDefaultSignatures().getSignatures().size());
        }
        Map<String, byte[]> files = OfdZip.read(s.twoSeals);
        for (String esl : List.of("Doc_0/Signs/Sign_0/Seal.esl", "Doc_0/Signs/Sign_1/Seal.esl")) {
            SesSeal seal = SesSealParser.parse(files.get(esl));
            assertEquals("png", seal.pictureType());
            assertEquals(40, seal.widthMm());
            BufferedImage picture = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(seal.picture()));
            assertTrue(OfdPageImages.Pixels.count(picture).red() > 10_000, esl);
        }
    }

    @Test
    void anchorPlacementCentresTheSealOverTheLastOccurrence() {
        OfdDocument notice = OfdTemplateRendererTest.RENDERER.renderSample("acceptance-notice",
                OfdTemplateRendererTest.PUBLIC_URL);
        byte[] sealed = s.sealer.seal(notice.ofd(), OfdSealRequest.of(s.center,
                new OfdSealPlacement.Anchor("2026年11月25日", 0, 40)));
        String signature = OfdZip.text(OfdZip.read(sealed), "Doc_0/Signs/Sign_0/Signature.xml");
        OfdDocument.SealField field = notice.sealField("acceptanceSeal");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Boundary=\"([0-9.]+) ([0-9.]+) 40")
                .matcher(signature);
        assertTrue(m.find(), signature);
        double x = Double.parseDouble(m.group(1));
        assertEquals(field.xMm(), x, 6, "centred over the date, under the template's seal position");
        assertEquals(Indication.TOTAL_PASSED, new OfdVerifier(s.trusting).verify(sealed).indication());

        OfdSealPlacementException missing = assertThrows(OfdSealPlacementException.class, () -> s.sealer.seal(
                notice.ofd(), OfdSealRequest.of(s.center, new OfdSealPlacement.Anchor("不存在的文字", 0, 40))));
        assertTrue(missing.getMessage().contains("不存在的文字"));
        assertThrows(OfdSealPlacementException.class, () -> s.sealer.seal(notice.ofd(),
                OfdSealRequest.of(s.center, new OfdSealPlacement.PageArea(9, 10, 10, 40, 40))));
        assertThrows(OfdSealPlacementException.class, () -> s.sealer.seal(notice.ofd(),
                OfdSealRequest.of(s.center, new OfdSealPlacement.PageArea(1, 190, 10, 40, 40))));
    }

    @Test
    void aClosingSealProtectsTheSignatureListAndRefusesFurtherSeals() {
        OfdDocument.SealField field = s.decision.sealField("approvalSeal");
        byte[] closed = s.sealer.seal(s.oneSeal, new OfdSealRequest(s.center, field.placement(), false, true));
        assertTrue(OfdZip.text(OfdZip.read(closed), "Doc_0/Signs/Sign_1/Signature.xml").contains("Signatures.xml"));
        assertEquals(Indication.TOTAL_PASSED, new OfdVerifier(s.trusting).verify(closed).indication());
        assertThrows(OfdSealingException.class, () -> s.sealer.seal(closed, OfdSealRequest.of(s.department,
                field.placement())));
    }
}
