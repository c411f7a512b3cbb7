package org.onewindow.service.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;

import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.keys.Pkcs12CustodyConfig;
import org.onewindow.service.keys.Pkcs12KeyCustody;
import org.onewindow.service.keys.SecretSource;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.fs.FileSystemObjectStore;

/** The URL time-stamper against this service's TSA behind a real HTTP server. */
class HttpTimeStamperTest {
    @TempDir
    Path temp;

    @Test
    void obtainsVerifiedTokensOverHttpAndRefusesBadAnswers() throws Exception {
        try (ObjectStore store = new FileSystemObjectStore(temp.resolve("store"))) {
            PkiFixture pki = new PkiFixture(new Pkcs12KeyCustody(store,
                    Pkcs12CustodyConfig.defaults(SecretSource.environment("P")), Map.of("P", "http-tsa-passphrase")),
                    new InMemoryPkiStateRepository());
            AtomicReference<byte[]> last = new AtomicReference<>();
            AtomicReference<String> mode = new AtomicReference<>("ok");
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/pki/tsa", exchange -> {
                byte[] request = exchange.getRequestBody().readAllBytes();
                byte[] answer = switch (mode.get()) {
                    case "replay" -> last.get();
                    case "error" -> null;
                    default -> pki.tsa.respond(request);
                };
                last.set(answer);
                if (answer == null) {
                    exchange.sendResponseHeaders(500, -1);
                } else {
                    exchange.getResponseHeaders().add("Content-Type", TimeStampAuthority.RESPONSE_CONTENT_TYPE);
                    exchange.sendResponseHeaders(200, answer.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer);
                    }
                }
                exchange.close();
            });
            server.start();
            try {
                TimeStamper stamper = TimeStamper.http(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/pki/tsa"),
                        HttpClient.newHttpClient(), Duration.ofSeconds(10));
                byte[] digest = MessageDigest.getInstance("SHA-384").digest(new byte[] {1, 2, 3});
                TimeStampToken token = new TimeStampToken(new CMSSignedData(stamper.timeStampToken("SHA-384", digest)));
                assertArrayEquals(digest, token.getTimeStampInfo().getMessageImprintDigest());
                token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(pki.tsa.chain().get(0)));

                mode.set("replay");
                TimeStampException replay = assertThrows(TimeStampException.class,
                        () -> stamper.timeStampToken("SHA-384", digest));
                assertTrue(replay.getMessage().contains("no valid time-stamp"), replay.getMessage());
                mode.set("error");
                TimeStampException error = assertThrows(TimeStampException.class,
                        () -> stamper.timeStampToken("SHA-256", new byte[32]));
                assertTrue(error.getMessage().contains("HTTP 500"), error.getMessage());
                mode.set("ok");
                assertThrows(TimeStampException.class, () -> stamper.timeStampToken("SHA-256", new byte[20]),
                        "a digest of the wrong length is rejected by the TSA");
            } finally {
                server.stop(0);
            }
        }
    }
}
