package org.onewindow.service.pki;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.keys.Pkcs12CustodyConfig;
import org.onewindow.service.keys.Pkcs12KeyCustody;
import org.onewindow.service.keys.SecretSource;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.fs.FileSystemObjectStore;

/** The default setup: keys as encrypted PKCS#12 and PKI state as JSON, both in the filesystem object store. */
class PkiOpensslPkcs12Test extends PkiOpensslTest {
    @TempDir
    static Path tempDir;
    static ObjectStore store;

    @BeforeAll
    static void pki() throws Exception {
        store = new FileSystemObjectStore(tempDir.resolve("store"));
        Pkcs12KeyCustody custody = new Pkcs12KeyCustody(store,
                Pkcs12CustodyConfig.defaults(SecretSource.environment("P")), Map.of("P", "test-storage-passphrase"));
        setUp(custody, new ObjectStorePkiStateRepository(store), tempDir);
    }

    @AfterAll
    static void close() {
        store.close();
    }
}
