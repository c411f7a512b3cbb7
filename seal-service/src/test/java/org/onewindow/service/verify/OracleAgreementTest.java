package org.onewindow.service.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.StampingProperties;

import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.validation.PDFDocumentValidator;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.reports.Reports;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.pki.Pem;
import org.onewindow.service.sign.PadesLevel;

/** On the sealer's outputs and tampered versions of them, our verdict agrees with poppler's pdfsig and EU DSS. */
class OracleAgreementTest {
    @TempDir
    static Path dir;
    static VerifyFixture fixture;
    static Path nss;
    static Path valid;
    static Path lta;
    static Path flipped;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new VerifyFixture(dir);
        Path notice = fixture.notice("notice.pdf");
        var seal = fixture.seal("敦煌市行政服务中心", "受理专用章");
        valid = fixture.sealed(notice, seal, PadesLevel.B_B, "valid.pdf");
        lta = fixture.sealed(notice, seal, PadesLevel.B_LTA, "lta.pdf");
        byte[] bytes = Files.readAllBytes(valid);
        bytes[11] ^= 0x01;
        flipped = Files.write(dir.resolve("flipped.pdf"), bytes);
        Path rootPem = Files.writeString(dir.resolve("root.pem"), Pem.encode(fixture.root()));
        nss = Files.createDirectories(dir.resolve("nss"));
        run("certutil", "-N", "-d", "sql:" + nss, "--empty-password");
        run("certutil", "-A", "-d", "sql:" + nss, "-n", "ca", "-t", "CT,C,C", "-i", rootPem.toString());
    }

    static String run(String... command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException(command[0] + " is missing: install the Debian package "
                    + (command[0].equals("certutil") ? "libnss3-tools" : "poppler-utils"), e);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " timed out");
        return out;
    }

    static String pdfsig(Path pdf) throws Exception {
        // -no-ocsp: pdfsig would otherwise fetch OCSP from the AIA URL, which tests cannot reach
        return run("pdfsig", "-nssdir", "sql:" + nss, "-no-ocsp", pdf.toString());
    }

    static eu.europa.esig.dss.enumerations.Indication dss(Path pdf, java.security.cert.X509Certificate root) {
        PDFDocumentValidator validator = new PDFDocumentValidator(new FileDocument(pdf.toFile()));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(root));
        verifier.setTrustedCertSources(trusted);
        verifier.setAIASource(null);
        verifier.setCrlSource(null);
        verifier.setOcspSource(null);
        validator.setCertificateVerifier(verifier);
        Reports reports = validator.validateDocument();
        String id = reports.getSimpleReport().getFirstSignatureId();
        return reports.getSimpleReport().getIndication(id);
    }

    private static VerificationReport ours(Path pdf) {
        return PdfVerifier.verify(pdf, fixture.policy());
    }

    @Test
    void validSealAllAgree() throws Exception {
        assertEquals(Indication.TOTAL_PASSED, ours(valid).indication());
        String out = pdfsig(valid);
        assertTrue(out.contains("Signature Validation: Signature is Valid."), out);
        assertTrue(out.contains("Certificate Validation: Certificate is Trusted."), out);
        assertTrue(out.contains("Total document signed"), out);
    }

    @Test
    void baselineLtaAgreesWithDss() {
        assertEquals(Indication.TOTAL_PASSED, ours(lta).indication());
        assertEquals(eu.europa.esig.dss.enumerations.Indication.TOTAL_PASSED, dss(lta, fixture.root()));
    }

    @Test
    void aFlippedByteFailsEverywhere() throws Exception {
        VerificationReport report = ours(flipped);
        assertEquals(Indication.TOTAL_FAILED, report.indication());
        assertEquals(SubIndication.HASH_FAILURE, report.subIndication().orElseThrow());
        String out = pdfsig(flipped);
        assertFalse(out.contains("Signature Validation: Signature is Valid."), out);
        assertTrue(out.contains("Digest Mismatch"), out);
        assertEquals(eu.europa.esig.dss.enumerations.Indication.TOTAL_FAILED, dss(flipped, fixture.root()));
    }

    @Test
    void aForeignCaIsUntrustedEverywhere() throws Exception {
        VerifyFixture other = new VerifyFixture(Files.createDirectories(dir.resolve("other")));
        Path foreign = other.sealed(dir.resolve("notice.pdf"), other.seal("某某公司", "合同专用章"), PadesLevel.B_B,
                "foreign.pdf");
        assertEquals(SubIndication.NO_CERTIFICATE_CHAIN_FOUND, ours(foreign).subIndication().orElseThrow());
        String out = pdfsig(foreign);
        assertTrue(out.contains("Signature Validation: Signature is Valid."), out);
        assertFalse(out.contains("Certificate Validation: Certificate is Trusted."), out);
        assertEquals(eu.europa.esig.dss.enumerations.Indication.INDETERMINATE, dss(foreign, fixture.root()));
    }

    @Test
    void aPageAddedAfterSigningIsSeenAsPartialCoverageByPdfsig() throws Exception {
        Path out = dir.resolve("page-added.pdf");
        try (PdfDocument pdf = new PdfDocument(new PdfReader(valid.toFile()), new PdfWriter(out.toFile()),
                new StampingProperties().useAppendMode())) {
            pdf.addNewPage();
        }
        VerificationReport report = ours(out);
        assertEquals(SubIndication.DISALLOWED_MODIFICATION, report.subIndication().orElseThrow());
        String text = pdfsig(out);
        // pdfsig's crypto check passes, but it reports that the signature does not cover the whole document
        assertTrue(text.contains("Signature Validation: Signature is Valid."), text);
        assertFalse(text.contains("Total document signed"), text);
        assertTrue(text.contains("Not total document signed"), text);
        assertFalse(report.signatures().get(0).coversWholeFile());
        assertTrue(report.signatures().get(0).digestIntact());
    }
}
