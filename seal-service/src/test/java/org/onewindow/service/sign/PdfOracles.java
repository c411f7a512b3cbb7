package org.onewindow.service.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignatureScopeType;
import eu.europa.esig.dss.enumerations.TimestampType;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.validation.PDFDocumentValidator;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.reports.Reports;

/** Independent checkers of sealed PDFs: poppler's pdfsig (NSS), qpdf, EU DSS. */
public final class PdfOracles {
    private PdfOracles() {
    }

    record Run(int exit, String output) {
    }

    static Run run(Path dir, String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException(command[0] + " is missing: install the Debian package "
                    + (command[0].equals("qpdf") ? "qpdf" : command[0].equals("certutil") ? "libnss3-tools"
                    : "poppler-utils"), e);
        }
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " timed out");
        }
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** A temporary NSS database trusting {@code rootPem}. */
    public static Path nssDb(Path dir, Path rootPem) throws Exception {
        Path db = Files.createDirectories(dir.resolve("nss"));
        if (!Files.exists(db.resolve("cert9.db"))) {
            Run init = run(dir, "certutil", "-N", "-d", "sql:" + db, "--empty-password");
            assertEquals(0, init.exit(), init.output());
            Run add = run(dir, "certutil", "-A", "-d", "sql:" + db, "-n", "ca", "-t", "CT,C,C", "-i",
                    rootPem.toString());
            assertEquals(0, add.exit(), add.output());
        }
        return db;
    }

    /**
     * pdfsig's verdict: asserts {@code expected} CMS signatures, each valid and trusted. pdfsig lists document
     * time-stamps (ETSI.RFC3161) without validating them ("Unimplemented Feature"); those are checked by DSS.
     * {@code -no-ocsp}: pdfsig would otherwise fetch OCSP online from the AIA URL, which tests cannot reach.
     *
     * <p>poppler 22.12 reports "Unknown issue with Certificate" for the second signature made with a certificate
     * it has already verified in the same run; such a signature's certificate is then verified on its own revision
     * (the file cut at the end of its byte range), where it is the last signature.
     */
    public static String assertPdfsigValid(Path pdf, Path nssDb, int expected) throws Exception {
        String out = pdfsig(pdf, nssDb);
        int count = occurrences(out, "Signature Type: ETSI.CAdES.detached")
                + occurrences(out, "Signature Type: adbe.pkcs7.detached");
        assertEquals(expected, count, out);
        assertEquals(expected, occurrences(out, "Signature Validation: Signature is Valid."), out);
        String[] blocks = out.split("(?m)^Signature #\\d+:");
        int trusted = 0;
        for (String block : blocks) {
            if (!block.contains("Signature Validation: Signature is Valid.")) {
                continue;
            }
            if (block.contains("Certificate Validation: Certificate is Trusted.")) {
                trusted++;
                continue;
            }
            Matcher range = Pattern.compile("Signed Ranges: \\[\\d+ - \\d+\\], \\[\\d+ - (\\d+)\\]").matcher(block);
            assertTrue(range.find(), out);
            Path revision = pdf.resolveSibling(pdf.getFileName() + ".rev" + range.group(1) + ".pdf");
            try (var in = Files.newInputStream(pdf); var outFile = Files.newOutputStream(revision)) {
                outFile.write(in.readNBytes(Integer.parseInt(range.group(1))));
            }
            String alone = pdfsig(revision, nssDb);
            boolean trustedAlone = false;
            for (String revisionBlock : alone.split("(?m)^Signature #\\d+:")) {
                trustedAlone |= revisionBlock.contains(range.group())
                        && revisionBlock.contains("Signature Validation: Signature is Valid.")
                        && revisionBlock.contains("Certificate Validation: Certificate is Trusted.");
            }
            assertTrue(trustedAlone, alone);
            trusted++;
        }
        assertEquals(expected, trusted, out);
        return out;
    }

    private static String pdfsig(Path pdf, Path nssDb) throws Exception {
        return run(pdf.getParent(), "pdfsig", "-nssdir", "sql:" + nssDb, "-no-ocsp", pdf.toString()).output();
    }

    static int occurrences(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    public static void assertQpdfClean(Path pdf) throws Exception {
        Run result = run(pdf.getParent(), "qpdf", "--check", pdf.toString());
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("No syntax or stream encoding errors found"), result.output());
    }

    /** One signature as EU DSS sees it, with the time-stamps DSS found (type, and whether their imprint holds). */
    record DssSignature(String id, Indication indication, SignatureLevel format, List<SignatureScopeType> scopes,
                        List<DssTimestamp> timestamps) {
    }

    record DssTimestamp(TimestampType type, boolean intact, List<SignatureScopeType> scopes) {
    }

    /** EU DSS validation, offline: embedded revocation data only, the demo root as the only trust anchor. */
    static List<DssSignature> dss(Path pdf, X509Certificate root, List<byte[]> crls) {
        PDFDocumentValidator validator = new PDFDocumentValidator(new FileDocument(pdf.toFile()));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(root));
        verifier.setTrustedCertSources(trusted);
        verifier.setAIASource(null);
        // What a relying party would download from the CRL distribution point; B-LT files need none of it.
        verifier.setCrlSource(crls.isEmpty() ? null : new ExternalResourcesCRLSource(
                crls.stream().map(InMemoryDocument::new).toArray(DSSDocument[]::new)));
        verifier.setOcspSource(null);
        validator.setCertificateVerifier(verifier);
        Reports reports = validator.validateDocument();
        List<DssSignature> result = new ArrayList<>();
        for (SignatureWrapper signature : reports.getDiagnosticData().getSignatures()) {
            result.add(new DssSignature(signature.getId(),
                    reports.getSimpleReport().getIndication(signature.getId()),
                    reports.getSimpleReport().getSignatureFormat(signature.getId()),
                    signature.getSignatureScopes().stream().map(s -> s.getScope()).toList(),
                    reports.getDiagnosticData().getTimestampList().stream().map(t -> new DssTimestamp(t.getType(),
                            t.isMessageImprintDataFound() && t.isMessageImprintDataIntact(),
                            t.getTimestampScopes().stream().map(x -> x.getScope()).toList())).toList()));
        }
        return result;
    }
}
