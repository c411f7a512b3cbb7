/**
 * Key custody: the only place private keys live. Callers hold {@link org.onewindow.service.keys.KeyRef}s and ask a
 * {@link org.onewindow.service.keys.KeyCustody} to sign; nothing returns or logs a private key.
 *
 * <h2>PKCS#12 (default)</h2>
 * {@link org.onewindow.service.keys.Pkcs12KeyCustody}: one encrypted PKCS#12 file per key in object storage at
 * {@code keys/pkcs12/{alias}.p12}; the storage passphrase (printable ASCII, at least 12 characters) comes from an
 * environment variable or a secret file ({@link org.onewindow.service.keys.SecretSource}).
 *
 * <h2>PKCS#11 / HSM</h2>
 * {@link org.onewindow.service.keys.Pkcs11KeyCustody} over the JDK's SunPKCS11 provider, configured by
 * {@link org.onewindow.service.keys.Pkcs11CustodyConfig}: module library path, slot id (or slot list index) and
 * the user PIN source. Keys are generated inside the token as private, sensitive, non-extractable token objects;
 * the certificate is stored in the token under the same CKA_ID/label (the Java KeyStore only shows keys that have a
 * certificate). Trying it with SoftHSM2 (Debian {@code softhsm2}):
 * <pre>
 * export SOFTHSM2_CONF=/var/lib/onewindow/softhsm2.conf      # contains: directories.tokendir = /var/lib/onewindow/tokens
 * softhsm2-util --init-token --free --label onewindow --so-pin 0000 --pin 1234   # prints the slot id
 * # custody config: library /usr/lib/softhsm/libsofthsm2.so, slot = printed id, PIN from a secret file
 * </pre>
 * {@code SOFTHSM2_CONF} must be in the environment of the JVM itself (libsofthsm2 reads it when SunPKCS11 loads it).
 * A PKCS#11 login is per process and token: a wrong PIN is only detected on the first login of the process.
 */
package org.onewindow.service.keys;
