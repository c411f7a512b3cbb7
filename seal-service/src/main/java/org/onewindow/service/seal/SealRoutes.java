package org.onewindow.service.seal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.onewindow.service.errors.BadRequestException;
import org.onewindow.service.identity.IdentityService.Actor;
import org.onewindow.service.identity.Role;
import org.onewindow.service.keys.KeySpec;
import org.onewindow.service.config.KeysConfig;
import org.onewindow.service.pki.RevocationReason;
import org.onewindow.service.seal.image.SealImageImporter;
import org.onewindow.service.web.Access;
import org.onewindow.service.web.Principals;
import org.onewindow.service.web.RequestBodies;
import org.onewindow.service.web.RequestIds;
import org.onewindow.service.web.Route;
import org.onewindow.service.web.RouteProvider;

/**
 * The seal registry over HTTP: reads for every logged-in user, changes for {@link Role#SEAL_ADMIN}. See
 * {@code docs/http-api.md} (seals) for request and response bodies.
 */
public final class SealRoutes implements RouteProvider {
    private static final String BASE = "/api/seals";
    private static final int MAX_PKCS12_BYTES = 64 * 1024;

    private final java.util.function.Supplier<SealRegistry> registry;
    private final DepartmentDirectory departments;
    private final RequestBodies bodies;

    /**
     * @param registry supplies the registry; may throw {@link org.onewindow.service.errors.ServiceUnavailableException}
     *                 while storage is unreachable (the routes then answer 503)
     */
    public SealRoutes(java.util.function.Supplier<SealRegistry> registry, DepartmentDirectory departments,
                      RequestBodies bodies) {
        this.registry = registry;
        this.departments = departments;
        this.bodies = bodies;
    }

    /** Body of {@code POST /api/seals} and {@code POST /api/seals/import}. */
    public record CreateRequest(String id, String kind, String ownerName, String department, String displayName,
                                String sealName, String keyType, List<String> roles, List<String> userIds,
                                String caId, String pkcs12Base64, String passphrase) {
    }

    /** Body of suspend and revoke. */
    public record StatusRequest(String reason, String note) {
    }

    /** Body of rotate. */
    public record RotateRequest(String keyType) {
    }

    /** Body of authorize. */
    public record AuthorizeRequest(String purpose) {
    }

    @Override
    public List<Route> routes() {
        Access admin = Access.anyOf(Role.SEAL_ADMIN);
        Access user = Access.authenticated();
        return List.of(
                new Route(HandlerType.GET, BASE, "List seals with status, owner, kind and certificate", user, this::list),
                new Route(HandlerType.GET, BASE + "/usable", "The seals the caller may apply now", user, this::usable),
                new Route(HandlerType.POST, BASE, "Create a seal: key in custody, certificate from the center CA, "
                        + "generated image (seal admin)", admin, this::create),
                new Route(HandlerType.POST, BASE + "/import", "Import a seal from PKCS#12 (base64) with its "
                        + "passphrase; the chain must validate against a trusted CA (seal admin)", admin, this::importSeal),
                new Route(HandlerType.GET, BASE + "/{sealId}", "One seal with its certificate chain (PEM) and "
                        + "certificate history", user, this::show),
                new Route(HandlerType.GET, BASE + "/{sealId}/chain.pem", "The seal's certificate chain as PEM",
                        user, this::chainPem),
                new Route(HandlerType.GET, BASE + "/{sealId}/image.png", "The seal image (transparent PNG)",
                        user, this::png),
                new Route(HandlerType.GET, BASE + "/{sealId}/image.pdf", "The seal drawn as vector PDF "
                        + "(generated images only)", user, this::pdf),
                new Route(HandlerType.PUT, BASE + "/{sealId}/image", "Replace the seal image by an uploaded PNG or "
                        + "JPEG (seal admin)", admin, this::putImage),
                new Route(HandlerType.POST, BASE + "/{sealId}/suspend", "Suspend: certificateHold in CRL and OCSP "
                        + "(seal admin)", admin, this::suspend),
                new Route(HandlerType.POST, BASE + "/{sealId}/resume", "Lift a suspension (seal admin)", admin,
                        this::resume),
                new Route(HandlerType.POST, BASE + "/{sealId}/revoke", "Revoke for good with an RFC 5280 reason "
                        + "(seal admin)", admin, this::revoke),
                new Route(HandlerType.POST, BASE + "/{sealId}/rotate", "New key and certificate; the old "
                        + "certificate stays valid for old signatures (seal admin)", admin, this::rotate),
                new Route(HandlerType.POST, BASE + "/{sealId}/authorize", "Check (audited as seal.use) whether the "
                        + "caller may apply this seal now: 200 or 403", user, this::authorize));
    }

    private static Actor actor(Context ctx) {
        return new Actor(Principals.require(ctx), RequestIds.of(ctx));
    }

    private void list(Context ctx) {
        ctx.json(Map.of("seals", registry.get().list().stream().map(SealRoutes::summary).toList()));
    }

    private void usable(Context ctx) {
        ctx.json(Map.of("seals", registry.get().usableBy(Principals.require(ctx)).stream().map(SealRoutes::summary).toList()));
    }

    private void show(Context ctx) {
        ctx.json(detail(registry.get().get(ctx.pathParam("sealId"))));
    }

    private void chainPem(Context ctx) {
        Seal seal = registry.get().get(ctx.pathParam("sealId"));
        ctx.contentType("application/x-pem-file").result(String.join("", seal.certificate().chainPem()));
    }

    private void png(Context ctx) {
        byte[] png = registry.get().png(ctx.pathParam("sealId"));
        ctx.contentType("image/png").header("Cache-Control", "no-cache").result(png);
    }

    private void pdf(Context ctx) {
        byte[] pdf = registry.get().vectorPdf(ctx.pathParam("sealId"));
        ctx.contentType("application/pdf").header("Cache-Control", "no-cache").result(pdf);
    }

    private void create(Context ctx) {
        CreateRequest body = bodies.json(ctx, CreateRequest.class);
        Seal seal = registry.get().create(actor(ctx), newSeal(body));
        ctx.status(201).header("Location", BASE + "/" + seal.id()).json(detail(seal));
    }

    private void importSeal(Context ctx) {
        CreateRequest body = bodies.json(ctx, CreateRequest.class);
        if (body.pkcs12Base64() == null || body.pkcs12Base64().isBlank()) {
            throw new BadRequestException("pkcs12Base64 is required: the PKCS#12 file, base64-encoded");
        }
        byte[] pkcs12;
        try {
            pkcs12 = Base64.getMimeDecoder().decode(body.pkcs12Base64());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("pkcs12Base64 is not valid base64");
        }
        if (pkcs12.length > MAX_PKCS12_BYTES) {
            throw new org.onewindow.service.errors.PayloadTooLargeException("PKCS#12 files are limited to "
                    + MAX_PKCS12_BYTES + " bytes");
        }
        char[] passphrase = body.passphrase() == null ? new char[0] : body.passphrase().toCharArray();
        Seal seal = registry.get().importPkcs12(actor(ctx), newSeal(body), pkcs12, passphrase);
        ctx.status(201).header("Location", BASE + "/" + seal.id()).json(detail(seal));
    }

    private void putImage(Context ctx) {
        String sealId = ctx.pathParam("sealId");
        registry.get().get(sealId); // 404 before reading an upload for nothing
        // Never buffer more than the image limit (+1 so the importer reports "too large" precisely).
        long limit = Math.min(bodies.maxUploadBytes(), SealImageImporter.Limits.DEFAULT.maxBytes());
        if (ctx.req().getContentLengthLong() > limit) {
            throw new org.onewindow.service.errors.PayloadTooLargeException("seal images are limited to " + limit
                    + " bytes");
        }
        byte[] upload;
        try (var in = bodies.upload(ctx)) {
            upload = in.readNBytes((int) limit + 1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (upload.length == 0) {
            throw new BadRequestException("the request body is empty; send the image (PNG or JPEG) as the body");
        }
        ctx.json(detail(registry.get().importImage(actor(ctx), sealId, upload)));
    }

    private void suspend(Context ctx) {
        StatusRequest body = optionalBody(ctx, StatusRequest.class, new StatusRequest(null, null));
        ctx.json(detail(registry.get().suspend(actor(ctx), ctx.pathParam("sealId"), body.reason())));
    }

    private void resume(Context ctx) {
        ctx.json(detail(registry.get().resume(actor(ctx), ctx.pathParam("sealId"))));
    }

    private void revoke(Context ctx) {
        StatusRequest body = optionalBody(ctx, StatusRequest.class, new StatusRequest(null, null));
        RevocationReason reason = parseReason(body.reason());
        ctx.json(detail(registry.get().revoke(actor(ctx), ctx.pathParam("sealId"), reason, body.note())));
    }

    private void rotate(Context ctx) {
        RotateRequest body = optionalBody(ctx, RotateRequest.class, new RotateRequest(null));
        ctx.json(detail(registry.get().rotate(actor(ctx), ctx.pathParam("sealId"), keySpec(body.keyType()))));
    }

    private void authorize(Context ctx) {
        AuthorizeRequest body = optionalBody(ctx, AuthorizeRequest.class, new AuthorizeRequest(null));
        Seal seal = registry.get().get(ctx.pathParam("sealId"));
        registry.get().authorizer().authorizeUse(Principals.require(ctx), seal,
                new SealAuthorizer.UseContext(RequestIds.of(ctx), body.purpose() == null ? "check" : body.purpose()));
        ctx.json(Map.of("sealId", seal.id(), "allowed", true));
    }

    /** A JSON body when one was sent, {@code fallback} for an empty body. */
    private <T> T optionalBody(Context ctx, Class<T> type, T fallback) {
        if (ctx.req().getContentLengthLong() == 0 || (ctx.contentType() == null && ctx.req().getContentLengthLong() <= 0)) {
            return fallback;
        }
        return bodies.json(ctx, type);
    }

    // ------------------------------------------------------------------ parsing

    private SealRegistry.NewSeal newSeal(CreateRequest body) {
        if (body.id() == null || !Seal.isValidId(body.id())) {
            throw new BadRequestException("id must be 1-" + Seal.MAX_ID_LENGTH
                    + " characters of [a-z0-9-], starting with a letter or digit");
        }
        SealKind kind = parseEnum(SealKind.class, body.kind(), "kind");
        String ownerName = body.ownerName();
        String department = body.department();
        if (department != null && !department.isBlank()) {
            var known = departments.find(department);
            if (known.isPresent()) {
                department = known.get().shortName();
                if (ownerName == null || ownerName.isBlank()) {
                    ownerName = known.get().fullName();
                }
            }
        }
        if (ownerName == null || ownerName.isBlank()) {
            if (department != null && !department.isBlank()) {
                throw new BadRequestException("ownerName is required for a department not in the directory");
            }
            ownerName = org.onewindow.service.pki.CertificateSubject.CENTER;
        }
        Set<Role> roles = null;
        if (body.roles() != null) {
            roles = EnumSet.noneOf(Role.class);
            for (String role : body.roles()) {
                roles.add(parseEnum(Role.class, role, "roles"));
            }
        }
        SealUsage usage = roles == null && body.userIds() == null ? null
                : new SealUsage(roles == null ? kind.defaultRoles() : roles,
                body.userIds() == null ? Set.of() : Set.copyOf(body.userIds()));
        try {
            return new SealRegistry.NewSeal(body.id(), kind, new SealOwner(ownerName, department), body.displayName(),
                    body.sealName(), keySpec(body.keyType()), usage, body.caId());
        } catch (IllegalArgumentException e) {
            throw new org.onewindow.service.errors.UnprocessableException(e.getMessage());
        }
    }

    private static KeySpec keySpec(String keyType) {
        if (keyType == null || keyType.isBlank()) {
            return null;
        }
        return KeysConfig.parseKeySpec(keyType).orElseThrow(() ->
                new BadRequestException("keyType must be rsa-2048, rsa-3072 or ec-p256; got '" + keyType + "'"));
    }

    /** Accepts the RFC 5280 names (keyCompromise) and the enum names (KEY_COMPROMISE); unspecified when absent. */
    static RevocationReason parseReason(String text) {
        if (text == null || text.isBlank()) {
            return RevocationReason.UNSPECIFIED;
        }
        String wanted = text.strip().replace("_", "").toLowerCase(Locale.ROOT);
        for (RevocationReason reason : RevocationReason.values()) {
            if (reason != RevocationReason.CERTIFICATE_HOLD
                    && reason.name().replace("_", "").toLowerCase(Locale.ROOT).equals(wanted)) {
                return reason;
            }
        }
        throw new BadRequestException("reason must be one of unspecified, keyCompromise, caCompromise, "
                + "affiliationChanged, superseded, cessationOfOperation, privilegeWithdrawn (use suspend for "
                + "certificateHold); got '" + text + "'");
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException(field + " is required");
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                    + "; got '" + value + "'");
        }
    }

    // ------------------------------------------------------------------ views

    static Map<String, Object> summary(Seal seal) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", seal.id());
        view.put("kind", seal.kind().name());
        view.put("kindName", seal.kind().chineseName());
        view.put("displayName", seal.displayName());
        Map<String, Object> owner = new LinkedHashMap<>();
        owner.put("name", seal.owner().name());
        owner.put("department", seal.owner().department());
        view.put("owner", owner);
        view.put("status", seal.status().name());
        view.put("statusReason", seal.statusReason());
        view.put("statusChangedAt", seal.statusChangedAt());
        view.put("validFrom", seal.certificate().notBefore());
        view.put("validUntil", seal.certificate().notAfter());
        view.put("certificate", certificate(seal.certificate(), false));
        view.put("key", seal.certificate().keyRef());
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("roles", seal.usage().roles().stream().map(Enum::name).sorted().toList());
        usage.put("userIds", List.copyOf(seal.usage().userIds()));
        usage.put("departmentBound", seal.owner().department() != null);
        view.put("usage", usage);
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("source", seal.image().source());
        image.put("widthPx", seal.image().widthPx());
        image.put("heightPx", seal.image().heightPx());
        image.put("dpi", seal.image().dpi());
        image.put("widthMm", seal.image().widthMm());
        image.put("heightMm", seal.image().heightMm());
        image.put("sha256", seal.image().sha256());
        image.put("vector", seal.image().isGenerated() && seal.image().spec() != null);
        view.put("image", image);
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", BASE + "/" + seal.id());
        links.put("image", BASE + "/" + seal.id() + "/image.png");
        links.put("vector", BASE + "/" + seal.id() + "/image.pdf");
        links.put("chain", BASE + "/" + seal.id() + "/chain.pem");
        view.put("links", links);
        view.put("createdAt", seal.createdAt());
        view.put("createdBy", seal.createdBy());
        view.put("updatedAt", seal.updatedAt());
        return view;
    }

    static Map<String, Object> detail(Seal seal) {
        Map<String, Object> view = summary(seal);
        view.put("certificate", certificate(seal.certificate(), true));
        List<Map<String, Object>> history = new ArrayList<>();
        for (SealCertificate old : seal.history()) {
            history.add(certificate(old, true));
        }
        view.put("history", history);
        return view;
    }

    private static Map<String, Object> certificate(SealCertificate cert, boolean withChain) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("serial", cert.serial());
        view.put("caId", cert.caId());
        view.put("subject", cert.subject());
        view.put("issuer", cert.issuer());
        view.put("notBefore", cert.notBefore());
        view.put("notAfter", cert.notAfter());
        view.put("sha256Fingerprint", fingerprint(cert));
        view.put("algorithm", cert.certificate().getPublicKey().getAlgorithm());
        if (cert.retiredAt() != null) {
            view.put("retiredAt", cert.retiredAt());
        }
        if (withChain) {
            view.put("chainPem", cert.chainPem());
        }
        return view;
    }

    private static String fingerprint(SealCertificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.certificate().getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
