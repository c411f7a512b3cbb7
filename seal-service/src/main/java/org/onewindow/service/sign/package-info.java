/**
 * Sealing PDFs: PAdES baseline signatures (B-B, B-T, B-LT, B-LTA) made with iText 9's
 * {@link com.itextpdf.signatures.PdfPadesSigner} whose private keys stay in {@link org.onewindow.service.keys.KeyCustody}.
 *
 * <h2>Use</h2>
 * <pre>
 * PdfSealer sealer = new PdfSealer(SealingContext.of(TimeStamper.local(tsa),
 *         RevocationSource.inProcess(cas, crlIssuer, ocspResponder), SealStatusCheck.registry(cas), tempDir));
 * SealIdentity seal = SealIdentity.inCustody(custody, keyRef, SealLayout.compute(SealImageSpec.specialSeal(
 *         "敦煌市行政服务中心", "受理专用章")));
 * SealResult result = sealer.seal(input, output, seal,
 *         SealRequest.of(PadesLevel.B_T, new SealPlacement.Anchor("（盖章）"), "受理", "敦煌市行政服务中心"));
 * </pre>
 *
 * <h2>What it guarantees</h2>
 * <ul>
 *   <li>Each seal is one incremental update (append mode): earlier signatures stay valid; the original bytes are a
 *       prefix of the output; the output replaces {@code output} only when complete.</li>
 *   <li>B-B: CAdES detached ({@code ETSI.CAdES.detached}) with signing-certificate-v2, the signing time in the
 *       signature dictionary (/M), not in the CMS. B-T adds the signature time-stamp ({@link
 *       org.onewindow.service.pki.TimeStamper}, in process or over HTTP). B-LT adds certificates, OCSP responses and
 *       CRLs for every certificate (seal chain, TSA) in the DSS dictionary ({@link RevocationSource}). B-LTA adds a
 *       document time-stamp.</li>
 *   <li>Visible seals: the vector seal of {@link org.onewindow.service.seal.image.SealPdfRenderer}, or an imported
 *       raster image ({@link org.onewindow.service.seal.image.RasterSeal}: image XObject with SMask), drawn with
 *       blend mode Multiply so text under it stays readable; placed in an existing empty signature field, at a page
 *       rectangle in millimetres from the top-left corner, or centred over an anchor text found by text
 *       extraction. Optionally a 骑缝章 ({@link CrossPageSeal}): a slice of the seal at the edge of every page, in
 *       the signed revision.</li>
 *   <li>Refusals are typed (see {@link PdfSealer#seal(java.nio.file.Path, java.nio.file.Path, SealIdentity,
 *       SealRequest)}): {@link EncryptedPdfException}, {@link MalformedPdfException} (422),
 *       {@link DocumentLockedException} (409: DocMDP P=1, or P=2 without an existing field),
 *       {@link SealNotUsableException} (409: revoked, suspended, expired, not issued by our CA),
 *       {@link UnusableKeyException}, {@link SealPlacementException}, {@link LevelNotAvailableException} (422).</li>
 *   <li>Documents up to {@link PdfSealer#IN_MEMORY_LIMIT} are signed in memory at B-B/B-T and written once;
 *       larger ones stream through files: iText reads the input as a random-access file and prepares the document
 *       in temporary files; B-LT/B-LTA phases go file to file.
 *       A 200 MB scan seals within a 256 MB heap (see docs/benchmarks.md).</li>
 * </ul>
 *
 * <p>{@link SignCommand} is {@code ./onewindow sign} for files with a PKCS#12 seal.
 */
package org.onewindow.service.sign;
