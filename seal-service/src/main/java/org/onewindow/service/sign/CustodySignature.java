package org.onewindow.service.sign;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;

import com.itextpdf.signatures.IExternalSignature;
import com.itextpdf.signatures.ISignatureMechanismParams;
import org.onewindow.service.keys.KeyCustody;
import org.onewindow.service.keys.KeyNotFoundException;
import org.onewindow.service.keys.KeyRef;
import org.onewindow.service.keys.SignatureAlgorithm;
import org.onewindow.service.keys.UnsupportedSignatureAlgorithmException;

/**
 * iText's signing seam over our key custody: iText passes the DER signed attributes, custody hashes and signs
 * them. The private key never leaves custody.
 *
 * <p>Every signature custody returns is verified with the seal certificate's public key before iText embeds it:
 * that proves the key in custody is the certified one (a stronger check than comparing public keys, and cheaper
 * than asking custody for its public key). A missing or mismatching key is an {@link UnusableKeyException}, thrown
 * before any output is written.
 */
final class CustodySignature implements IExternalSignature {
    private final KeyCustody custody;
    private final KeyRef key;
    private final SignatureAlgorithm algorithm;
    private final X509Certificate certificate;

    CustodySignature(KeyCustody custody, KeyRef key, SignatureAlgorithm algorithm, X509Certificate certificate) {
        this.custody = custody;
        this.key = key;
        this.algorithm = algorithm;
        this.certificate = certificate;
    }

    @Override
    public String getDigestAlgorithmName() {
        return algorithm.digestAlgorithm();
    }

    @Override
    public String getSignatureAlgorithmName() {
        return algorithm.keyAlgorithm().equals("EC") ? "ECDSA" : "RSA";
    }

    @Override
    public ISignatureMechanismParams getSignatureMechanismParameters() {
        return null;
    }

    @Override
    public byte[] sign(byte[] message) throws GeneralSecurityException {
        byte[] signature;
        try {
            signature = custody.sign(key, algorithm, message);
        } catch (KeyNotFoundException e) {
            throw new UnusableKeyException("key " + key + " is not in custody", e);
        } catch (UnsupportedSignatureAlgorithmException e) {
            throw mismatch();
        }
        Signature verifier = Signature.getInstance(algorithm.jcaName());
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(message);
        boolean valid;
        try {
            valid = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            valid = false;
        }
        if (!valid) {
            throw mismatch();
        }
        return signature;
    }

    private UnusableKeyException mismatch() {
        return new UnusableKeyException("key " + key + " is not the key certified by the seal certificate (serial "
                + certificate.getSerialNumber().toString(16) + ")");
    }
}
