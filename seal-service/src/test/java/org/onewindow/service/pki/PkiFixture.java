package org.onewindow.service.pki;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.onewindow.service.keys.KeyCustodies;
import org.onewindow.service.keys.KeyCustody;
import org.onewindow.service.keys.KeySpec;

/** A complete PKI (demo hierarchy, CRL issuer, OCSP responder, TSA) over a given custody and repository. */
final class PkiFixture {
    static final PkiUrls URLS = new PkiUrls("https://zwfw.example.cn/");
    /** Smaller keys than production so tests stay fast; both key types are exercised. */
    static final DemoPki.Settings SETTINGS = new DemoPki.Settings(KeySpec.RSA_2048, KeySpec.EC_P256,
            Duration.ofDays(3650), Duration.ofDays(1825), Duration.ofDays(365));

    final KeyCustody custody;
    final PkiStateRepository repository;
    final RevocationRegistry registry;
    final CertificateAuthorities cas;
    final DemoPki.Hierarchy hierarchy;
    final CrlIssuer crls;
    final OcspResponder ocsp;
    final TimeStampAuthority tsa;

    PkiFixture(KeyCustody custody, PkiStateRepository repository) {
        this.custody = custody;
        this.repository = repository;
        Clock clock = Clock.systemUTC();
        this.registry = new RevocationRegistry(repository, clock);
        this.cas = new CertificateAuthorities(repository, KeyCustodies.of(custody), registry, URLS, clock);
        this.hierarchy = DemoPki.ensure(custody, cas, repository, SETTINGS, clock);
        this.crls = new CrlIssuer(cas, clock, Duration.ofHours(24));
        this.ocsp = new OcspResponder(List.of(
                OcspResponder.Identity.delegated(hierarchy.issuing(), custody, hierarchy.ocspSigner()),
                OcspResponder.Identity.caSigned(hierarchy.root())), clock, Duration.ofMinutes(10));
        this.tsa = new TimeStampAuthority(custody, hierarchy.tsa(), TsaConfig.defaults(), clock);
    }
}
