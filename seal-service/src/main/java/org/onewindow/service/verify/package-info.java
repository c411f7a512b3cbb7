/**
 * Signature verification of PDFs: the one pipeline that the API ({@link org.onewindow.service.verify.VerifyRoutes}),
 * the CLI ({@link org.onewindow.service.verify.VerifyCommand}), the issuance gate and the public page call.
 *
 * <p>{@link org.onewindow.service.verify.PdfVerifier} assumes every input is an attack. iText parses the PDF and
 * finds the signature dictionaries; every verdict is decided here, with Bouncy Castle for CMS, time-stamps, X.509,
 * CRL and OCSP: the ByteRange (starts at 0, two ranges, the gap is exactly this signature's /Contents hex string,
 * ends with a complete revision), the digest of the signed bytes against the signed messageDigest, the signature
 * value, the ESS signing-certificate-v2, the signature time-stamp (imprint over the signature value, TSA chain),
 * document time-stamps, the chain to the policy's trust anchors, revocation from the embedded DSS and CMS data at the
 * (time-stamped, else claimed) signing time, and a comparison by value of each signed revision with the final file
 * ({@code ModificationAnalyzer}). The result uses ETSI EN 319 102-1 indications with a plain Chinese summary.
 *
 * <p>iText 9's own {@code com.itextpdf.signatures.validation.SignatureValidator} was not used: its verdicts and
 * its treatment of later revisions are iText's policy, and this service must state its own rules (see the Javadoc
 * of {@code ModificationAnalyzer}) and name the reason for every refusal.
 *
 * <p>Bounds: a size cap before parsing, decompression limits on every stream (iText's default limits only streams
 * with repeated filters), a worker thread with a timeout, and bounded object comparisons. A timed-out worker cannot
 * be killed (iText does not check interrupts); it is a daemon thread and ends when its bounded work ends.
 */
package org.onewindow.service.verify;
