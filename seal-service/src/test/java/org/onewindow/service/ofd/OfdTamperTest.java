package org.onewindow.service.ofd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.jcajce.provider.digest.SM3;
import org.junit.jupiter.api.Test;
import org.ofdrw.gm.ses.v4.SESeal;
import org.onewindow.service.ses.SesSigner;
import org.onewindow.service.verify.Indication;
import org.onewindow.service.verify.SubIndication;
import org.onewindow.service.verify.UnverifiableDocumentException;
import org.onewindow.service.verify.VerificationPolicy;
import org.onewindow.service.verify.VerificationReport;

/** Every tampered or hostile variant of a sealed OFD is refused, each with its reason. */
class OfdTamperTest {
    static final String SIGN_0 = "Doc_0/Signs/Sign_0/";
    static final String SIGN_1 = "Doc_0/Signs/Sign_1/";
    final SealedSamples s = SealedSamples.get();

    private VerificationReport verify(byte[] ofd) {
        return new OfdVerifier(s.trusting).verify(ofd);
    }

    private static void assertFailed(VerificationReport report, SubIndication expected, String reasonPart) {
        assertEquals(Indication.TOTAL_FAILED, report.indication(), report::toString);
        assertTrue(report.signatures().stream().anyMatch(sig -> sig.subIndication().orElse(null) == expected
                        && sig.errors().stream().anyMatch(e -> e.contains(reasonPart))),
                () -> "expected " + expected + " with \"" + reasonPart + "\" in " + report.signatures());
    }

    @Test
    void aChangedPageIsDetectedByBothSeals() {
        byte[] tampered = OfdZip.editText(s.twoSeals, "Doc_0/Pages/Page_0/Content.xml",
                xml -> xml.replace("准予", "不予"));
        VerificationReport report = verify(tampered);
        assertFailed(report, SubIndication.HASH_FAILURE, "/Doc_0/Pages/Page_0/Content.xml was changed");
        assertTrue(report.signatures().stream().allMatch(r -> !r.digestIntact()));
    }

    @Test
    void aMovedStampIsDetected() {
        byte[] tampered = OfdZip.editText(s.twoSeals, SIGN_1 + "Signature.xml",
                xml -> xml.replaceFirst("Boundary=\"([0-9.]+) ", "Boundary=\"12.5 "));
        assertFailed(verify(tampered), SubIndication.HASH_FAILURE, "Signature.xml was changed after sealing");
    }

    @Test
    void swappedSignedValuesAreDetected() {
        Map<String, byte[]> files = OfdZip.read(s.twoSeals);
        byte[] first = files.get(SIGN_0 + "SignedValue.dat");
        files.put(SIGN_0 + "SignedValue.dat", files.get(SIGN_1 + "SignedValue.dat"));
        files.put(SIGN_1 + "SignedValue.dat", first);
        VerificationReport report = verify(OfdZip.write(files));
        assertFailed(report, SubIndication.HASH_FAILURE, "Signature.xml was changed after sealing");
        assertTrue(report.signatures().get(0).errors().stream().anyMatch(e -> e.contains("swapped")));
    }

    @Test
    void aFileAddedAfterSealingIsDetected() {
        Map<String, byte[]> files = OfdZip.read(s.twoSeals);
        files.put("Doc_0/Res/extra.png", new byte[] {1, 2, 3});
        assertFailed(verify(OfdZip.write(files)), SubIndication.DISALLOWED_MODIFICATION,
                "/Doc_0/Res/extra.png was added after sealing");
    }

    @Test
    void aRemovedProtectedFileIsDetected() {
        Map<String, byte[]> files = OfdZip.read(s.twoSeals);
        files.remove("Doc_0/PublicRes.xml");
        assertFailed(verify(OfdZip.write(files)), SubIndication.HASH_FAILURE, "/Doc_0/PublicRes.xml was removed");
    }

    @Test
    void aReplacedSealFileIsDetected() {
        Map<String, byte[]> files = OfdZip.read(s.twoSeals);
        files.put(SIGN_1 + "Seal.esl", files.get(SIGN_0 + "Seal.esl"));
        assertFailed(verify(OfdZip.write(files)), SubIndication.HASH_FAILURE, "seal replaced");
    }

    @Test
    void aSwappedSealImageIsDetected() {
        // The picture inside the stored seal is what a reader shows as the stamp: change its pixels in place
        // (same length, so the DER around it stays well-formed) and the seal must no longer verify.
        Map<String, byte[]> files = OfdZip.read(s.twoSeals);
        byte[] seal = files.get(SIGN_1 + "Seal.esl").clone();
        int idat = indexOf(seal, "IDAT".getBytes(StandardCharsets.US_ASCII));
        assertTrue(idat > 0, "the seal carries a PNG picture");
        seal[idat + 12] ^= (byte) 0x5a;
        files.put(SIGN_1 + "Seal.esl", seal);
        VerificationReport report = verify(OfdZip.write(files));
        assertEquals(Indication.TOTAL_FAILED, report.indication(), report::toString);
        assertTrue(report.signatures().get(1).errors().stream().anyMatch(e -> e.contains("Seal.esl was changed after sealing")),
                () -> report.signatures().get(1).errors().toString());
    }

    private static int indexOf(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void aSealWithAForgedMakerSignatureIsRefused() throws Exception {
        SESeal forged = s.pki.seal(s.centerParty, SealedSamples.CENTER, "审批专用章");
        forged.setSignedValue(SesFixtures.sign(s.centerParty, SesFixtures.makerSignedData(forged))); // not the maker
        byte[] sealed = s.sealer.seal(s.decision.ofd(), OfdSealRequest.of(SesFixtures.softSigner(s.centerParty,
                forged), s.decision.sealField("approvalSeal").placement()));
        assertFailed(verify(sealed), SubIndication.SIG_CRYPTO_FAILURE, "seal maker's signature");
    }

    @Test
    void aSignerOutsideTheSealsCertificateListIsRefused() {
        byte[] sealed = s.sealer.seal(s.decision.ofd(), OfdSealRequest.of(
                SesFixtures.softSigner(s.departmentParty, s.centerSeal), // the center's seal, the department's key
                s.decision.sealField("approvalSeal").placement()));
        assertFailed(verify(sealed), SubIndication.FORMAT_FAILURE, "not in the seal's certificate list");
    }

    @Test
    void anExpiredSealIsRefused() {
        Instant now = Instant.now();
        SESeal expired = s.pki.seal(s.centerParty, SealedSamples.CENTER, "审批专用章",
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)), s.pki.maker);
        byte[] sealed = s.sealer.seal(s.decision.ofd(), OfdSealRequest.of(SesFixtures.softSigner(s.centerParty,
                expired), s.decision.sealField("approvalSeal").placement()));
        assertFailed(verify(sealed), SubIndication.FORMAT_FAILURE, "not valid at the signing time");
    }

    @Test
    void aSignatureValueFromAnotherKeyIsRefused() {
        SesSigner wrongKey = SesFixtures.signer(s.centerParty.certificate(), s.departmentParty,
                SesFixtures.der(s.centerSeal));
        byte[] sealed = s.sealer.seal(s.decision.ofd(), OfdSealRequest.of(wrongKey,
                s.decision.sealField("approvalSeal").placement()));
        assertFailed(verify(sealed), SubIndication.SIG_CRYPTO_FAILURE, "does not verify with the signer's");
    }

    /** Re-signed by the legitimate signer with the SM3 OID as check method: accepted like "SM3". */
    @Test
    void theSm3OidIsAcceptedAsCheckMethod() throws Exception {
        Map<String, byte[]> files = OfdZip.read(s.oneSeal);
        String signatureXml = OfdZip.text(files, SIGN_0 + "Signature.xml")
                .replace("CheckMethod=\"SM3\"", "CheckMethod=\"1.2.156.10197.1.401\"");
        byte[] xml = signatureXml.getBytes(StandardCharsets.UTF_8);
        files.put(SIGN_0 + "Signature.xml", xml);
        ASN1Sequence ses = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(files.get(SIGN_0 + "SignedValue.dat")));
        ASN1Sequence tbs = ASN1Sequence.getInstance(ses.getObjectAt(0));
        ASN1EncodableVector newTbs = new ASN1EncodableVector();
        newTbs.add(tbs.getObjectAt(0));
        newTbs.add(tbs.getObjectAt(1));
        newTbs.add(tbs.getObjectAt(2));
        newTbs.add(new DERBitString(new SM3.Digest().digest(xml)));
        newTbs.add(new DERIA5String("/" + SIGN_0 + "Signature.xml"));
        DERSequence toSign = new DERSequence(newTbs);
        ASN1EncodableVector newSes = new ASN1EncodableVector();
        newSes.add(toSign);
        newSes.add(ses.getObjectAt(1));
        newSes.add(ses.getObjectAt(2));
        newSes.add(new DERBitString(SesFixtures.sign(s.departmentParty, toSign.getEncoded(ASN1Encoding.DER))));
        files.put(SIGN_0 + "SignedValue.dat", new DERSequence(newSes).getEncoded(ASN1Encoding.DER));
        VerificationReport report = verify(OfdZip.write(files));
        assertEquals(Indication.TOTAL_PASSED, report.indication(), report::toString);

        files.put(SIGN_0 + "Signature.xml", signatureXml.replace("1.2.156.10197.1.401", "SHA-256")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(Indication.TOTAL_FAILED, verify(OfdZip.write(files)).indication());
    }

    @Test
    void aCheckValueThatIsNotBase64IsAFormatFailure() {
        byte[] tampered = OfdZip.editText(s.oneSeal, SIGN_0 + "Signature.xml",
                xml -> xml.replaceFirst("<ofd:CheckValue>[^<]+</ofd:CheckValue>", "<ofd:CheckValue>!!</ofd:CheckValue>"));
        assertEquals(Indication.TOTAL_FAILED, verify(tampered).indication());
    }

    // ---- hostile packages -----------------------------------------------------------------------------------------

    private static byte[] zip(Map<String, byte[]> entries) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private UnverifiableDocumentException unverifiable(byte[] ofd, VerificationPolicy policy) {
        return assertThrows(UnverifiableDocumentException.class, () -> new OfdVerifier(policy).verify(ofd));
    }

    @Test
    void zipSlipIsRefused() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>(OfdZip.read(s.oneSeal));
        files.put("../../etc/cron.d/evil", "x".getBytes(StandardCharsets.UTF_8));
        UnverifiableDocumentException e = unverifiable(zip(files), s.trusting);
        assertEquals(UnverifiableDocumentException.Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("zip-slip"), e.getMessage());
        // the sealer refuses it before ofdrw unpacks anything
        assertThrows(MalformedOfdException.class, () -> s.sealer.seal(zip(files),
                OfdSealRequest.of(s.center, new OfdSealPlacement.PageArea(1, 10, 10, 40, 40))));
    }

    @Test
    void decompressionBombsAreRefused() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>(OfdZip.read(s.oneSeal));
        files.put("Doc_0/Res/large.bin", new byte[20 << 20]);
        VerificationPolicy small = new VerificationPolicy(s.trusting.trustAnchors(), 100 << 20, Duration.ofSeconds(20),
                16 << 20, false, java.util.Optional.empty());
        UnverifiableDocumentException e = unverifiable(zip(files), small);
        assertEquals(UnverifiableDocumentException.Reason.RESOURCE_LIMIT, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("large.bin"), e.getMessage());

        // a classic bomb: 60 MB of zeros in a 60 kB package (inflation ratio 1000)
        UnverifiableDocumentException bomb = unverifiable(zip(Map.of("OFD.xml", new byte[60 << 20])), s.trusting);
        assertEquals(UnverifiableDocumentException.Reason.RESOURCE_LIMIT, bomb.reason(), bomb.getMessage());
        assertTrue(bomb.getMessage().contains("decompression bomb"), bomb.getMessage());
    }

    @Test
    void hugeXmlIsRefused() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>(OfdZip.read(s.oneSeal));
        String ofd = OfdZip.text(files, "OFD.xml");
        StringBuilder padding = new StringBuilder();
        for (int i = 0; i < 300_000; i++) {
            padding.append("<!-- x").append(i).append(" -->");
        }
        files.put("OFD.xml", ofd.replace("</ofd:OFD>", padding + "</ofd:OFD>").getBytes(StandardCharsets.UTF_8));
        UnverifiableDocumentException e = unverifiable(zip(files), s.trusting);
        assertEquals(UnverifiableDocumentException.Reason.RESOURCE_LIMIT, e.reason(), e.getMessage());
    }

    @Test
    void externalEntitiesAreRefused() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>(OfdZip.read(s.oneSeal));
        String ofd = OfdZip.text(files, "OFD.xml");
        String xxe = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + ofd.substring(ofd.indexOf("<ofd:OFD")).replace("</ofd:DocBody>", "&x;</ofd:DocBody>");
        files.put("OFD.xml", xxe.getBytes(StandardCharsets.UTF_8));
        UnverifiableDocumentException e = unverifiable(zip(files), s.trusting);
        assertEquals(UnverifiableDocumentException.Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void aZipWithoutOfdXmlIsNotAnOfd() throws Exception {
        assertTrue(!OfdPackage.looksLikeOfd(zip(Map.of("word/document.xml", new byte[] {1}))));
        assertTrue(OfdPackage.looksLikeOfd(s.oneSeal));
        UnverifiableDocumentException e = unverifiable(zip(Map.of("a.txt", new byte[] {1})), s.trusting);
        assertTrue(e.getMessage().contains("no OFD.xml"), e.getMessage());
    }

    /** What the verifier reads must be what a viewer reads: the central directory and the entries must agree. */
    @Test
    void ambiguousZipContainersAreRefused() throws Exception {
        byte[] prefixed = (new String("%PDF-1.7 polyglot\n")).getBytes(StandardCharsets.US_ASCII);
        byte[] polyglot = new byte[prefixed.length + s.oneSeal.length];
        System.arraycopy(prefixed, 0, polyglot, 0, prefixed.length);
        System.arraycopy(s.oneSeal, 0, polyglot, prefixed.length, s.oneSeal.length);
        assertTrue(!OfdPackage.looksLikeOfd(polyglot));
        assertThrows(MalformedOfdException.class, () -> OfdPackage.read(polyglot, OfdPackage.Limits.DEFAULT));

        byte[] renamed = zip(Map.of("OFD.xml", "<x/>".getBytes(StandardCharsets.UTF_8)));
        renamed[30 + 6] = 'X'; // the local header now says "OFD.xmX", the central directory "OFD.xml"
        MalformedOfdException mismatch = assertThrows(MalformedOfdException.class,
                () -> OfdPackage.read(renamed, OfdPackage.Limits.DEFAULT));
        assertTrue(mismatch.getMessage().contains("names another file"), mismatch.getMessage());

        byte[] corrupted = zip(Map.of("OFD.xml", "<ofd:OFD xmlns:ofd=\"x\"/>".getBytes(StandardCharsets.UTF_8)));
        byte[] stored = java.util.Arrays.copyOf(corrupted, corrupted.length);
        stored[40] ^= 0x55; // a byte of the deflated data: damaged data or a CRC mismatch, never silent
        assertThrows(MalformedOfdException.class, () -> OfdPackage.read(stored, OfdPackage.Limits.DEFAULT));
    }

    @Test
    void aCheckValueIsBase64OfTheSm3Hash() {
        String xml = OfdZip.text(OfdZip.read(s.oneSeal), SIGN_0 + "Signature.xml");
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("FileRef=\"/OFD.xml\"><ofd:CheckValue>([^<]+)<").matcher(xml);
        assertTrue(m.find(), xml);
        assertEquals(Base64.getEncoder().encodeToString(new SM3.Digest().digest(OfdZip.read(s.oneSeal).get("OFD.xml"))),
                m.group(1));
        assertTrue(List.of(OfdVerifier.SM3_NAMES.toArray()).contains("1.2.156.10197.1.401"));
    }
}
