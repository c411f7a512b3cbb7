package org.onewindow.service.pki;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.keys.Pkcs11KeyCustody;
import org.onewindow.service.keys.SoftHsmToken;

/** The PKI with every CA, OCSP and TSA key in a SoftHSM2 token. */
class PkiOpensslPkcs11Test extends PkiOpensslTest {
    @TempDir
    static Path tempDir;

    @BeforeAll
    static void pki() throws Exception {
        setUp(new Pkcs11KeyCustody(SoftHsmToken.config(), Map.of()), new InMemoryPkiStateRepository(), tempDir);
    }
}
