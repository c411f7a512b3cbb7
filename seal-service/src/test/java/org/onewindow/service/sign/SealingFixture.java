package org.onewindow.service.sign;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.onewindow.service.keys.KeyCustodies;
import org.onewindow.service.keys.KeyRef;
import org.onewindow.service.keys.KeySpec;
import org.onewindow.service.keys.Pkcs12CustodyConfig;
import org.onewindow.service.keys.Pkcs12KeyCustody;
import org.onewindow.service.keys.SecretSource;
import org.onewindow.service.pki.CertificateAuthorities;
import org.onewindow.service.pki.CertificateRequest;
import org.onewindow.service.pki.CertificateSubject;
import org.onewindow.service.pki.CrlIssuer;
import org.onewindow.service.pki.DemoPki;
import org.onewindow.service.pki.InMemoryPkiStateRepository;
import org.onewindow.service.pki.OcspResponder;
import org.onewindow.service.pki.Pem;
import org.onewindow.service.pki.PkiUrls;
import org.onewindow.service.pki.RevocationRegistry;
import org.onewindow.service.pki.TimeStampAuthority;
import org.onewindow.service.pki.TimeStamper;
import org.onewindow.service.pki.TsaConfig;
import org.onewindow.service.seal.image.SealImageSpec;
import org.onewindow.service.seal.image.SealLayout;
import org.onewindow.storage.fs.FileSystemObjectStore;

/** A real demo PKI (keys in PKCS#12 custody on a filesystem store), TSA, CRL/OCSP, and seals issued by it. */
final class SealingFixture {
    static final Map<String, String> ENV = Map.of("ONEWINDOW_KEY_PASSPHRASE", "sealing test passphrase");
    static final DemoPki.Settings SETTINGS = new DemoPki.Settings(KeySpec.RSA_2048, KeySpec.RSA_2048,
            Duration.ofDays(3650), Duration.ofDays(1825), Duration.ofDays(365));

    final Path dir;
    final Pkcs12KeyCustody custody;
    final RevocationRegistry registry;
    final CertificateAuthorities cas;
    final DemoPki.Hierarchy hierarchy;
    final CrlIssuer crls;
    final OcspResponder ocsp;
    final TimeStampAuthority tsa;
    final SealingContext context;
    final Path rootPem;

    SealingFixture(Path dir) throws Exception {
        this.dir = dir;
        Clock clock = Clock.systemUTC();
        custody = new Pkcs12KeyCustody(new FileSystemObjectStore(dir.resolve("store")),
                Pkcs12CustodyConfig.defaults(SecretSource.environment("ONEWINDOW_KEY_PASSPHRASE")), ENV);
        InMemoryPkiStateRepository repository = new InMemoryPkiStateRepository();
        registry = new RevocationRegistry(repository, clock);
        cas = new CertificateAuthorities(repository, KeyCustodies.of(custody), registry,
                new PkiUrls("https://zwfw.example.cn/"), clock);
        hierarchy = DemoPki.ensure(custody, cas, repository, SETTINGS, clock);
        crls = new CrlIssuer(cas, clock, Duration.ofHours(24));
        ocsp = new OcspResponder(List.of(
                OcspResponder.Identity.delegated(hierarchy.issuing(), custody, hierarchy.ocspSigner()),
                OcspResponder.Identity.caSigned(hierarchy.root())), clock, Duration.ofMinutes(10));
        tsa = new TimeStampAuthority(custody, hierarchy.tsa(), TsaConfig.defaults(), clock);
        context = SealingContext.of(TimeStamper.local(tsa), RevocationSource.inProcess(cas, crls, ocsp),
                SealStatusCheck.registry(cas), dir.resolve("work"));
        rootPem = dir.resolve("root.pem");
        Files.writeString(rootPem, Pem.encode(hierarchy.root().certificate()));
    }

    /** A new seal of the center (or a department) issued by the demo issuing CA. */
    SealIdentity seal(String organization, String sealName, KeySpec spec) {
        KeyRef ref = custody.generateKey("seal-" + UUID.randomUUID().toString().substring(0, 8), spec);
        hierarchy.issuing().issueAndInstall(CertificateRequest.seal(new CertificateSubject(sealName, organization),
                custody.publicKey(ref), Duration.ofDays(365)), custody, ref);
        return SealIdentity.inCustody(custody, ref,
                SealLayout.compute(SealImageSpec.specialSeal(organization, sealName)));
    }

    SealIdentity acceptanceSeal() {
        return seal(CertificateSubject.CENTER, "受理专用章", KeySpec.RSA_2048);
    }

    /** The CRLs this service publishes (what DSS would download for B-B/B-T signatures). */
    List<byte[]> publishedCrls() {
        return List.of(crls.crl(hierarchy.root().id()), crls.crl(hierarchy.issuing().id()));
    }

    PdfSealer sealer() {
        return new PdfSealer(context);
    }

    X509Certificate root() {
        return hierarchy.root().certificate();
    }
}
