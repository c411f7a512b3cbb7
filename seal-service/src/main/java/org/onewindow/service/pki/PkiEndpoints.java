package org.onewindow.service.pki;

import java.util.Locale;

import org.onewindow.service.errors.BadRequestException;
import org.onewindow.service.errors.NotFoundException;
import org.onewindow.service.errors.PayloadTooLargeException;
import org.onewindow.service.errors.UnsupportedMediaTypeException;

/**
 * The public PKI endpoints as plain functions, ready to be wired to HTTP routes (all public, no authentication):
 * <ul>
 *   <li>{@code GET  /pki/crl/{caId}.crl}  → {@link #crl(String)}</li>
 *   <li>{@code GET  /pki/ca/{caId}.cer}   → {@link #caCertificate(String)}</li>
 *   <li>{@code POST /pki/ocsp}            → {@link #ocspPost(String, byte[])}</li>
 *   <li>{@code GET  /pki/ocsp/{request}}  → {@link #ocspGet(String)} (RFC 6960 A.1; the segment may contain '/')</li>
 *   <li>{@code POST /pki/tsa}             → {@link #timeStamp(String, byte[])}</li>
 * </ul>
 * Errors are the service's typed exceptions (404, 400, 413, 415); OCSP and TSA protocol errors are answered inside
 * the protocol (HTTP 200 with an error status), as RFC 6960 and RFC 3161 clients expect.
 */
public final class PkiEndpoints {
    private final CertificateAuthorities cas;
    private final CrlIssuer crls;
    private final OcspResponder ocsp;
    private final TimeStampAuthority tsa;

    /** @param tsa the local TSA, or {@code null} when the service uses an external one (the route then 404s) */
    public PkiEndpoints(CertificateAuthorities cas, CrlIssuer crls, OcspResponder ocsp, TimeStampAuthority tsa) {
        this.cas = cas;
        this.crls = crls;
        this.ocsp = ocsp;
        this.tsa = tsa;
    }

    /**
     * A response body with its media type.
     *
     * @param cacheControl value for the Cache-Control header
     */
    public record Payload(byte[] body, String contentType, String cacheControl) {
    }

    /** @param fileName the last path segment, e.g. {@code demo-issuing.crl} */
    public Payload crl(String fileName) {
        return new Payload(crls.crl(caId(fileName, ".crl")), CrlIssuer.CONTENT_TYPE, "no-cache");
    }

    /** @param fileName the last path segment, e.g. {@code demo-issuing.cer} */
    public Payload caCertificate(String fileName) {
        return new Payload(cas.caCertificate(caId(fileName, ".cer")), "application/pkix-cert", "max-age=86400");
    }

    /**
     * @param contentType the request's Content-Type ({@code application/ocsp-request}; a missing one is tolerated
     *                    because some clients omit it)
     */
    public Payload ocspPost(String contentType, byte[] body) {
        if (contentType != null && !contentType.isBlank()
                && !mediaType(contentType).equals(OcspResponder.REQUEST_CONTENT_TYPE)) {
            throw new UnsupportedMediaTypeException("OCSP requests must be sent as "
                    + OcspResponder.REQUEST_CONTENT_TYPE + ", got " + contentType);
        }
        if (body != null && body.length > OcspResponder.MAX_REQUEST_BYTES) {
            throw new PayloadTooLargeException("OCSP request larger than " + OcspResponder.MAX_REQUEST_BYTES + " bytes");
        }
        return new Payload(ocsp.respond(body), OcspResponder.RESPONSE_CONTENT_TYPE, "no-cache");
    }

    /** @param encoded everything after {@code /pki/ocsp/}, still URL-encoded */
    public Payload ocspGet(String encoded) {
        return new Payload(ocsp.respondToGet(encoded), OcspResponder.RESPONSE_CONTENT_TYPE, "no-cache");
    }

    /** @param contentType must be {@code application/timestamp-query} */
    public Payload timeStamp(String contentType, byte[] body) {
        if (tsa == null) {
            throw new NotFoundException("this service runs no time-stamping authority");
        }
        if (contentType == null || !mediaType(contentType).equals(TimeStampAuthority.REQUEST_CONTENT_TYPE)) {
            throw new UnsupportedMediaTypeException("time-stamp requests must be sent as "
                    + TimeStampAuthority.REQUEST_CONTENT_TYPE + ", got " + contentType);
        }
        if (body != null && body.length > TimeStampAuthority.MAX_REQUEST_BYTES) {
            throw new PayloadTooLargeException("time-stamp request larger than " + TimeStampAuthority.MAX_REQUEST_BYTES
                    + " bytes");
        }
        return new Payload(tsa.respond(body), TimeStampAuthority.RESPONSE_CONTENT_TYPE, "no-store");
    }

    private static String caId(String fileName, String suffix) {
        if (fileName == null || !fileName.endsWith(suffix)) {
            throw new BadRequestException("expected '{caId}" + suffix + "', got '" + fileName + "'");
        }
        String caId = fileName.substring(0, fileName.length() - suffix.length());
        if (!CaRecord.isValidId(caId)) {
            throw new CaNotFoundException("no certification authority '" + caId + "'");
        }
        return caId;
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
