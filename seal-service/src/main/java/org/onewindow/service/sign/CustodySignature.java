package org.onewindow.service.sign;

import java.security.GeneralSecurityException;

import com.itextpdf.signatures.IExternalSignature;
import com.itextpdf.signatures.ISignatureMechanismParams;
import org.onewindow.service.keys.KeyCustody;
import org.onewindow.service.keys.KeyRef;
import org.onewindow.service.keys.SignatureAlgorithm;

/**
 * iText's signing seam over our key custody: iText passes the DER signed attributes, custody hashes and signs
 * them. The private key never leaves custody.
 */
final class CustodySignature implements IExternalSignature {
    private final KeyCustody custody;
    private final KeyRef key;
    private final SignatureAlgorithm algorithm;

    CustodySignature(KeyCustody custody, KeyRef key, SignatureAlgorithm algorithm) {
        this.custody = custody;
        this.key = key;
        this.algorithm = algorithm;
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
        return custody.sign(key, algorithm, message);
    }
}
