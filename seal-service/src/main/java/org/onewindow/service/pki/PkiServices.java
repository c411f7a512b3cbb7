package org.onewindow.service.pki;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.onewindow.service.keys.KeyCustodies;

/**
 * Everything the PKI needs at runtime, wired together: the application builds this once at start-up.
 *
 * @param repository PKI state
 * @param registry   issued certificates and revocation status
 * @param cas        the CAs
 * @param demo       the demo hierarchy (also when other CAs are imported: it is what the TSA/OCSP keys hang off)
 * @param crls       CRL issuer
 * @param ocsp       OCSP responder for every operated CA (the demo issuing CA through its delegated signer)
 * @param tsa        the local TSA
 * @param endpoints  the HTTP-facing functions
 * @param custodies  the key custodies
 * @param sm2        the SM2 demo hierarchy (SM2 CAs and the GB/T 38540 seal maker key)
 */
public record PkiServices(PkiStateRepository repository, RevocationRegistry registry, CertificateAuthorities cas,
                          DemoPki.Hierarchy demo, CrlIssuer crls, OcspResponder ocsp, TimeStampAuthority tsa,
                          PkiEndpoints endpoints, KeyCustodies custodies, DemoPki.Sm2Hierarchy sm2) {

    /**
     * Starts the PKI: creates the demo hierarchy on first start (keys in the default custody), then loads every
     * operated CA for CRL and OCSP.
     *
     * @param crlValidity  CRL nextUpdate - thisUpdate (e.g. 24 h)
     * @param ocspValidity OCSP nextUpdate - thisUpdate (e.g. 10 min), or {@code null}
     */
    public static PkiServices start(PkiStateRepository repository, KeyCustodies custodies, PkiUrls urls,
                                    DemoPki.Settings demoSettings, TsaConfig tsaConfig, Duration crlValidity,
                                    Duration ocspValidity, Clock clock) {
        RevocationRegistry registry = new RevocationRegistry(repository, clock);
        CertificateAuthorities cas = new CertificateAuthorities(repository, custodies, registry, urls, clock);
        DemoPki.Hierarchy demo = DemoPki.ensure(custodies.defaultCustody(), cas, repository, demoSettings, clock);
        DemoPki.Sm2Hierarchy sm2 = DemoPki.ensureSm2(custodies.defaultCustody(), cas, repository, demoSettings, clock);
        CrlIssuer crls = new CrlIssuer(cas, clock, crlValidity);
        OcspResponder ocsp = new OcspResponder(ocspIdentities(cas, custodies, demo), clock, ocspValidity);
        TimeStampAuthority tsa = new TimeStampAuthority(custodies.forRef(demo.tsa()), demo.tsa(), tsaConfig, clock);
        return new PkiServices(repository, registry, cas, demo, crls, ocsp, tsa,
                new PkiEndpoints(cas, crls, ocsp, tsa), custodies, sm2);
    }

    /** The demo issuing CA answers through its delegated signer, every other operated CA signs its own answers. */
    private static List<OcspResponder.Identity> ocspIdentities(CertificateAuthorities cas, KeyCustodies custodies,
                                                              DemoPki.Hierarchy demo) {
        List<OcspResponder.Identity> identities = new ArrayList<>();
        identities.add(OcspResponder.Identity.delegated(demo.issuing(), custodies.forRef(demo.ocspSigner()),
                demo.ocspSigner()));
        for (CertificateAuthority ca : cas.operated()) {
            if (!ca.id().equals(demo.issuing().id())) {
                identities.add(OcspResponder.Identity.caSigned(ca));
            }
        }
        return identities;
    }

    /** Call after creating or importing a CA so that OCSP answers for it (CRLs need nothing). */
    public void reloadCas() {
        ocsp.replaceIdentities(ocspIdentities(cas, custodies, demo));
    }
}
