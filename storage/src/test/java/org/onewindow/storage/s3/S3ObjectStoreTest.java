package org.onewindow.storage.s3;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.ObjectStoreContract;

/** The shared {@link ObjectStoreContract} against S3Proxy, a new bucket per test. */
class S3ObjectStoreTest extends ObjectStoreContract {
    private static S3TestServer server;

    @BeforeAll
    static void startServer() {
        server = S3TestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    protected ObjectStore newStore() {
        return server.newStore();
    }
}
