package org.onewindow.service.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.keys.KeyCustody;
import org.onewindow.service.keys.KeyRef;
import org.onewindow.service.keys.KeySpec;
import org.onewindow.service.testsupport.Openssl;

/**
 * The PKI checked by openssl as an independent implementation: chains ({@code openssl verify}), CRLs
 * ({@code openssl crl}), OCSP ({@code openssl ocsp}) and time-stamps ({@code openssl ts}).
 */
abstract class PkiOpensslTest {
    static PkiFixture pki;
    static Path dir;

    /** Subclasses pick the custody and repository. */
    static void setUp(KeyCustody custody, PkiStateRepository repository, Path tempDir) throws Exception {
        pki = new PkiFixture(custody, repository);
        dir = tempDir;
        write("root.pem", Pem.encode(pki.hierarchy.root().certificate()));
        write("issuing.pem", Pem.encode(pki.hierarchy.issuing().certificate()));
        write("ocsp.pem", Pem.encode(custody.certificateChain(pki.hierarchy.ocspSigner()).get(0)));
        write("tsa-chain.pem", Pem.encode(pki.tsa.chain().subList(0, pki.tsa.chain().size() - 1)));
    }

    static void write(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    static Openssl.Result openssl(String... arguments) throws Exception {
        return Openssl.run(dir, arguments);
    }

    static String alias(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Issues a seal certificate for a new key and writes it as {@code name}.pem. */
    static X509Certificate seal(String name, KeySpec spec) throws Exception {
        KeyRef key = pki.custody.generateKey(alias(name), spec);
        X509Certificate certificate = pki.hierarchy.issuing().issueAndInstall(CertificateRequest.seal(
                new CertificateSubject("受理专用章", CertificateSubject.CENTER, "综合窗口", null),
                pki.custody.publicKey(key), Duration.ofDays(365)), pki.custody, key);
        write(name + ".pem", Pem.encode(certificate));
        return certificate;
    }

    @Test
    void sealChainsValidateForEveryKeyType() throws Exception {
        for (KeySpec spec : KeySpec.values()) {
            if (spec.isSm2()) {
                continue; // SM2 seal certificates come from the SM2 CA: Sm2PkiTest (PKCS#11 custody refuses SM2)
            }
            String name = "seal-" + spec.name().toLowerCase();
            seal(name, spec);
            Openssl.Result verify = openssl("verify", "-CAfile", "root.pem", "-untrusted", "issuing.pem", name + ".pem");
            assertTrue(verify.ok() && verify.output().contains(name + ".pem: OK"), spec + " " + verify);
            Openssl.Result text = openssl("x509", "-in", name + ".pem", "-noout", "-text", "-nameopt", "utf8");
            String out = text.output();
            assertTrue(out.contains("X509v3 Key Usage: critical") && out.contains("Digital Signature, Non Repudiation"), out);
            assertTrue(out.contains("1.3.6.1.5.5.7.3.36") || out.contains("Document Signing"), out);
            assertTrue(out.contains("E-mail Protection"), out);
            assertTrue(out.contains("URI:https://zwfw.example.cn/pki/crl/demo-issuing.crl"), out);
            assertTrue(out.contains("OCSP - URI:https://zwfw.example.cn/pki/ocsp"), out);
            assertTrue(out.contains("CA Issuers - URI:https://zwfw.example.cn/pki/ca/demo-issuing.cer"), out);
            assertTrue(out.contains("X509v3 Subject Key Identifier") && out.contains("X509v3 Authority Key Identifier"), out);
            assertTrue(out.contains("CN=受理专用章") && out.contains("O=敦煌市行政服务中心") && out.contains("OU=综合窗口"), out);
            assertTrue(out.contains("演示签发CA (DEMO)"), out);
        }
    }

    @Test
    void nssAcceptsDefaultSealCertificatesForSigningButNotDocumentSigningAlone() throws Exception {
        Path certutil = Path.of("/usr/bin/certutil");
        assertTrue(Files.isExecutable(certutil), "certutil is missing: install the Debian package libnss3-tools");
        seal("nss-default", KeySpec.EC_P256);
        KeyRef key = pki.custody.generateKey(alias("nss-docsign"), KeySpec.EC_P256);
        write("nss-docsign.pem", Pem.encode(pki.hierarchy.issuing().issue(new CertificateRequest(CertificateKind.SEAL,
                new CertificateSubject("审批专用章", CertificateSubject.CENTER), pki.custody.publicKey(key),
                Duration.ofDays(30), List.of(ExtendedKeyUsages.DOCUMENT_SIGNING)))));
        Path nss = dir.resolve("nss");
        Files.createDirectories(nss);
        assertEquals(0, tool(certutil.toString(), "-N", "-d", "sql:" + nss, "--empty-password").exitCode());
        assertEquals(0, tool(certutil.toString(), "-A", "-d", "sql:" + nss, "-n", "root", "-t", "CT,C,C", "-i",
                dir.resolve("root.pem").toString()).exitCode());
        assertEquals(0, tool(certutil.toString(), "-A", "-d", "sql:" + nss, "-n", "issuing", "-t", ",,", "-i",
                dir.resolve("issuing.pem").toString()).exitCode());
        for (String name : List.of("nss-default", "nss-docsign")) {
            assertEquals(0, tool(certutil.toString(), "-A", "-d", "sql:" + nss, "-n", name, "-t", ",,", "-i",
                    dir.resolve(name + ".pem").toString()).exitCode());
        }
        // -u S: email signer, the usage pdfsig verifies signer certificates for.
        Openssl.Result accepted = tool(certutil.toString(), "-V", "-u", "S", "-n", "nss-default", "-d", "sql:" + nss);
        assertTrue(accepted.output().contains("certificate is valid"), accepted.toString());
        Openssl.Result refused = tool(certutil.toString(), "-V", "-u", "S", "-n", "nss-docsign", "-d", "sql:" + nss);
        assertTrue(refused.output().contains("not approved"), refused.toString());
    }

    private static Openssl.Result tool(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Openssl.Result(process.waitFor(), output);
    }

    @Test
    void subjectIsUtf8String() throws Exception {
        seal("seal-asn1", KeySpec.EC_P256);
        Openssl.Result parsed = openssl("asn1parse", "-in", "seal-asn1.pem");
        // The subject's O and CN values are UTF8STRING, C is PRINTABLESTRING.
        assertTrue(parsed.output().contains("UTF8STRING        :敦煌市行政服务中心")
                || parsed.output().contains("UTF8STRING        :\u6566"), parsed.output());
        assertTrue(Pattern.compile("PRINTABLESTRING\\s+:CN").matcher(parsed.output()).find(), parsed.output());
    }

    @Test
    void tamperedOrForeignChainsFail() throws Exception {
        X509Certificate certificate = seal("seal-tamper", KeySpec.EC_P256);
        byte[] der = certificate.getEncoded();
        der[der.length - 10] ^= 0x01; // inside the signature value
        write("tampered.pem", Pem.encode("CERTIFICATE", der));
        Openssl.Result tampered = openssl("verify", "-CAfile", "root.pem", "-untrusted", "issuing.pem", "tampered.pem");
        assertFalse(tampered.ok(), tampered.toString());

        Other other = Other.create();
        write("other-root.pem", Pem.encode(other.root.certificate()));
        write("other-issuing.pem", Pem.encode(other.issuing.certificate()));
        Openssl.Result foreignRoot = openssl("verify", "-CAfile", "other-root.pem", "-untrusted", "issuing.pem",
                "seal-tamper.pem");
        assertFalse(foreignRoot.ok(), foreignRoot.toString());
        Openssl.Result wrongIntermediate = openssl("verify", "-CAfile", "root.pem", "-untrusted", "other-issuing.pem",
                "seal-tamper.pem");
        assertFalse(wrongIntermediate.ok(), wrongIntermediate.toString());
        Openssl.Result stillGood = openssl("verify", "-CAfile", "root.pem", "-untrusted", "issuing.pem", "seal-tamper.pem");
        assertTrue(stillGood.ok(), stillGood.toString());
    }

    @Test
    void crlVerifiesAndReflectsRevocationAndSuspension() throws Exception {
        X509Certificate revoked = seal("crl-revoked", KeySpec.EC_P256);
        X509Certificate suspended = seal("crl-suspended", KeySpec.EC_P256);
        String revokedHex = hexOf(revoked.getSerialNumber());
        String suspendedHex = hexOf(suspended.getSerialNumber());

        Files.write(dir.resolve("crl0.der"), pki.crls.crl("demo-issuing"));
        Openssl.Result first = openssl("crl", "-in", "crl0.der", "-inform", "DER", "-CAfile", "root.pem", "-noout");
        // openssl crl needs the issuing CA in -CAfile to check the signature.
        Files.writeString(dir.resolve("chain.pem"), Files.readString(dir.resolve("issuing.pem"))
                + Files.readString(dir.resolve("root.pem")));
        Openssl.Result verified = openssl("crl", "-in", "crl0.der", "-inform", "DER", "-CAfile", "chain.pem", "-noout");
        assertTrue(verified.output().contains("verify OK"), verified.toString());
        assertFalse(first.output().contains("verify OK"), "the root alone must not verify the issuing CA's CRL: " + first);
        String text0 = openssl("crl", "-in", "crl0.der", "-inform", "DER", "-noout", "-text").output();
        assertFalse(text0.contains(revokedHex), text0);

        pki.registry.revoke("demo-issuing", revoked.getSerialNumber(), RevocationReason.KEY_COMPROMISE);
        pki.registry.suspend("demo-issuing", suspended.getSerialNumber());
        Files.write(dir.resolve("crl1.der"), pki.crls.crl("demo-issuing"));
        assertTrue(openssl("crl", "-in", "crl1.der", "-inform", "DER", "-CAfile", "chain.pem", "-noout").output()
                .contains("verify OK"));
        String text1 = openssl("crl", "-in", "crl1.der", "-inform", "DER", "-noout", "-text").output();
        assertTrue(text1.contains("Serial Number: " + revokedHex), text1);
        assertTrue(text1.contains("Key Compromise"), text1);
        assertTrue(text1.contains("Serial Number: " + suspendedHex), text1);
        assertTrue(text1.contains("Certificate Hold"), text1);
        assertTrue(crlNumber(text1).compareTo(crlNumber(text0)) > 0, "CRL numbers must increase");
        assertTrue(text1.contains("Next Update:"), text1);

        pki.registry.reinstate("demo-issuing", suspended.getSerialNumber());
        Files.write(dir.resolve("crl2.der"), pki.crls.crl("demo-issuing"));
        String text2 = openssl("crl", "-in", "crl2.der", "-inform", "DER", "-noout", "-text").output();
        assertTrue(text2.contains("Serial Number: " + revokedHex), text2);
        assertFalse(text2.contains("Serial Number: " + suspendedHex), text2);
    }

    @Test
    void ocspAnswersGoodRevokedSuspendedAndUnknown() throws Exception {
        seal("ocsp-seal", KeySpec.RSA_2048);
        assertEquals("good", ocspStatus("issuing.pem", "ocsp-seal.pem"));

        X509Certificate revoked = seal("ocsp-revoked", KeySpec.EC_P256);
        assertEquals("good", ocspStatus("issuing.pem", "ocsp-revoked.pem"));
        pki.registry.revoke("demo-issuing", revoked.getSerialNumber(), RevocationReason.KEY_COMPROMISE);
        String revokedOut = ocspOutput("issuing.pem", "ocsp-revoked.pem");
        assertTrue(revokedOut.contains("ocsp-revoked.pem: revoked") && revokedOut.contains("Reason: keyCompromise")
                        && revokedOut.contains("Revocation Reason: keyCompromise"),
                revokedOut);

        X509Certificate held = seal("ocsp-held", KeySpec.EC_P256);
        pki.registry.suspend("demo-issuing", held.getSerialNumber());
        String heldOut = ocspOutput("issuing.pem", "ocsp-held.pem");
        assertTrue(heldOut.contains("ocsp-held.pem: revoked") && heldOut.contains("Reason: certificateHold"), heldOut);
        pki.registry.reinstate("demo-issuing", held.getSerialNumber());
        assertEquals("good", ocspStatus("issuing.pem", "ocsp-held.pem"));

        // The issuing CA itself, answered for by the root (CA-signed responses).
        assertEquals("good", ocspStatus("root.pem", "issuing.pem"));

        // A certificate of another CA: unknown.
        Other other = Other.create();
        write("other-issuing.pem", Pem.encode(other.issuing.certificate()));
        write("other-seal.pem", Pem.encode(other.seal));
        // openssl accepts our delegated responder for another CA's certificate only when told to trust it (-VAfile).
        assertEquals("unknown", ocspStatus("other-issuing.pem", "other-seal.pem", "-VAfile", "ocsp.pem"));
    }

    @Test
    void ocspGetFormAndMalformedRequests() throws Exception {
        seal("ocsp-get", KeySpec.EC_P256);
        assertTrue(openssl("ocsp", "-issuer", "issuing.pem", "-cert", "ocsp-get.pem", "-reqout", "get.der").ok());
        String encoded = URLEncoder.encode(Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("get.der"))),
                StandardCharsets.US_ASCII);
        Files.write(dir.resolve("get-resp.der"), pki.ocsp.respondToGet(encoded));
        Openssl.Result result = openssl("ocsp", "-respin", "get-resp.der", "-CAfile", "root.pem", "-reqin", "get.der",
                "-resp_text");
        assertTrue(result.ok() && result.output().contains("Response verify OK")
                && result.output().contains("Cert Status: good") && !result.output().contains("WARNING"),
                result.toString());

        for (byte[] garbage : new byte[][] {new byte[0], "not an OCSP request".getBytes(StandardCharsets.UTF_8),
                new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}}) {
            OCSPResp response = new OCSPResp(pki.ocsp.respond(garbage));
            assertEquals(OCSPResp.MALFORMED_REQUEST, response.getStatus());
        }
        assertEquals(OCSPResp.MALFORMED_REQUEST, new OCSPResp(pki.ocsp.respondToGet("%%%not-base64")).getStatus());
        Files.write(dir.resolve("malformed.der"), pki.ocsp.respond("junk".getBytes(StandardCharsets.UTF_8)));
        Openssl.Result malformed = openssl("ocsp", "-respin", "malformed.der", "-resp_text", "-noverify");
        assertTrue(malformed.output().toLowerCase().contains("malformedrequest"), malformed.toString());
    }

    @Test
    void timeStampsVerifyWithOpensslAndFailForOtherData() throws Exception {
        Files.writeString(dir.resolve("data.txt"), "敦煌市行政服务中心 受理通知书 " + UUID.randomUUID());
        Files.writeString(dir.resolve("other.txt"), "something else");
        for (String digest : List.of("-sha256", "-sha384", "-sha512")) {
            Path query = dir.resolve("q.tsq");
            Files.deleteIfExists(query);
            assertTrue(openssl("ts", "-query", "-data", "data.txt", digest, "-cert", "-out", "q.tsq").ok());
            Files.write(dir.resolve("r.tsr"), pki.tsa.respond(Files.readAllBytes(query)));
            Openssl.Result verify = openssl("ts", "-verify", "-data", "data.txt", "-in", "r.tsr", "-CAfile", "root.pem",
                    "-untrusted", "tsa-chain.pem");
            assertTrue(verify.ok() && verify.output().contains("Verification: OK"), digest + " " + verify);
            Openssl.Result against = openssl("ts", "-verify", "-queryfile", "q.tsq", "-in", "r.tsr", "-CAfile",
                    "root.pem", "-untrusted", "tsa-chain.pem");
            assertTrue(against.ok(), "nonce and imprint must match the query: " + against);
            Openssl.Result otherData = openssl("ts", "-verify", "-data", "other.txt", "-in", "r.tsr", "-CAfile",
                    "root.pem", "-untrusted", "tsa-chain.pem");
            assertFalse(otherData.ok() || otherData.output().contains("Verification: OK"), otherData.toString());
        }
        String reply = openssl("ts", "-reply", "-in", "r.tsr", "-text").output();
        assertTrue(reply.contains("Status: Granted"), reply);
        assertTrue(reply.contains("Policy OID: " + TsaConfig.DEFAULT_POLICY), reply);
        assertTrue(reply.contains("Nonce: 0x"), reply);
        assertTrue(reply.contains("演示时间戳服务") || reply.contains("TSA: DirName"), reply);
    }

    @Test
    void timeStampRequestsThatCannotBeHonouredAreRejected() throws Exception {
        Files.writeString(dir.resolve("data2.txt"), "data");
        // No certReq: the token carries no certificates, so verification needs the TSA certificate given.
        assertTrue(openssl("ts", "-query", "-data", "data2.txt", "-sha256", "-out", "nocert.tsq").ok());
        Files.write(dir.resolve("nocert.tsr"), pki.tsa.respond(Files.readAllBytes(dir.resolve("nocert.tsq"))));
        TimeStampResponse noCert = new TimeStampResponse(Files.readAllBytes(dir.resolve("nocert.tsr")));
        assertEquals(0, noCert.getStatus());
        assertTrue(noCert.getTimeStampToken().getCertificates().getMatches(null).isEmpty());

        assertTrue(openssl("ts", "-query", "-data", "data2.txt", "-sha1", "-cert", "-out", "sha1.tsq").ok());
        TimeStampResponse sha1 = new TimeStampResponse(pki.tsa.respond(Files.readAllBytes(dir.resolve("sha1.tsq"))));
        assertEquals(2, sha1.getStatus(), "SHA-1 imprints are rejected");

        assertTrue(openssl("ts", "-query", "-data", "data2.txt", "-sha256", "-tspolicy", "1.2.3.4", "-out",
                "policy.tsq").ok());
        TimeStampResponse policy = new TimeStampResponse(pki.tsa.respond(Files.readAllBytes(dir.resolve("policy.tsq"))));
        assertEquals(2, policy.getStatus(), "another policy is rejected");

        Files.write(dir.resolve("bad.tsr"), pki.tsa.respond("garbage".getBytes(StandardCharsets.UTF_8)));
        TimeStampResponse bad = new TimeStampResponse(Files.readAllBytes(dir.resolve("bad.tsr")));
        assertEquals(2, bad.getStatus());
        String text = openssl("ts", "-reply", "-in", "bad.tsr", "-text").output();
        assertTrue(text.contains("Status: Rejected") && text.contains("the data submitted has the wrong format"), text);
    }

    @Test
    void timeStamperSeamReturnsVerifiedTokens() throws Exception {
        TimeStamper stamper = TimeStamper.local(pki.tsa);
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest("x".getBytes(StandardCharsets.UTF_8));
        byte[] token = stamper.timeStampToken("SHA-256", digest);
        var parsed = new org.bouncycastle.tsp.TimeStampToken(new org.bouncycastle.cms.CMSSignedData(token));
        assertEquals(TsaConfig.DEFAULT_POLICY, parsed.getTimeStampInfo().getPolicy().getId());
        assertTrue(java.util.Arrays.equals(digest, parsed.getTimeStampInfo().getMessageImprintDigest()));
        parsed.validate(new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder().build(pki.tsa.chain().get(0)));
    }

    /**
     * Asks about {@code cert} and checks the answer twice with openssl: against the request (signature, nonce echoed)
     * and against the certificate (the CertID in the answer is this certificate's).
     */
    private static String ocspOutput(String issuer, String cert) throws Exception {
        return ocspOutput(issuer, cert, "-CAfile", "root.pem");
    }

    private static String ocspOutput(String issuer, String cert, String... trust) throws Exception {
        Files.deleteIfExists(dir.resolve("req.der"));
        Openssl.Result request = openssl("ocsp", "-issuer", issuer, "-cert", cert, "-reqout", "req.der");
        assertTrue(request.ok(), request.toString());
        Files.write(dir.resolve("resp.der"), pki.ocsp.respond(Files.readAllBytes(dir.resolve("req.der"))));
        Openssl.Result againstRequest = openssl(concat(new String[] {"ocsp", "-respin", "resp.der", "-reqin",
                "req.der", "-resp_text"}, trust));
        assertTrue(againstRequest.ok() && againstRequest.output().contains("Response verify OK"),
                againstRequest.toString());
        assertFalse(againstRequest.output().contains("WARNING"), "nonce must be echoed: " + againstRequest);
        // With -cert openssl builds its own request (new nonce), so the nonce check is off here.
        Openssl.Result againstCert = openssl(concat(new String[] {"ocsp", "-respin", "resp.der", "-issuer", issuer,
                "-cert", cert, "-no_nonce"}, trust));
        assertTrue(againstCert.ok() && againstCert.output().contains("Response verify OK"), againstCert.toString());
        return againstCert.output() + againstRequest.output();
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static String ocspStatus(String issuer, String cert, String... trust) throws Exception {
        String output = trust.length == 0 ? ocspOutput(issuer, cert) : ocspOutput(issuer, cert, trust);
        Matcher matcher = Pattern.compile(Pattern.quote(cert) + ": (\\w+)").matcher(output);
        assertTrue(matcher.find(), output);
        Matcher text = Pattern.compile("Cert Status: (\\w+)").matcher(output);
        assertTrue(text.find(), output);
        assertEquals(matcher.group(1), text.group(1), output);
        return matcher.group(1);
    }

    private static String hexOf(BigInteger serial) {
        String hex = serial.toString(16).toUpperCase();
        return hex.length() % 2 == 1 ? "0" + hex : hex;
    }

    private static BigInteger crlNumber(String text) {
        Matcher matcher = Pattern.compile("X509v3 CRL Number:\\s*\\n\\s*(\\S+)").matcher(text);
        assertTrue(matcher.find(), text);
        String value = matcher.group(1);
        return value.startsWith("0x") ? new BigInteger(value.substring(2), 16) : new BigInteger(value);
    }

    /** A second, unrelated hierarchy (other keys, other repository). */
    record Other(CertificateAuthority root, CertificateAuthority issuing, X509Certificate seal) {
        static Other create() {
            KeyCustody custody = pki.custody;
            InMemoryPkiStateRepository repository = new InMemoryPkiStateRepository();
            RevocationRegistry registry = new RevocationRegistry(repository, Clock.systemUTC());
            KeyRef rootKey = custody.generateKey(alias("other-root"), KeySpec.EC_P256);
            CertificateAuthority root = CertificateAuthority.createRoot("other-root",
                    new CertificateSubject("其他机构 测试根CA (TEST)", "其他机构"), rootKey, custody,
                    Duration.ofDays(365), true, repository, registry, PkiFixture.URLS, Clock.systemUTC());
            KeyRef issuingKey = custody.generateKey(alias("other-issuing"), KeySpec.EC_P256);
            // Same subject as our issuing CA: only the keys tell them apart.
            CertificateAuthority issuing = root.createSubordinate("other-issuing", DemoPki.ISSUING_SUBJECT, issuingKey,
                    custody, Duration.ofDays(300), true, repository);
            KeyRef sealKey = custody.generateKey(alias("other-seal"), KeySpec.EC_P256);
            X509Certificate seal = issuing.issue(CertificateRequest.seal(new CertificateSubject("受理专用章",
                    CertificateSubject.CENTER), custody.publicKey(sealKey), Duration.ofDays(30)));
            assertNotEquals(pki.hierarchy.issuing().certificate().getPublicKey(), issuing.certificate().getPublicKey());
            return new Other(root, issuing, seal);
        }
    }
}
