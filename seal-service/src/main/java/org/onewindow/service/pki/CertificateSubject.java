package org.onewindow.service.pki;

import java.util.Objects;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * A certificate subject. Encoded as C (PrintableString), O, OU, CN (UTF8String), in that order.
 *
 * @param commonName         CN: the seal name, the CA name
 * @param organization       O: e.g. 敦煌市行政服务中心
 * @param organizationalUnit OU: the department, or {@code null}
 * @param country            C: two letters, {@code CN} by default
 */
public record CertificateSubject(String commonName, String organization, String organizationalUnit, String country) {
    public static final String CENTER = "敦煌市行政服务中心";

    public CertificateSubject {
        requireText(commonName, "commonName");
        requireText(organization, "organization");
        if (organizationalUnit != null && organizationalUnit.isBlank()) {
            organizationalUnit = null;
        }
        country = country == null ? "CN" : country;
        if (!country.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("country must be two capital letters: " + country);
        }
    }

    public CertificateSubject(String commonName, String organization) {
        this(commonName, organization, null, null);
    }

    /** The subject of an issued certificate, read back from its name (so CN/O/OU/C stay identical on reissue). */
    public static CertificateSubject of(java.security.cert.X509Certificate certificate) {
        return of(certificate, null, null);
    }

    /** As {@link #of(java.security.cert.X509Certificate)}, with the CN and O to use where the name has none. */
    public static CertificateSubject of(java.security.cert.X509Certificate certificate, String defaultCommonName,
                                        String defaultOrganization) {
        X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        String cn = first(name, BCStyle.CN);
        String o = first(name, BCStyle.O);
        return new CertificateSubject(cn != null ? cn : defaultCommonName, o != null ? o : defaultOrganization,
                first(name, BCStyle.OU), first(name, BCStyle.C));
    }

    private static String first(X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
        var rdns = name.getRDNs(type);
        return rdns.length == 0 ? null
                : org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException(name + " must be 1-64 characters, got '" + value + "'");
        }
    }

    /** The X.500 name with UTF8String values (PrintableString for C, as RFC 5280 requires). */
    public X500Name toX500Name() {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, country)
                .addRDN(BCStyle.O, organization);
        if (organizationalUnit != null) {
            builder.addRDN(BCStyle.OU, organizationalUnit);
        }
        return builder.addRDN(BCStyle.CN, commonName).build();
    }
}
