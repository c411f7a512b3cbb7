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

    public static final CertificateSubject ROOT_SUBJECT =
            new CertificateSubject(CertificateSubject.CENTER + " 演示根CA (DEMO)", CertificateSubject.CENTER);
    public static final CertificateSubject ISSUING_SUBJECT =
            new CertificateSubject(CertificateSubject.CENTER + " 演示签发CA (DEMO)", CertificateSubject.CENTER);
    public static final CertificateSubject OCSP_SUBJECT =
            new CertificateSubject(CertificateSubject.CENTER + " 演示OCSP服务 (DEMO)", CertificateSubject.CENTER);
    public static final CertificateSubject TSA_SUBJECT =
            new CertificateSubject(CertificateSubject.CENTER + " 演示时间戳服务 (DEMO)", CertificateSubject.CENTER);

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
