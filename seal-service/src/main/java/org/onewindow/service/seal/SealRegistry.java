package org.onewindow.service.seal;

import java.util.HexFormat;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.onewindow.service.audit.AuditEntry;
import org.onewindow.service.audit.AuditLog;
import org.onewindow.service.audit.AuditOutcome;
import org.onewindow.service.audit.AuditTarget;
import org.onewindow.service.errors.UnprocessableException;
import org.onewindow.service.identity.IdentityService.Actor;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.keys.CustodySigner;
import org.onewindow.service.keys.KeyCustodies;
import org.onewindow.service.keys.KeyCustody;
import org.onewindow.service.keys.KeyRef;
import org.onewindow.service.keys.KeySpec;
import org.onewindow.service.pki.CertificateAuthority;
import org.onewindow.service.pki.CertificateRequest;
import org.onewindow.service.pki.CertificateSubject;
import org.onewindow.service.pki.IssuedCertificate;
import org.onewindow.service.pki.PkiImport;
import org.onewindow.service.pki.PkiServices;
import org.onewindow.service.pki.RevocationReason;
import org.onewindow.service.pki.RevocationStateException;
import org.onewindow.service.seal.image.ImportedSealImage;
import org.onewindow.service.seal.image.SealImageImporter;
import org.onewindow.service.seal.image.SealImageSpec;
import org.onewindow.service.seal.image.SealLayout;
import org.onewindow.service.seal.image.SealPdfRenderer;
import org.onewindow.service.seal.image.SealPngRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seal registry: creates seals (key generated in custody, certificate from the center's CA, image drawn),
 * imports them (PKCS#12 from an outside CA; uploaded images), and changes their status in step with the CA's
 * revocation registry, so that CRL and OCSP show a suspension or revocation on the next request. Every change is
 * audited ({@code seal.create}, {@code seal.import}, {@code seal.image}, {@code seal.suspend}, {@code seal.resume},
 * {@code seal.revoke}, {@code seal.rotate}); every use goes through {@link SealAuthorizer} ({@code seal.use}).
 *
 * <p>The CA's revocation registry is the truth for a seal's status: reads report the live state of the current
 * certificate, also when the seal record lags behind (a crash between the two writes).
 */
public final class SealRegistry {
    private static final Logger log = LoggerFactory.getLogger(SealRegistry.class);

    /**
     * Registry settings.
     *
     * @param defaultKeySpec      key type of new seals unless a request names one (RSA-2048 by default)
     * @param certificateValidity lifetime of seal certificates (capped at the CA's own end)
     * @param imageDpi            resolution of generated PNGs
     */
    public record Settings(KeySpec defaultKeySpec, Duration certificateValidity, int imageDpi) {
        public Settings {
            Objects.requireNonNull(defaultKeySpec, "defaultKeySpec");
            Objects.requireNonNull(certificateValidity, "certificateValidity");
        }

        public static Settings defaults() {
            return new Settings(KeySpec.RSA_2048, Duration.ofDays(365L * 3), SealPngRenderer.DEFAULT_DPI);
        }

        public Settings withDefaultKeySpec(KeySpec spec) {
            return new Settings(spec, certificateValidity, imageDpi);
        }
    }

    /**
     * What to create.
     *
     * @param id          the new seal's id
     * @param kind        its kind
     * @param owner       the center or a department
     * @param displayName the seal's full name (certificate CN); {@code null}: owner name + seal name
     * @param sealName    text below the star; {@code null}: the kind's name (受理专用章 ...)
     * @param keySpec     key type; {@code null}: the registry's default
     * @param usage       who may apply it; {@code null}: the kind's default
     * @param caId        issuing CA; {@code null}: the demo issuing CA (ignored on import)
     */
    public record NewSeal(String id, SealKind kind, SealOwner owner, String displayName, String sealName,
                          KeySpec keySpec, SealUsage usage, String caId) {
        public NewSeal {
            Seal.checkId(id);
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(owner, "owner");
            sealName = sealName == null || sealName.isBlank() ? kind.chineseName() : sealName.strip();
            displayName = displayName == null || displayName.isBlank() ? owner.name() + sealName : displayName.strip();
            if (displayName.length() > 64) {
                throw new IllegalArgumentException("displayName must be at most 64 characters");
            }
            usage = usage == null ? SealUsage.defaultFor(kind) : usage;
            if (kind == SealKind.DEPARTMENT && owner.department() == null) {
                throw new IllegalArgumentException("a department seal needs owner.department");
            }
            if (kind == SealKind.PERSONAL && usage.userIds().isEmpty()) {
                throw new IllegalArgumentException("a personal signature needs usage.userIds");
            }
        }
    }

    private final SealStore store;
    private final KeyCustodies custodies;
    private final PkiServices pki;
    private final SealAuthorizer authorizer;
    private final AuditLog audit;
    private final Settings settings;
    private final Clock clock;
    private final SealImageImporter importer = new SealImageImporter();
    private final SealPngRenderer pngRenderer = new SealPngRenderer();
    private final SealPdfRenderer pdfRenderer = new SealPdfRenderer();

    public SealRegistry(SealStore store, KeyCustodies custodies, PkiServices pki, SealAuthorizer authorizer,
                        AuditLog audit, Settings settings, Clock clock) {
        this.store = store;
        this.custodies = custodies;
        this.pki = pki;
        this.authorizer = authorizer;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    public SealAuthorizer authorizer() {
        return authorizer;
    }

    public Settings settings() {
        return settings;
    }

    public SealStore store() {
        return store;
    }

    // ------------------------------------------------------------------ reads

    /** Every seal with its live status, ordered by id. */
    public List<Seal> list() {
        Map<String, List<IssuedCertificate>> indexes = new HashMap<>();
        return store.list().stream().map(seal -> withLiveStatus(seal, indexes)).toList();
    }

    /** @throws SealNotFoundException when there is no such seal */
    public Seal get(String id) {
        checkIdOrNotFound(id);
        return withLiveStatus(store.get(id).orElseThrow(() -> new SealNotFoundException(id)).seal(), new HashMap<>());
    }

    /** The seals {@code principal} may apply now (no audit: this is a listing, not a use). */
    public List<Seal> usableBy(Principal principal) {
        return list().stream().filter(s -> authorizer.decide(principal, s).allowed()).toList();
    }

    /** The seal's PNG; a generated seal whose image is missing is drawn again. */
    public byte[] png(String id) {
        Seal seal = get(id);
        try {
            return store.image(id);
        } catch (SealNotFoundException missing) {
            if (seal.image().isGenerated() && seal.image().spec() != null) {
                byte[] png = pngRenderer.renderPng(SealLayout.compute(seal.image().spec()), seal.image().dpi());
                store.putImage(id, png);
                return png;
            }
            throw missing;
        }
    }

    /**
     * The seal drawn as a one-page vector PDF (real text, embedded CJK subset).
     *
     * @throws SealStateException for an imported image, which has no vector form
     */
    public byte[] vectorPdf(String id) {
        Seal seal = get(id);
        if (!seal.image().isGenerated() || seal.image().spec() == null) {
            throw new SealStateException("seal " + id + " uses an imported image, which has no vector form; "
                    + "download the PNG");
        }
        return pdfRenderer.toStandalonePdf(SealLayout.compute(seal.image().spec()));
    }

    /**
     * Authorizes {@code principal} to apply the seal (audited as {@code seal.use}) and returns what a signer needs.
     *
     * @throws SealUseDeniedException when not allowed
     * @throws SealNotFoundException  when there is no such seal
     */
    public SigningIdentity signingIdentity(Principal principal, String id, SealAuthorizer.UseContext context) {
        Seal seal = get(id);
        authorizer.authorizeUse(principal, seal, context);
        KeyRef key = seal.certificate().key();
        KeyCustody custody = custodies.forRef(key);
        CustodySigner signer = CustodySigner.of(custody, key);
        Optional<SealLayout> layout = seal.image().isGenerated() && seal.image().spec() != null
                ? Optional.of(SealLayout.compute(seal.image().spec())) : Optional.empty();
        return new SigningIdentity(seal, custody, key, signer.algorithm(), seal.certificate().chain(), png(id), layout);
    }

    // ------------------------------------------------------------------ create / import

    /**
     * Creates a seal: draws its image, generates its key in the default custody, has the CA issue its certificate,
     * then stores the record. Nothing is left behind when a step fails (the certificate is revoked, the key deleted).
     *
     * @throws SealExistsException when the id is taken
     */
    public Seal create(Actor actor, NewSeal request) {
        if (store.exists(request.id())) {
            throw new SealExistsException(request.id());
        }
        SealImageSpec spec = SealImageSpec.specialSeal(request.owner().name(), request.sealName());
        byte[] png = pngRenderer.renderPng(SealLayout.compute(spec), settings.imageDpi());
        CertificateAuthority ca = request.caId() == null ? pki.demo().issuing() : pki.cas().get(request.caId());
        KeyCustody custody = custodies.defaultCustody();
        KeySpec keySpec = request.keySpec() == null ? settings.defaultKeySpec() : request.keySpec();
        KeyRef key = custody.generateKey(newAlias(request.id()), keySpec);
        X509Certificate issued = null;
        try {
            issued = ca.issueAndInstall(CertificateRequest.seal(subject(request), custody.publicKey(key),
                    settings.certificateValidity()), custody, key);
            SealCertificate certificate = SealCertificate.of(ca.id(), custody.certificateChain(key), key);
            Seal seal = newRecord(actor, request, generatedImage(spec, png), certificate);
            store.create(seal);
            store.putImage(seal.id(), png);
            auditChange(actor, "seal.create", seal, Map.of("certificateSerial", certificate.serial(),
                    "key", key.toString(), "caId", ca.id()));
            return seal;
        } catch (RuntimeException e) {
            undo(ca.id(), issued, custody, key, e);
            throw e;
        }
    }

    /**
     * Imports a seal whose key and certificate come as PKCS#12 (e.g. issued by the provincial e-seal system). The
     * chain must validate against a CA certificate this service trusts; nothing is stored otherwise. The image is
     * drawn from the owner and seal name (replace it with {@link #importImage}).
     */
    public Seal importPkcs12(Actor actor, NewSeal request, byte[] pkcs12, char[] passphrase) {
        if (store.exists(request.id())) {
            throw new SealExistsException(request.id());
        }
        SealImageSpec spec = SealImageSpec.specialSeal(request.owner().name(), request.sealName());
        byte[] png = pngRenderer.renderPng(SealLayout.compute(spec), settings.imageDpi());
        PkiImport importer = new PkiImport(pki.repository(), clock);
        KeyCustody custody = custodies.defaultCustody();
        KeyRef key = importer.importSeal(custody, newAlias(request.id()), pkcs12, passphrase, importer.trustedRoots());
        try {
            List<X509Certificate> chain = custody.certificateChain(key);
            String caId = issuingCaOf(chain).orElse(null);
            Seal seal = newRecord(actor, request, generatedImage(spec, png), SealCertificate.of(caId, chain, key));
            store.create(seal);
            store.putImage(seal.id(), png);
            auditChange(actor, "seal.import", seal, Map.of("certificateSerial", seal.certificate().serial(),
                    "key", key.toString(), "issuer", seal.certificate().issuer()));
            return withLiveStatus(seal, new HashMap<>());
        } catch (RuntimeException e) {
            undo(null, null, custody, key, e);
            throw e;
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    /** Replaces the seal's image by an uploaded one (checked and normalised by {@link SealImageImporter}). */
    public Seal importImage(Actor actor, String id, byte[] upload) {
        Seal current = get(id);
        ImportedSealImage imported = importer.importImage(upload);
        double assumedMm = current.image().spec() != null ? current.image().spec().diameterMm() : 40.0;
        double widthMm = imported.widthMm().orElse(assumedMm);
        if (widthMm > SealImageSpec.MAX_DIAMETER_MM + 0.5) {
            throw new UnprocessableException(String.format(
                    "the uploaded image is %.1f mm wide at its stated resolution; seals are at most %.0f mm",
                    widthMm, SealImageSpec.MAX_DIAMETER_MM));
        }
        int dpi = imported.dpi().orElse((int) Math.round(imported.widthPx() * 25.4 / widthMm));
        double heightMm = imported.heightPx() * 25.4 / dpi;
        byte[] png = imported.png();
        SealImage image = new SealImage(SealImage.IMPORTED, current.image().spec(), imported.widthPx(),
                imported.heightPx(), dpi, widthMm, heightMm, sha256(png));
        store.putImage(id, png);
        Seal updated = store.update(id, s -> s.withImage(image, clock.instant()));
        auditChange(actor, "seal.image", updated, Map.of("sha256", image.sha256(),
                "size", image.widthPx() + "x" + image.heightPx()));
        return withLiveStatus(updated, new HashMap<>());
    }

    // ------------------------------------------------------------------ status

    /** Puts the seal on hold: its certificate becomes certificateHold in CRL and OCSP. */
    public Seal suspend(Actor actor, String id, String reason) {
        Seal seal = get(id);
        if (seal.status() != SealStatus.ACTIVE) {
            throw new SealStateException("seal " + id + " is " + lower(seal.status()) + "; only an active seal can be "
                    + "suspended");
        }
        SealCertificate cert = seal.certificate();
        if (cert.caId() != null) {
            pki.registry().suspend(cert.caId(), serial(cert));
        }
        Seal updated = store.update(id, s -> s.withStatus(SealStatus.SUSPENDED, reason, clock.instant()));
        auditChange(actor, "seal.suspend", updated, detailsWithReason(cert, reason));
        return updated;
    }

    /** Lifts a suspension: the certificate is good again in CRL and OCSP. */
    public Seal resume(Actor actor, String id) {
        Seal seal = get(id);
        if (seal.status() != SealStatus.SUSPENDED) {
            throw new SealStateException("seal " + id + " is " + lower(seal.status()) + "; only a suspended seal can "
                    + "be resumed");
        }
        SealCertificate cert = seal.certificate();
        if (cert.caId() != null) {
            try {
                pki.registry().reinstate(cert.caId(), serial(cert));
            } catch (RevocationStateException notSuspended) {
                // the record said suspended but the CA did not: the record lagged; nothing to lift at the CA
            }
        }
        Seal updated = store.update(id, s -> s.withStatus(SealStatus.ACTIVE, null, clock.instant()));
        auditChange(actor, "seal.resume", updated, Map.of("certificateSerial", cert.serial()));
        return updated;
    }

    /** Revokes the seal for good: its certificate is revoked with {@code reason} in CRL and OCSP. */
    public Seal revoke(Actor actor, String id, RevocationReason reason, String note) {
        Objects.requireNonNull(reason, "reason");
        Seal seal = get(id);
        if (seal.status() == SealStatus.REVOKED) {
            throw new SealStateException("seal " + id + " is revoked already");
        }
        SealCertificate cert = seal.certificate();
        if (cert.caId() != null) {
            pki.registry().revoke(cert.caId(), serial(cert), reason);
        }
        String text = reason.name() + (note == null || note.isBlank() ? "" : ": " + note.strip());
        Seal updated = store.update(id, s -> s.withStatus(SealStatus.REVOKED, text, clock.instant()));
        auditChange(actor, "seal.revoke", updated, detailsWithReason(cert, text));
        return updated;
    }

    /**
     * Gives the seal a new key and certificate. The old certificate is kept in the seal's history and stays good
     * (old signatures stay verifiable); the old private key is destroyed, so nothing new can be signed with it.
     *
     * @param keySpec the new key's type, or {@code null} for the old key's type
     */
    public Seal rotate(Actor actor, String id, KeySpec keySpec) {
        Seal seal = get(id);
        if (seal.status() != SealStatus.ACTIVE) {
            throw new SealStateException("seal " + id + " is " + lower(seal.status()) + "; only an active seal can be "
                    + "rotated");
        }
        SealCertificate old = seal.certificate();
        if (old.caId() == null || pki.cas().find(old.caId()).map(ca -> !ca.record().holdsKey()).orElse(true)) {
            throw new SealStateException("seal " + id + " has a certificate from an outside CA; import the new "
                    + "PKCS#12 from that CA instead of rotating");
        }
        CertificateAuthority ca = pki.cas().get(old.caId());
        KeyCustody custody = custodies.defaultCustody();
        KeySpec spec = keySpec != null ? keySpec : specOf(custodies.forRef(old.key()).publicKey(old.key()));
        KeyRef key = custody.generateKey(newAlias(id), spec);
        X509Certificate issued = null;
        try {
            issued = ca.issueAndInstall(CertificateRequest.seal(
                    CertificateSubject.of(old.certificate()), custody.publicKey(key), settings.certificateValidity()), custody, key);
            SealCertificate next = SealCertificate.of(ca.id(), custody.certificateChain(key), key);
            Seal updated = store.update(id, s -> {
                if (!s.certificate().serial().equals(old.serial())) {
                    throw new SealStateException("seal " + id + " was rotated meanwhile; try again");
                }
                return s.rotatedTo(next, clock.instant());
            });
            retireKey(old.key());
            auditChange(actor, "seal.rotate", updated, Map.of("previousSerial", old.serial(),
                    "certificateSerial", next.serial(), "key", key.toString()));
            return withLiveStatus(updated, new HashMap<>());
        } catch (RuntimeException e) {
            undo(ca.id(), issued, custody, key, e);
            throw e;
        }
    }

    // ------------------------------------------------------------------ helpers

    private Seal withLiveStatus(Seal seal, Map<String, List<IssuedCertificate>> indexes) {
        SealCertificate cert = seal.certificate();
        if (cert.caId() == null) {
            return seal;
        }
        List<IssuedCertificate> issued = indexes.computeIfAbsent(cert.caId(), caId -> pki.registry().issued(caId));
        return issued.stream().filter(e -> e.serial().equals(cert.serial())).findFirst()
                .map(entry -> seal.reportingStatus(switch (entry.state()) {
                    case GOOD -> SealStatus.ACTIVE;
                    case SUSPENDED -> SealStatus.SUSPENDED;
                    case REVOKED -> SealStatus.REVOKED;
                }))
                .orElse(seal);
    }

    private Seal newRecord(Actor actor, NewSeal request, SealImage image, SealCertificate certificate) {
        var now = clock.instant();
        return new Seal(request.id(), request.owner(), request.kind(), request.displayName(), image, certificate,
                List.of(), SealStatus.ACTIVE, null, now, request.usage(), now, actor.principal().userId(), now);
    }

    private SealImage generatedImage(SealImageSpec spec, byte[] png) {
        int px = SealPngRenderer.pixels(spec.diameterMm(), settings.imageDpi());
        return new SealImage(SealImage.GENERATED, spec, px, px, settings.imageDpi(), spec.diameterMm(),
                spec.diameterMm(), sha256(png));
    }

    private static CertificateSubject subject(NewSeal request) {
        return new CertificateSubject(request.displayName(), request.owner().name());
    }


    /** The operated CA that issued {@code chain}'s leaf and has it in its index, if any. */
    private Optional<String> issuingCaOf(List<X509Certificate> chain) {
        if (chain.size() < 2) {
            return Optional.empty();
        }
        X509Certificate leaf = chain.get(0);
        for (CertificateAuthority ca : pki.cas().operated()) {
            if (ca.certificate().equals(chain.get(1)) && pki.registry().status(ca.id(), leaf.getSerialNumber())
                    instanceof org.onewindow.service.pki.CertificateStatus.Unknown == false) {
                return Optional.of(ca.id());
            }
        }
        return Optional.empty();
    }

    private static KeySpec specOf(PublicKey key) {
        if (key instanceof ECPublicKey) {
            return KeySpec.EC_P256;
        }
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() > 2048) {
            return KeySpec.RSA_3072;
        }
        return KeySpec.RSA_2048;
    }

    /** A fresh alias: seal id plus a random suffix, so a crashed attempt never blocks the id. */
    static String newAlias(String id) {
        return "seal-" + id + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void undo(String caId, X509Certificate issued, KeyCustody custody, KeyRef key, RuntimeException cause) {
        try {
            if (issued != null && caId != null) {
                pki.registry().revoke(caId, issued.getSerialNumber(), RevocationReason.CESSATION_OF_OPERATION);
            }
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
        try {
            custody.delete(key);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private void retireKey(KeyRef key) {
        try {
            custodies.forRef(key).delete(key);
        } catch (RuntimeException e) {
            log.warn("rotated seal key {} could not be deleted: {}", key, e.getMessage());
        }
    }

    private void auditChange(Actor actor, String action, Seal seal, Map<String, String> details) {
        Map<String, String> all = new LinkedHashMap<>(details);
        all.put("kind", seal.kind().name());
        all.put("status", seal.status().name());
        audit.append(AuditEntry.of(actor.principal(), action, AuditTarget.of("seal", seal.id()), AuditOutcome.GRANTED,
                actor.requestId(), all));
    }

    private static Map<String, String> detailsWithReason(SealCertificate cert, String reason) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("certificateSerial", cert.serial());
        if (reason != null && !reason.isBlank()) {
            details.put("reason", reason);
        }
        return details;
    }

    private static java.math.BigInteger serial(SealCertificate cert) {
        return new java.math.BigInteger(cert.serial(), 16);
    }

    private static String lower(SealStatus status) {
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static void checkIdOrNotFound(String id) {
        if (!Seal.isValidId(id)) {
            throw new SealNotFoundException(String.valueOf(id));
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
