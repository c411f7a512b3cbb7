package org.onewindow.service.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.onewindow.service.keys.KeyCustody;
import org.onewindow.service.keys.KeyRef;
import org.onewindow.service.keys.KeySpec;

/**
 * The embedded demo PKI created on first start: a root CA, an issuing CA, a delegated OCSP signer and a TSA
 * certificate, all named as demo (演示/DEMO). Keys live in custody, state in the {@link PkiStateRepository}.
 * {@link #ensure} is idempotent and resumes a half-finished creation.
 */
public final class DemoPki {
    public static final String ROOT_ID = "demo-root";
    public static final String ISSUING_ID = "demo-issuing";
    static final String DOCUMENT = "demo-hierarchy";
    public static final String SM2_ROOT_ID = "demo-sm2-root";
    public static final String SM2_ISSUING_ID = "demo-sm2-issuing";
    static final String SM2_DOCUMENT = "demo-sm2-hierarchy";

    public static final CertificateSubject ROOT_SUBJECT =
            new CertificateSubject(CertificateSubject.CENTER + " 演示根CA (DEMO)", CertificateSubject.CENTER);
    public static final CertificateSubject ISSUING_SUBJECT =
            new CertificateSubject(CertificateSubject.CENTER + " 演示签发CA (DEMO)", CertificateSubject.CENTER);
    public static final CertificateSubject OCSP_SUBJECT =
            new CertificateSubject(CertificateSubject.CENTER + " 演示OCSP服务 (DEMO)", CertificateSubject.CENTER);
    public static final CertificateSubject TSA_SUBJECT =
            new CertificateSubject(CertificateSubject.CENTER + " 演示时间戳服务 (DEMO)", CertificateSubject.CENTER);

    public static final CertificateSubject SM2_ROOT_SUBJECT =
            new CertificateSubject(CertificateSubject.CENTER + " 演示SM2根CA (DEMO)", CertificateSubject.CENTER);
    public static final CertificateSubject SM2_ISSUING_SUBJECT =
            new CertificateSubject(CertificateSubject.CENTER + " 演示SM2签发CA (DEMO)", CertificateSubject.CENTER);
    /** The seal maker (制章人) that signs GB/T 38540 seals. */
    public static final CertificateSubject SEAL_MAKER_SUBJECT =
            new CertificateSubject(CertificateSubject.CENTER + " 电子印章制章人 (DEMO)", CertificateSubject.CENTER);

    /**
     * Key types and lifetimes of the demo hierarchy.
     *
     * @param caKey      root and issuing CA keys
     * @param serviceKey OCSP signer and TSA keys
     */
    public record Settings(KeySpec caKey, KeySpec serviceKey, Duration rootValidity, Duration issuingValidity,
                           Duration serviceValidity) {
        public Settings {
            Objects.requireNonNull(caKey, "caKey");
            Objects.requireNonNull(serviceKey, "serviceKey");
        }

        /** RSA-3072 CAs (20 and 10 years), RSA-2048 OCSP/TSA (5 years): the widest relying-party support. */
        public static Settings defaults() {
            return new Settings(KeySpec.RSA_3072, KeySpec.RSA_2048, Duration.ofDays(365L * 20),
                    Duration.ofDays(365L * 10), Duration.ofDays(365L * 5));
        }
    }

    /**
     * The demo hierarchy.
     *
     * @param root       the root CA
     * @param issuing    the CA that issues seal certificates
     * @param ocspSigner the delegated OCSP signing key (certified by the issuing CA)
     * @param tsa        the time-stamping key (certified by the issuing CA)
     */
    public record Hierarchy(CertificateAuthority root, CertificateAuthority issuing, KeyRef ocspSigner, KeyRef tsa) {
    }

    private record Stored(String rootCaId, String issuingCaId, String ocspSignerKey, String tsaKey) {
    }

    /**
     * The SM2 demo hierarchy beside the RSA one (SM3withSM2 certificates, CRLs and OCSP responses; each CA answers
     * OCSP itself).
     *
     * @param root      SM2 root CA
     * @param issuing   SM2 CA issuing seal (signer) certificates and the seal maker certificate
     * @param sealMaker the seal maker's SM2 key (制章人), certified by {@code issuing}
     */
    public record Sm2Hierarchy(CertificateAuthority root, CertificateAuthority issuing, KeyRef sealMaker) {
    }

    private record StoredSm2(String rootCaId, String issuingCaId, String sealMakerKey) {
    }

    private DemoPki() {
    }

    /** Creates the demo hierarchy unless it exists, and returns it. */
    public static Hierarchy ensure(KeyCustody custody, CertificateAuthorities cas, PkiStateRepository repository,
                                   Settings settings, Clock clock) {
        ObjectMapper json = new ObjectMapper();
        var document = repository.document(DOCUMENT);
        if (document.isPresent()) {
            try {
                Stored stored = json.readValue(document.get(), Stored.class);
                return new Hierarchy(cas.get(stored.rootCaId()), cas.get(stored.issuingCaId()),
                        KeyRef.parse(stored.ocspSignerKey()), KeyRef.parse(stored.tsaKey()));
            } catch (IOException e) {
                throw new IllegalStateException("stored demo PKI document is not valid JSON", e);
            }
        }
        CertificateAuthority root = cas.find(ROOT_ID).orElseGet(() -> CertificateAuthority.createRoot(ROOT_ID,
                ROOT_SUBJECT, key(custody, "pki-demo-root", settings.caKey()), custody, settings.rootValidity(), true,
                repository, cas.registry(), cas.urls(), clock));
        CertificateAuthority issuing = cas.find(ISSUING_ID).orElseGet(() -> root.createSubordinate(ISSUING_ID,
                ISSUING_SUBJECT, key(custody, "pki-demo-issuing", settings.caKey()), custody,
                settings.issuingValidity(), true, repository));
        KeyRef ocsp = serviceKey(custody, issuing, "pki-demo-ocsp", CertificateKind.OCSP_SIGNER, OCSP_SUBJECT, settings);
        KeyRef tsa = serviceKey(custody, issuing, "pki-demo-tsa", CertificateKind.TIME_STAMPING, TSA_SUBJECT, settings);
        try {
            repository.putDocumentIfAbsent(DOCUMENT, json.writeValueAsString(new Stored(root.id(), issuing.id(),
                    ocsp.toString(), tsa.toString())).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("encoding the demo PKI document failed", e);
        }
        return new Hierarchy(root, issuing, ocsp, tsa);
    }

    /**
     * Creates the SM2 demo hierarchy unless it exists (idempotent, resumes a half-finished creation): root and
     * issuing CA with the lifetimes of {@code settings}, and the seal maker key with a service-lifetime certificate.
     * SM2 keys need a software custody (PKCS#11 tokens here have no SM2 mechanism).
     */
    public static Sm2Hierarchy ensureSm2(KeyCustody custody, CertificateAuthorities cas, PkiStateRepository repository,
                                         Settings settings, Clock clock) {
        ObjectMapper json = new ObjectMapper();
        var document = repository.document(SM2_DOCUMENT);
        if (document.isPresent()) {
            try {
                StoredSm2 stored = json.readValue(document.get(), StoredSm2.class);
                return new Sm2Hierarchy(cas.get(stored.rootCaId()), cas.get(stored.issuingCaId()),
                        KeyRef.parse(stored.sealMakerKey()));
            } catch (IOException e) {
                throw new IllegalStateException("stored SM2 demo PKI document is not valid JSON", e);
            }
        }
        CertificateAuthority root = cas.find(SM2_ROOT_ID).orElseGet(() -> CertificateAuthority.createRoot(SM2_ROOT_ID,
                SM2_ROOT_SUBJECT, key(custody, "pki-demo-sm2-root", KeySpec.SM2), custody, settings.rootValidity(),
                true, repository, cas.registry(), cas.urls(), clock));
        CertificateAuthority issuing = cas.find(SM2_ISSUING_ID).orElseGet(() -> root.createSubordinate(SM2_ISSUING_ID,
                SM2_ISSUING_SUBJECT, key(custody, "pki-demo-sm2-issuing", KeySpec.SM2), custody,
                settings.issuingValidity(), true, repository));
        KeyRef maker = key(custody, "pki-demo-sm2-sealmaker", KeySpec.SM2);
        List<X509Certificate> chain = custody.certificateChain(maker);
        boolean certified = chain.size() > 1 && chain.get(0).getIssuerX500Principal()
                .equals(issuing.certificate().getSubjectX500Principal());
        if (!certified) {
            issuing.issueAndInstall(CertificateRequest.seal(SEAL_MAKER_SUBJECT, custody.publicKey(maker),
                    settings.serviceValidity()), custody, maker);
        }
        try {
            repository.putDocumentIfAbsent(SM2_DOCUMENT, json.writeValueAsString(new StoredSm2(root.id(), issuing.id(),
                    maker.toString())).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("encoding the SM2 demo PKI document failed", e);
        }
        return new Sm2Hierarchy(root, issuing, maker);
    }

    private static KeyRef key(KeyCustody custody, String alias, KeySpec spec) {
        KeyRef ref = new KeyRef(custody.id(), alias);
        return custody.contains(ref) ? ref : custody.generateKey(alias, spec);
    }

    private static KeyRef serviceKey(KeyCustody custody, CertificateAuthority issuing, String alias,
                                     CertificateKind kind, CertificateSubject subject, Settings settings) {
        KeyRef ref = key(custody, alias, settings.serviceKey());
        List<X509Certificate> chain = custody.certificateChain(ref);
        boolean certified = chain.size() > 1 && chain.get(0).getIssuerX500Principal()
                .equals(issuing.certificate().getSubjectX500Principal());
        if (!certified) {
            issuing.issueAndInstall(new CertificateRequest(kind, subject, custody.publicKey(ref),
                    settings.serviceValidity(), null), custody, ref);
        }
        return ref;
    }
}
