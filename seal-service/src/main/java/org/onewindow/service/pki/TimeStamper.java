package org.onewindow.service.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;

import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;

/**
 * Obtains RFC 3161 time-stamp tokens, from this service's own TSA ({@link #local}) or a configured external TSA URL
 * ({@link #http}). Signing code (iText's {@code ITSAClient}) only needs this seam.
 */
public interface TimeStamper {

    /**
     * Time-stamps a message imprint.
     *
     * @param digestAlgorithm JCA digest name: SHA-256, SHA-384 or SHA-512
     * @param digest          the imprint
     * @return the DER-encoded {@code TimeStampToken} (a CMS ContentInfo), checked against the request (status,
     *         imprint, nonce)
     * @throws TimeStampException when no valid token was obtained
     */
    byte[] timeStampToken(String digestAlgorithm, byte[] digest);

    /** What it stamps with, for logs. */
    String describe();

    /** Time-stamps with this service's own TSA, in process. */
    static TimeStamper local(TimeStampAuthority authority) {
        return new Exchanging() {
            @Override
            byte[] exchange(byte[] request) {
                return authority.respond(request);
            }

            @Override
            public String describe() {
                return "local TSA " + authority.chain().get(0).getSubjectX500Principal().getName();
            }
        };
    }

    /** Time-stamps with an RFC 3161 TSA over HTTP ({@code application/timestamp-query}). */
    static TimeStamper http(URI url, HttpClient client, Duration timeout) {
        return new Exchanging() {
            @Override
            byte[] exchange(byte[] request) {
                HttpRequest post = HttpRequest.newBuilder(url).timeout(timeout)
                        .header("Content-Type", TimeStampAuthority.REQUEST_CONTENT_TYPE)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build();
                try {
                    HttpResponse<byte[]> response = client.send(post, HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() != 200) {
                        throw new TimeStampException("TSA " + url + " answered HTTP " + response.statusCode());
                    }
                    return response.body();
                } catch (IOException e) {
                    throw new TimeStampException("TSA " + url + " cannot be reached: " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TimeStampException("interrupted while waiting for TSA " + url, e);
                }
            }

            @Override
            public String describe() {
                return "TSA " + url;
            }
        };
    }

    /** Builds the request (nonce, certReq), exchanges it, checks the response. */
    abstract class Exchanging implements TimeStamper {
        private final SecureRandom random = new SecureRandom();

        abstract byte[] exchange(byte[] request);

        @Override
        public byte[] timeStampToken(String digestAlgorithm, byte[] digest) {
            TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
            generator.setCertReq(true);
            TimeStampRequest request = generator.generate(
                    new DefaultDigestAlgorithmIdentifierFinder().find(digestAlgorithm), digest,
                    new BigInteger(64, random));
            try {
                TimeStampResponse response = new TimeStampResponse(exchange(request.getEncoded()));
                response.validate(request);
                if (response.getTimeStampToken() == null) {
                    throw new TimeStampException(describe() + " refused: " + response.getStatusString());
                }
                return response.getTimeStampToken().getEncoded();
            } catch (TSPException | IOException e) {
                throw new TimeStampException(describe() + " gave no valid time-stamp: " + e.getMessage(), e);
            }
        }
    }
}
