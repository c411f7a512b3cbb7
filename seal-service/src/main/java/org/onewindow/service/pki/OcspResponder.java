package org.onewindow.service.pki;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.onewindow.service.keys.CustodyContentSigner;
import org.onewindow.service.keys.KeyCustody;
import org.onewindow.service.keys.KeyRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 6960 OCSP responder for the CAs this service operates. Answers good / revoked / unknown per CertID from the
 * {@link RevocationRegistry} at the moment of the request (suspended = revoked with reason certificateHold),
 * echoes the nonce, and signs with the CA key or a delegated responder certificate. Never throws for bad input:
 * an unparseable request gets a {@code malformedRequest} response, a failure while signing {@code internalError}.
 */
public final class OcspResponder {
    /** Media type of OCSP responses. */
    public static final String RESPONSE_CONTENT_TYPE = "application/ocsp-response";
    /** Media type of OCSP requests. */
    public static final String REQUEST_CONTENT_TYPE = "application/ocsp-request";
    /** Largest request accepted (a request for a few certificates is well under 1 KiB). */
    public static final int MAX_REQUEST_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(OcspResponder.class);

    /**
     * Who answers for a CA.
     *
     * @param ca            the CA whose certificates are answered for
     * @param signerCustody custody of the signing key
     * @param signerKey     the signing key: the CA key, or a delegated responder key certified by the CA
     * @param signerChain   the signer's certificate chain (for a delegated signer: its certificate, then the CA's
     *                      chain); included in responses
     */
    public record Identity(CertificateAuthority ca, KeyCustody signerCustody, KeyRef signerKey,
                           List<X509Certificate> signerChain) {
        public Identity {
            signerChain = List.copyOf(signerChain);
        }

        /** The CA signs its own responses. */
        public static Identity caSigned(CertificateAuthority ca) {
            return new Identity(ca, ca.custody(), ca.key(), ca.chain());
        }

        /**
         * A delegated responder key whose certificate (from custody) was issued by {@code ca} with id-kp-OCSPSigning.
         *
         * @throws IllegalArgumentException when the certificate does not qualify
         */
        public static Identity delegated(CertificateAuthority ca, KeyCustody custody, KeyRef key) {
            List<X509Certificate> chain = custody.certificateChain(key);
            X509Certificate signer = chain.get(0);
            try {
                signer.verify(ca.certificate().getPublicKey());
                List<String> usages = signer.getExtendedKeyUsage();
                if (usages == null || !usages.contains(KeyPurposeId.id_kp_OCSPSigning.getId())) {
                    throw new IllegalArgumentException("the certificate of " + key + " lacks id-kp-OCSPSigning");
                }
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalArgumentException("the certificate of " + key + " was not issued by CA " + ca.id());
            }
            List<X509Certificate> full = new ArrayList<>();
            full.add(signer);
            full.addAll(ca.chain());
            return new Identity(ca, custody, key, full);
        }
    }

    private record Prepared(Identity identity, X509CertificateHolder caHolder, X509CertificateHolder[] chain) {
    }

    private volatile List<Prepared> identities;
    private final Clock clock;
    private final Duration nextUpdate;
    private final DigestCalculatorProvider digests;

    /**
     * @param identities one per CA answered for; the first one also signs answers that match none of them
     * @param nextUpdate how long a response may be cached by relying parties ({@code null}: no nextUpdate, meaning
     *                   newer information is always available)
     */
    public OcspResponder(List<Identity> identities, Clock clock, Duration nextUpdate) {
        if (identities.isEmpty()) {
            throw new IllegalArgumentException("an OCSP responder needs at least one CA");
        }
        this.clock = clock;
        this.nextUpdate = nextUpdate;
        try {
            this.digests = new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("preparing the OCSP responder failed", e);
        }
        replaceIdentities(identities);
    }

    /** Replaces the CAs answered for (after a CA was created or imported); requests in flight finish with the old set. */
    public void replaceIdentities(List<Identity> identities) {
        if (identities.isEmpty()) {
            throw new IllegalArgumentException("an OCSP responder needs at least one CA");
        }
        try {
            List<Prepared> prepared = new ArrayList<>();
            for (Identity identity : identities) {
                X509CertificateHolder[] chain = new X509CertificateHolder[identity.signerChain().size()];
                for (int i = 0; i < chain.length; i++) {
                    chain[i] = new X509CertificateHolder(identity.signerChain().get(i).getEncoded());
                }
                prepared.add(new Prepared(identity, new X509CertificateHolder(identity.ca().certificate().getEncoded()),
                        chain));
            }
            this.identities = List.copyOf(prepared);
        } catch (IOException | CertificateEncodingException e) {
            throw new IllegalStateException("preparing the OCSP responder failed", e);
        }
    }

    /** Answers a DER {@code OCSPRequest} (POST body) with a DER {@code OCSPResponse}. */
    public byte[] respond(byte[] request) {
        if (request == null || request.length == 0 || request.length > MAX_REQUEST_BYTES) {
            return status(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        OCSPReq parsed;
        Req[] requests;
        try {
            parsed = new OCSPReq(request);
            requests = parsed.getRequestList();
        } catch (IOException | RuntimeException e) {
            return status(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        if (requests.length == 0) {
            return status(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        try {
            return answer(parsed, requests);
        } catch (OCSPException | IOException | OperatorCreationException | RuntimeException e) {
            LOG.warn("OCSP response could not be built: {}", e.toString());
            return status(OCSPRespBuilder.INTERNAL_ERROR);
        }
    }

    /**
     * Answers the GET form ({@code GET /pki/ocsp/{url-encoded base64 of the DER request}}, RFC 6960 A.1).
     *
     * @param encoded the path segment after {@code /pki/ocsp/}, as received (still URL-encoded)
     */
    public byte[] respondToGet(String encoded) {
        byte[] request;
        try {
            String base64 = URLDecoder.decode(encoded, StandardCharsets.US_ASCII).replace(' ', '+');
            request = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException | NullPointerException e) {
            return status(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        return respond(request);
    }

    private byte[] answer(OCSPReq request, Req[] requests) throws OCSPException, IOException, OperatorCreationException {
        List<Prepared> current = identities;
        Instant now = clock.instant();
        Prepared signer = null;
        List<Object[]> answers = new ArrayList<>();
        for (Req req : requests) {
            CertificateID id = req.getCertID();
            Optional<Prepared> issuer = issuerOf(current, id);
            org.bouncycastle.cert.ocsp.CertificateStatus status;
            if (issuer.isEmpty()) {
                status = new UnknownStatus();
            } else {
                if (signer == null) {
                    signer = issuer.get();
                }
                status = toOcsp(issuer.get().identity().ca().registry()
                        .status(issuer.get().identity().ca().id(), id.getSerialNumber()));
            }
            answers.add(new Object[] {id, status});
        }
        if (signer == null) {
            signer = current.get(0);
        }
        Identity identity = signer.identity();
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(signer.chain()[0].getSubjectPublicKeyInfo(),
                digests.get(CertificateID.HASH_SHA1));
        Date thisUpdate = Date.from(now);
        Date next = nextUpdate == null ? null : Date.from(now.plus(nextUpdate));
        for (Object[] answer : answers) {
            builder.addResponse((CertificateID) answer[0], (org.bouncycastle.cert.ocsp.CertificateStatus) answer[1],
                    thisUpdate, next, null);
        }
        Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (nonce != null) {
            builder.setResponseExtensions(new Extensions(nonce));
        }
        CustodyContentSigner contentSigner = new CustodyContentSigner(identity.signerCustody(), identity.signerKey(),
                CertificateAuthority.algorithmFor(identity.signerChain().get(0).getPublicKey()));
        BasicOCSPResp basic = builder.build(contentSigner, signer.chain(), thisUpdate);
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }

    private Optional<Prepared> issuerOf(List<Prepared> current, CertificateID id) {
        for (Prepared prepared : current) {
            try {
                if (id.matchesIssuer(prepared.caHolder(), digests)) {
                    return Optional.of(prepared);
                }
            } catch (OCSPException e) {
                // A CertID hashed with an algorithm we cannot compute matches none of our CAs: answered unknown.
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static org.bouncycastle.cert.ocsp.CertificateStatus toOcsp(CertificateStatus status) {
        if (status instanceof CertificateStatus.Good) {
            return org.bouncycastle.cert.ocsp.CertificateStatus.GOOD;
        }
        if (status instanceof CertificateStatus.Revoked revoked) {
            return new RevokedStatus(Date.from(revoked.revokedAt()),
                    revoked.reason() == null ? CRLReason.unspecified : revoked.reason().code());
        }
        if (status instanceof CertificateStatus.Suspended suspended) {
            return new RevokedStatus(Date.from(suspended.since()), CRLReason.certificateHold);
        }
        return new UnknownStatus();
    }

    private static byte[] status(int status) {
        try {
            OCSPResp response = new OCSPRespBuilder().build(status, null);
            return response.getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException("encoding an OCSP status response failed", e);
        }
    }
}
