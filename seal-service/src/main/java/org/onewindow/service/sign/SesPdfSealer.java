package org.onewindow.service.sign;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;

import com.itextpdf.kernel.pdf.PdfDictionary;
import com.itextpdf.kernel.pdf.PdfName;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.StampingProperties;
import com.itextpdf.signatures.IExternalSignatureContainer;
import com.itextpdf.signatures.PdfSigner;
import com.itextpdf.signatures.SignerProperties;

import org.onewindow.service.keys.Sm2;
import org.onewindow.service.ses.SesSignature;
import org.onewindow.service.ses.SesSigner;
import org.onewindow.service.verify.PdfVerifier;

/**
 * The SM2 half of dual sealing: adds a GB/T 38540 {@code SES_Signature} to a PDF in its own incremental update, in
 * an invisible signature field whose dictionary says {@code /Filter /ONEWINDOW.SM2 /SubFilter
 * /GBT38540.SES_Signature} (never an {@code adbe.*}/{@code ETSI.*} SubFilter: {@code /Contents} is not a CMS).
 * {@code dataHash} is the SM3 of the byte ranges, {@code propertyInfo} the field name, the seal the signer's
 * {@code SESeal}. PAdES validators see an unknown signature added after theirs (see docs/sm2-seals.md for what
 * pdfsig and EU DSS make of it); {@link PdfVerifier} verifies it.
 */
public final class SesPdfSealer {
    /** Room for the SES_Signature: a seal with its picture and two certificates. */
    static final int DEFAULT_CONTENTS_BYTES = 96 * 1024;

    private final Clock clock;

    public SesPdfSealer(Clock clock) {
        this.clock = clock;
    }

    /**
     * Seals {@code input} into {@code output} with {@code signer}'s SM2 key and seal.
     *
     * @param fieldName the new signature field's name (must not exist)
     */
    public void seal(Path input, Path output, SesSigner signer, String fieldName) {
        int room = Math.max(DEFAULT_CONTENTS_BYTES, signer.seal().length + 8 * 1024);
        try (PdfReader reader = new PdfReader(input.toFile()); OutputStream out = Files.newOutputStream(output)) {
            PdfSigner pdfSigner = new PdfSigner(reader, out, new StampingProperties().useAppendMode());
            pdfSigner.setSignerProperties(new SignerProperties().setFieldName(fieldName));
            pdfSigner.signExternalContainer(new Container(signer, fieldName), room);
        } catch (IOException e) {
            throw new UncheckedIOException("SM2 sealing of the PDF failed: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SM2 sealing of the PDF failed: " + e.getMessage(), e);
        }
    }

    private final class Container implements IExternalSignatureContainer {
        private final SesSigner signer;
        private final String fieldName;

        Container(SesSigner signer, String fieldName) {
            this.signer = signer;
            this.fieldName = fieldName;
        }

        @Override
        public byte[] sign(InputStream data) throws GeneralSecurityException {
            MessageDigest sm3 = Sm2.sm3();
            byte[] buffer = new byte[64 * 1024];
            try {
                for (int n = data.read(buffer); n > 0; n = data.read(buffer)) {
                    sm3.update(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new GeneralSecurityException("reading the signed ranges failed", e);
            }
            return SesSignature.make(signer, clock.instant(), sm3.digest(), fieldName, Optional.empty());
        }

        @Override
        public void modifySigningDictionary(PdfDictionary signDic) {
            signDic.put(PdfName.Filter, PdfVerifier.SES_FILTER);
            signDic.put(PdfName.SubFilter, PdfVerifier.SES_SUB_FILTER);
        }
    }
}
