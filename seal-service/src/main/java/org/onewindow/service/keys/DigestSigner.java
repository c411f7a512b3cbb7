package org.onewindow.service.keys;

/** Signs a digest; the shape of {@link KeyCustody#signDigest} bound to one key and algorithm. */
@FunctionalInterface
public interface DigestSigner {
    byte[] signDigest(byte[] digest);
}
