package org.onewindow.service.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher fast = new PasswordHasher(1024, 1, 1, new SecureRandom());

    @Test
    void defaultParametersProduceArgon2idPhcStrings() {
        PasswordHasher hasher = PasswordHasher.defaults();
        long start = System.nanoTime();
        String hash = hasher.hash("correct horse 电池 staple");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertTrue(hasher.verify("correct horse 电池 staple", hash));
        assertFalse(hasher.verify("correct horse 电池 stapler", hash));
        assertTrue(millis < 5000, "hashing took " + millis + " ms");
    }

    @Test
    void verifiesHashesMadeByTheReferenceImplementation() {
        // Made with the Argon2 reference CLI (Debian package argon2):
        //   echo -n password | argon2 somesalt -id -t 1 -k 1024 -p 1 -l 32 -e
        //   echo -n 密码-ü | argon2 saltsaltsalt -id -t 2 -k 19456 -p 1 -l 32 -e
        assertTrue(fast.verify("password",
                "$argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHQ$yOmu3JVvan3/Ck1ClA32KGI/Mo6hI1AFq6yTPFcJPiM"));
        assertTrue(fast.verify("密码-ü",
                "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$q7oVbFNU7dlaRykc9GfDJ+K47ayCtRE19HSm1tL67/M"));
        assertFalse(fast.verify("Password",
                "$argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHQ$yOmu3JVvan3/Ck1ClA32KGI/Mo6hI1AFq6yTPFcJPiM"));
    }

    @Test
    void saltsDifferAndParametersAreReadFromTheHash() {
        String one = fast.hash("s3cret-pass");
        String two = fast.hash("s3cret-pass");
        assertNotEquals(one, two);
        // A hasher with other parameters still verifies, and asks for a rehash.
        PasswordHasher stronger = new PasswordHasher(2048, 2, 1, new SecureRandom());
        assertTrue(stronger.verify("s3cret-pass", one));
        assertTrue(stronger.needsRehash(one));
        assertFalse(fast.needsRehash(one));
    }

    @Test
    void composedAndDecomposedFormsOfTheSamePasswordMatch() {
        String composed = "caf\u00e9-password";
        String decomposed = "cafe\u0301-password";
        assertTrue(fast.verify(decomposed, fast.hash(composed)));
    }

    @Test
    void malformedHashesNeverVerify() {
        assertFalse(fast.verify("x", "plain"));
        assertFalse(fast.verify("x", "$argon2i$v=19$m=1024,t=1,p=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAA"));
        assertFalse(fast.verify("x", null));
        assertFalse(fast.verify(null, fast.hash("whatever1")));
    }
}
