package org.onewindow.service.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Asks the certificate's own revocation services when the document carries no revocation data for it: OCSP at the
 * AIA URL first, then the CRL at the CRL distribution point. Only {@code http} and {@code https} URLs are used;
 * redirects are followed at most twice and only to http(s); every request has a connect and a read timeout, every
 * response a size limit; answers must be signed by the issuer (or its delegated OCSP responder) and be current.
 * A small cache keeps answers until their next update (at most {@link #MAX_CACHE_AGE}). Thread-safe; one instance
 * serves the whole service.
 */
public final class OnlineRevocationChecker {
    /** Largest OCSP response read. */
    public static final int MAX_OCSP_BYTES = 64 * 1024;
    /** Largest CRL read. */
    public static final int MAX_CRL_BYTES = 10 * 1024 * 1024;
    static final Duration MAX_CACHE_AGE = Duration.ofMinutes(10);
    private static final int CACHE_ENTRIES = 256;
    private static final int MAX_REDIRECTS = 2;
    /** Allowed clock difference between us and the responder. */
    private static final Duration SKEW = Duration.ofMinutes(5);

    private final HttpClient http;
    private final Duration readTimeout;
    private final Clock clock;
    private final Map<String, Cached> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    /** What the services said about one certificate, or why they could not say. */
    public record Answer(Optional<Instant> revokedAt, String source, boolean known, List<String> problems) {
        static Answer status(Instant revokedAt, String source) {
            return new Answer(Optional.ofNullable(revokedAt), source, true, List.of());
        }

        static Answer unavailable(List<String> problems) {
            return new Answer(Optional.empty(), "", false, List.copyOf(problems));
        }
    }

    /** An OCSP {@link Answer} or a verified {@link X509CRL}, until its next update. */
    private record Cached(Object value, Instant until) {
    }

    /** 3 s to connect, 5 s to read. */
    public static OnlineRevocationChecker withDefaults(Clock clock) {
        return new OnlineRevocationChecker(Duration.ofSeconds(3), Duration.ofSeconds(5), clock);
    }

    public OnlineRevocationChecker(Duration connectTimeout, Duration readTimeout, Clock clock) {
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Asks OCSP, then the CRL, about {@code cert} issued by {@code issuer}, spending at most until {@code deadline}.
     */
    public Answer check(X509Certificate cert, X509Certificate issuer, Instant deadline) {
        List<String> problems = new ArrayList<>();
        List<String> ocspUrls = urls(cert, true);
        List<String> crlUrls = urls(cert, false);
        if (ocspUrls.isEmpty() && crlUrls.isEmpty()) {
            return Answer.unavailable(List.of("the certificate names no http(s) OCSP responder or CRL"
                    + " distribution point"));
        }
        for (String url : ocspUrls) {
            String key = "ocsp|" + url + "|" + cert.getIssuerX500Principal().getName() + "|"
                    + cert.getSerialNumber().toString(16);
            Optional<Answer> cached = cached(key, Answer.class);
            if (cached.isPresent()) {
                return cached.get();
            }
            try {
                OcspOutcome outcome = ocsp(url, cert, issuer, deadline);
                remember(key, outcome.answer, outcome.until);
                return outcome.answer;
            } catch (LookupException e) {
                problems.add("OCSP " + url + ": " + e.getMessage());
            }
        }
        for (String url : crlUrls) {
            try {
                X509CRL crl = crl(url, issuer, deadline);
                X509CRLEntry entry = crl.getRevokedCertificate(cert.getSerialNumber());
                return Answer.status(entry == null ? null : entry.getRevocationDate().toInstant(), "online CRL " + url);
            } catch (LookupException e) {
                problems.add("CRL " + url + ": " + e.getMessage());
            }
        }
        return Answer.unavailable(problems);
    }

    // ---- OCSP -------------------------------------------------------------------------------------------

    private record OcspOutcome(Answer answer, Instant until) {
    }

    private OcspOutcome ocsp(String url, X509Certificate cert, X509Certificate issuer, Instant deadline)
            throws LookupException {
        CertificateID id;
        byte[] request;
        try {
            id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(issuer), cert.getSerialNumber());
            request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
        } catch (Exception e) {
            throw new LookupException("the request cannot be built: " + e.getMessage());
        }
        byte[] body = fetch(HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.ofByteArray(request))
                .header("Content-Type", "application/ocsp-request"), url, MAX_OCSP_BYTES, deadline);
        BasicOCSPResp basic;
        try {
            OCSPResp response = new OCSPResp(body);
            if (response.getStatus() != OCSPResp.SUCCESSFUL) {
                throw new LookupException("the responder answered with status " + response.getStatus());
            }
            if (!(response.getResponseObject() instanceof BasicOCSPResp b)) {
                throw new LookupException("the response is not a basic OCSP response");
            }
            basic = b;
        } catch (IOException | org.bouncycastle.cert.ocsp.OCSPException e) {
            throw new LookupException("the response is not OCSP: " + e.getMessage());
        }
        boolean signed;
        try {
            signed = PdfVerifier.ocspSignedByAuthority(basic, issuer);
        } catch (Exception e) {
            signed = false;
        }
        if (!signed) {
            throw new LookupException("the response is not signed by the issuer or its OCSP responder");
        }
        Instant now = clock.instant();
        for (SingleResp single : basic.getResponses()) {
            if (!single.getCertID().equals(id)) {
                continue;
            }
            if (single.getThisUpdate().toInstant().isAfter(now.plus(SKEW))) {
                throw new LookupException("the response is dated in the future");
            }
            Instant next = single.getNextUpdate() == null ? null : single.getNextUpdate().toInstant();
            if (next != null && next.isBefore(now.minus(SKEW))) {
                throw new LookupException("the response is out of date (next update " + next + ")");
            }
            Object status = single.getCertStatus();
            if (status instanceof UnknownStatus) {
                throw new LookupException("the responder does not know the certificate");
            }
            Instant revoked = status instanceof RevokedStatus r ? r.getRevocationTime().toInstant() : null;
            Instant until = now.plus(MAX_CACHE_AGE);
            if (next != null && next.isBefore(until)) {
                until = next;
            }
            return new OcspOutcome(Answer.status(revoked, "online OCSP " + url), until);
        }
        throw new LookupException("the response does not mention the certificate");
    }

    // ---- CRL --------------------------------------------------------------------------------------------

    private X509CRL crl(String url, X509Certificate issuer, Instant deadline) throws LookupException {
        String key = "crl|" + url;
        X509CRL crl = cached(key, X509CRL.class).orElse(null);
        if (crl == null) {
            byte[] body = fetch(HttpRequest.newBuilder().GET(), url, MAX_CRL_BYTES, deadline);
            crl = parseCrl(body);
            try {
                crl.verify(issuer.getPublicKey());
            } catch (Exception e) {
                throw new LookupException("the CRL is not signed by the certificate's issuer");
            }
            if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                throw new LookupException("the CRL is issued by another CA");
            }
            Instant now = clock.instant();
            Instant next = crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant();
            if (next != null && next.isBefore(now.minus(SKEW))) {
                throw new LookupException("the CRL is out of date (next update " + next + ")");
            }
            Instant until = now.plus(MAX_CACHE_AGE);
            if (next != null && next.isBefore(until)) {
                until = next;
            }
            remember(key, crl, until);
        }
        return crl;
    }

    private static X509CRL parseCrl(byte[] der) throws LookupException {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (Exception e) {
            throw new LookupException("the answer is not a CRL");
        }
    }

    // ---- HTTP -------------------------------------------------------------------------------------------

    private byte[] fetch(HttpRequest.Builder request, String url, int maxBytes, Instant deadline)
            throws LookupException {
        URI uri = checkedUri(url);
        for (int hop = 0; ; hop++) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new LookupException("no time left for online checking within this verification");
            }
            Duration timeout = left.compareTo(readTimeout) < 0 ? left : readTimeout;
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.copy().uri(uri).timeout(timeout).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpConnectTimeoutException e) {
                throw new LookupException("no connection within the timeout");
            } catch (HttpTimeoutException e) {
                throw new LookupException("no answer within " + timeout.toMillis() + " ms");
            } catch (IOException e) {
                throw new LookupException("unreachable (" + (e.getMessage() == null
                        ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage()) + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LookupException("interrupted");
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                closeQuietly(response.body());
                String location = response.headers().firstValue("Location").orElse(null);
                if (location == null || hop >= MAX_REDIRECTS) {
                    throw new LookupException("too many or empty redirects (HTTP " + status + ")");
                }
                uri = checkedUri(uri.resolve(location).toString());
                continue;
            }
            if (status != 200) {
                closeQuietly(response.body());
                throw new LookupException("HTTP " + status);
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1L);
            if (declared > maxBytes) {
                closeQuietly(response.body());
                throw new LookupException("the answer has " + declared + " bytes, more than " + maxBytes);
            }
            try (InputStream in = response.body()) {
                byte[] body = in.readNBytes(maxBytes + 1);
                if (body.length > maxBytes) {
                    throw new LookupException("the answer is larger than " + maxBytes + " bytes");
                }
                return body;
            } catch (IOException e) {
                throw new LookupException("reading the answer failed (" + e.getClass().getSimpleName() + ")");
            }
        }
    }

    private static URI checkedUri(String url) throws LookupException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new LookupException("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new LookupException("only http and https URLs are used, not " + url);
        }
        return uri;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing more to read from it
        }
    }

    // ---- cache ------------------------------------------------------------------------------------------

    private <T> Optional<T> cached(String key, Class<T> type) {
        synchronized (cache) {
            Cached cached = cache.get(key);
            if (cached == null || !type.isInstance(cached.value)) {
                return Optional.empty();
            }
            if (!cached.until.isAfter(clock.instant())) {
                cache.remove(key);
                return Optional.empty();
            }
            return Optional.of(type.cast(cached.value));
        }
    }

    private void remember(String key, Object value, Instant until) {
        synchronized (cache) {
            cache.put(key, new Cached(value, until));
        }
    }

    // ---- URLs in the certificate ------------------------------------------------------------------------

    /** OCSP (AIA) or CRL (CDP) URLs of the certificate; other schemes (ldap, file ...) are left out. */
    static List<String> urls(X509Certificate cert, boolean ocsp) {
        List<String> result = new ArrayList<>();
        try {
            if (ocsp) {
                byte[] ext = cert.getExtensionValue(Extension.authorityInfoAccess.getId());
                if (ext == null) {
                    return result;
                }
                AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(
                        JcaX509ExtensionUtils.parseExtensionValue(ext));
                for (AccessDescription description : aia.getAccessDescriptions()) {
                    if (AccessDescription.id_ad_ocsp.equals(description.getAccessMethod())) {
                        uri(description.getAccessLocation()).ifPresent(result::add);
                    }
                }
            } else {
                byte[] ext = cert.getExtensionValue(Extension.cRLDistributionPoints.getId());
                if (ext == null) {
                    return result;
                }
                for (DistributionPoint point : CRLDistPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(ext))
                        .getDistributionPoints()) {
                    DistributionPointName name = point.getDistributionPoint();
                    if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                        for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                            uri(general).ifPresent(result::add);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return result; // an unreadable extension names nothing
        }
        return result.stream().limit(4).toList();
    }

    private static Optional<String> uri(GeneralName name) {
        if (name.getTagNo() != GeneralName.uniformResourceIdentifier) {
            return Optional.empty();
        }
        String url = ASN1IA5String.getInstance(name.getName()).getString();
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") ? Optional.of(url) : Optional.empty();
    }

    /** One failed lookup, said for people reading the report. */
    static final class LookupException extends Exception {
        LookupException(String message) {
            super(message, null, false, false);
        }
    }
}
