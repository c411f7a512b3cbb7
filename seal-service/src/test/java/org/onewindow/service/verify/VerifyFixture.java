package org.onewindow.service.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.itextpdf.io.font.PdfEncodings;
import com.itextpdf.kernel.font.PdfFontFactory;
import com.itextpdf.kernel.geom.PageSize;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.element.Paragraph;

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
import org.onewindow.service.pki.PkiUrls;
import org.onewindow.service.pki.RevocationRegistry;
import org.onewindow.service.pki.TimeStampAuthority;
import org.onewindow.service.pki.TimeStamper;
import org.onewindow.service.pki.TsaConfig;
import org.onewindow.service.seal.image.SealImageSpec;
import org.onewindow.service.seal.image.SealLayout;
import org.onewindow.service.sign.PadesLevel;
import org.onewindow.service.sign.PdfSealer;
import org.onewindow.service.sign.RevocationSource;
import org.onewindow.service.sign.SealIdentity;
import org.onewindow.service.sign.SealPlacement;
import org.onewindow.service.sign.SealRequest;
import org.onewindow.service.sign.SealStatusCheck;
import org.onewindow.service.sign.SealingContext;
import org.onewindow.storage.fs.FileSystemObjectStore;

/** A real demo PKI in a temporary store (PKCS#12 custody, TSA, CRL, OCSP) and the real sealer, for verifier tests. */
final class VerifyFixture {
    static final Map<String, String> ENV = Map.of("ONEWINDOW_KEY_PASSPHRASE", "verify test passphrase");
    static final DemoPki.Settings SETTINGS = new DemoPki.Settings(KeySpec.RSA_2048, KeySpec.RSA_2048,
            Duration.ofDays(3650), Duration.ofDays(1825), Duration.ofDays(365));
    static final String FONT = "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf";

    final Path dir;
    final Pkcs12KeyCustody custody;
    final RevocationRegistry registry;
    final CertificateAuthorities cas;
    final DemoPki.Hierarchy hierarchy;
    final SealingContext context;
    /** Seals even a revoked certificate: for building the attack where a revoked seal was used. */
    final SealingContext uncheckedContext;
    final CrlIssuer crls;
    final OcspResponder ocsp;
    final TimeStampAuthority tsa;

    VerifyFixture(Path dir) throws Exception {
        this(dir, "https://zwfw.example.cn/");
    }

    /** @param publicUrl printed into the certificates' AIA and CDP URLs */
    VerifyFixture(Path dir, String publicUrl) throws Exception {
        this.dir = dir;
        Clock clock = Clock.systemUTC();
        custody = new Pkcs12KeyCustody(new FileSystemObjectStore(dir.resolve("store")),
                Pkcs12CustodyConfig.defaults(SecretSource.environment("ONEWINDOW_KEY_PASSPHRASE")), ENV);
        InMemoryPkiStateRepository repository = new InMemoryPkiStateRepository();
        registry = new RevocationRegistry(repository, clock);
        cas = new CertificateAuthorities(repository, KeyCustodies.of(custody), registry,
                new PkiUrls(publicUrl), clock);
        hierarchy = DemoPki.ensure(custody, cas, repository, SETTINGS, clock);
        crls = new CrlIssuer(cas, clock, Duration.ofHours(24));
        ocsp = new OcspResponder(List.of(
                OcspResponder.Identity.delegated(hierarchy.issuing(), custody, hierarchy.ocspSigner()),
                OcspResponder.Identity.caSigned(hierarchy.root())), clock, Duration.ofMinutes(10));
        tsa = new TimeStampAuthority(custody, hierarchy.tsa(), TsaConfig.defaults(), clock);
        RevocationSource revocation = RevocationSource.inProcess(cas, crls, ocsp);
        context = SealingContext.of(TimeStamper.local(tsa), revocation, SealStatusCheck.registry(cas),
                dir.resolve("work"));
        uncheckedContext = SealingContext.of(TimeStamper.local(tsa), revocation, SealStatusCheck.none(),
                dir.resolve("work"));
    }

    SealIdentity seal(String organization, String sealName) {
        KeyRef ref = custody.generateKey("seal-" + UUID.randomUUID().toString().substring(0, 8), KeySpec.RSA_2048);
        hierarchy.issuing().issueAndInstall(CertificateRequest.seal(new CertificateSubject(sealName, organization),
                custody.publicKey(ref), Duration.ofDays(365)), custody, ref);
        return SealIdentity.inCustody(custody, ref,
                SealLayout.compute(SealImageSpec.specialSeal(organization, sealName)));
    }

    X509Certificate root() {
        return hierarchy.root().certificate();
    }

    VerificationPolicy policy() {
        return VerificationPolicy.trusting(List.of(root()));
    }

    /** A small two-page Chinese notice. */
    Path notice(String name) throws IOException {
        Path file = dir.resolve(name);
        try (PdfDocument pdf = new PdfDocument(new PdfWriter(file.toFile()));
             Document document = new Document(pdf, PageSize.A4)) {
            document.setFont(PdfFontFactory.createFont(FONT, PdfEncodings.IDENTITY_H,
                    PdfFontFactory.EmbeddingStrategy.PREFER_EMBEDDED, pdf));
            document.add(new Paragraph("受理通知书").setFontSize(22));
            document.add(new Paragraph("申请人：张三。本中心决定予以受理。"));
            document.add(new com.itextpdf.layout.element.AreaBreak());
            document.add(new Paragraph("敦煌市行政服务中心（盖章）"));
        }
        return file;
    }

    /** Seals {@code input} with {@code seal} at {@code level} (invisible) into a new file. */
    Path sealed(Path input, SealIdentity seal, PadesLevel level, String output) {
        return sealed(input, seal, level, output, context);
    }

    Path sealed(Path input, SealIdentity seal, PadesLevel level, String output, SealingContext with) {
        Path out = dir.resolve(output);
        new PdfSealer(with).seal(input, out, seal, SealRequest.of(level, new SealPlacement.Anchor("（盖章）"),
                "受理", "敦煌市行政服务中心"));
        return out;
    }

    static byte[] read(Path file) throws IOException {
        return Files.readAllBytes(file);
    }
}
