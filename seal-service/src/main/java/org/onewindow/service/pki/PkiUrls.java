package org.onewindow.service.pki;

import java.net.URI;
import java.util.Objects;

/**
 * The public URLs this service puts into certificates: CRL distribution point, OCSP and CA-issuers access.
 *
 * @param publicUrl the service's public base URL, e.g. {@code https://zwfw.dunhuang.gov.cn}, without trailing slash
 */
public record PkiUrls(String publicUrl) {
    public PkiUrls {
        Objects.requireNonNull(publicUrl, "publicUrl");
        while (publicUrl.endsWith("/")) {
            publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
        }
        URI uri = URI.create(publicUrl);
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("publicUrl must be an absolute http(s) URL: " + publicUrl);
        }
    }

    /** {@code GET {publicUrl}/pki/crl/{caId}.crl}: the CA's current CRL (DER). */
    public String crl(String caId) {
        return publicUrl + "/pki/crl/" + caId + ".crl";
    }

    /** {@code POST {publicUrl}/pki/ocsp} (and {@code GET {publicUrl}/pki/ocsp/{base64 request}}). */
    public String ocsp() {
        return publicUrl + "/pki/ocsp";
    }

    /** {@code GET {publicUrl}/pki/ca/{caId}.cer}: the CA certificate (DER), for AIA caIssuers. */
    public String caIssuers(String caId) {
        return publicUrl + "/pki/ca/" + caId + ".cer";
    }

    /** {@code POST {publicUrl}/pki/tsa}: the RFC 3161 time-stamping endpoint. */
    public String tsa() {
        return publicUrl + "/pki/tsa";
    }
}
