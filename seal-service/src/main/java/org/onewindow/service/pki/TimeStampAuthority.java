package org.onewindow.service.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.onewindow.service.keys.CustodyContentSigner;
import org.onewindow.service.keys.KeyCustody;
import org.onewindow.service.keys.KeyRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 3161 time-stamping authority over a key in custody whose certificate has the critical EKU id-kp-timeStamping.
 * Answers {@code TimeStampReq} bytes with {@code TimeStampResp} bytes; never throws for bad input: a malformed
 * request, an unaccepted digest or policy get a {@code rejection} status response. Certificates are included when
 * the request sets certReq; the nonce is echoed.
 */
public final class TimeStampAuthority {
    public static final String REQUEST_CONTENT_TYPE = "application/timestamp-query";
    public static final String RESPONSE_CONTENT_TYPE = "application/timestamp-reply";
    public static final int MAX_REQUEST_BYTES = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(TimeStampAuthority.class);

    private final KeyCustody custody;
    private final KeyRef key;
    private final TsaConfig config;
    private final Clock clock;
    private final List<X509Certificate> chain;
    private final JcaCertStore certificates;
    private final Set<ASN1ObjectIdentifier> acceptedAlgorithms = new HashSet<>();
    private final DigestCalculatorProvider digests;
    private final SecureRandom random = new SecureRandom();

    /**
     * @throws IllegalArgumentException when the key's certificate lacks the critical timeStamping EKU
     */
    public TimeStampAuthority(KeyCustody custody, KeyRef key, TsaConfig config, Clock clock) {
        this.custody = custody;
        this.key = key;
        this.config = config;
        this.clock = clock;
        this.chain = custody.certificateChain(key);
        X509Certificate tsa = chain.get(0);
        try {
            if (tsa.getExtendedKeyUsage() == null || !tsa.getCriticalExtensionOIDs().contains("2.5.29.37")
                    || !tsa.getExtendedKeyUsage().equals(List.of(ExtendedKeyUsages.TIME_STAMPING))) {
                throw new IllegalArgumentException("the certificate of " + key
                        + " must have exactly the critical extended key usage id-kp-timeStamping");
            }
            this.certificates = new JcaCertStore(chain);
            // Bouncy Castle's digests: the JDK has no SM3, which an SM2-keyed TSA needs for its signed attributes.
            this.digests = new JcaDigestCalculatorProviderBuilder().setProvider(org.onewindow.service.keys.Sm2.provider())
                    .build();
        } catch (java.security.cert.CertificateParsingException | CertificateEncodingException
                 | OperatorCreationException e) {
            throw new IllegalArgumentException("the certificate of " + key + " cannot be used: " + e.getMessage());
        }
        DefaultDigestAlgorithmIdentifierFinder finder = new DefaultDigestAlgorithmIdentifierFinder();
        for (String digest : config.acceptedDigests()) {
            acceptedAlgorithms.add(finder.find(digest).getAlgorithm());
        }
    }

    /** The TSA certificate first, then its CA chain. */
    public List<X509Certificate> chain() {
        return chain;
    }

    public TsaConfig config() {
        return config;
    }

    /** Answers a DER {@code TimeStampReq} with a DER {@code TimeStampResp}. */
    public byte[] respond(byte[] request) {
        TimeStampRequest parsed;
        try {
            if (request == null || request.length == 0 || request.length > MAX_REQUEST_BYTES) {
                throw new IOException("empty or oversized request");
            }
            parsed = new TimeStampRequest(request);
        } catch (IOException | RuntimeException e) {
            return failure(PKIFailureInfo.badDataFormat, "malformed time-stamp request");
        }
        try {
            TimeStampResponseGenerator generator = new TimeStampResponseGenerator(tokenGenerator(), acceptedAlgorithms,
                    Set.of(new ASN1ObjectIdentifier(config.policyOid())));
            // generate() validates digest, policy and extensions and answers a rejection when they do not hold.
            return generator.generate(parsed, new BigInteger(127, random).setBit(126), Date.from(clock.instant()))
                    .getEncoded();
        } catch (TSPException | IOException | OperatorCreationException | CertificateEncodingException
                 | RuntimeException e) {
            LOG.warn("time-stamp response could not be built: {}", e.toString());
            return failure(PKIFailureInfo.systemFailure, "time-stamping failed");
        }
    }

    private TimeStampTokenGenerator tokenGenerator()
            throws OperatorCreationException, TSPException, CertificateEncodingException, IOException {
        // A ContentSigner is single-use state, so each response gets its own generator.
        X509Certificate tsa = chain.get(0);
        SignerInfoGenerator signerInfo = new JcaSignerInfoGeneratorBuilder(digests).build(
                new CustodyContentSigner(custody, key, CertificateAuthority.algorithmFor(tsa.getPublicKey())),
                new X509CertificateHolder(tsa.getEncoded()));
        TimeStampTokenGenerator generator = new TimeStampTokenGenerator(signerInfo,
                digests.get(new DefaultDigestAlgorithmIdentifierFinder().find("SHA-256")),
                new ASN1ObjectIdentifier(config.policyOid()));
        generator.addCertificates(certificates);
        if (config.accuracyMillis() > 0) {
            generator.setAccuracySeconds(config.accuracyMillis() / 1000);
            generator.setAccuracyMillis(config.accuracyMillis() % 1000);
        }
        generator.setTSA(new GeneralName(new X509CertificateHolder(tsa.getEncoded()).getSubject()));
        return generator;
    }

    private static byte[] failure(int failInfo, String text) {
        try {
            return new TimeStampResponseGenerator(null, Set.of()).generateFailResponse(PKIStatus.REJECTION, failInfo,
                    text).getEncoded();
        } catch (TSPException | IOException e) {
            throw new IllegalStateException("encoding a time-stamp failure response failed", e);
        }
    }
}
