package org.onewindow.service.testsupport;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.onewindow.storage.s3.S3TestServer;

/**
 * Runs the storage module's {@link S3TestServer} in its own JVM (S3Proxy needs Jetty 12, the service runs on
 * Jetty 11). Prints {@code READY endpoint accessKey secretKey}; each {@code bucket} line on stdin answers with a new
 * empty bucket's name; end of input stops the server.
 */
public final class S3ServerMain {
    private S3ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        S3TestServer server = S3TestServer.start();
        try {
            System.out.println("READY " + server.endpoint() + " " + server.accessKey() + " " + server.secretKey());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("bucket")) {
                    System.out.println(server.createBucket());
                    System.out.flush();
                }
            }
        } finally {
            // S3Proxy's graceful stop can take long and leaves non-daemon threads: give it a moment, then exit
            Thread closer = new Thread(server::close);
            closer.setDaemon(true);
            closer.start();
            closer.join(3000);
            System.exit(0);
        }
    }
}
