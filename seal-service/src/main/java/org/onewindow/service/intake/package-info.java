/**
 * Intake digitization (纸质材料电子化): the window clerk's scans become archival, searchable PDFs while the
 * originals are kept as evidence.
 *
 * <ul>
 *   <li>{@link org.onewindow.service.intake.MaterialIntake}: spool, detect the type from the content (Tika),
 *       check limits from headers ({@link org.onewindow.service.intake.FileInspector}), store the original under
 *       {@code originals/sha256/ab/abcdef...} create-if-absent (duplicates are reported, not stored twice).</li>
 *   <li>{@link org.onewindow.service.intake.MaterialNormalizer}: one material → one PDF/A-2u (images; JPEG
 *       passed through, EXIF orientation honoured, CCITT kept, PNG/TIFF/WebP pixels stored losslessly, WebP
 *       alpha as a soft mask) or the uploaded PDF kept/cleaned of active content, every decision recorded.
 *       HEIC/HEIF is recognized and refused ({@link org.onewindow.service.intake.UnsupportedImageFormatException}).</li>
 *   <li>{@link org.onewindow.service.intake.ocr.OcrEngine} and
 *       {@link org.onewindow.service.intake.ocr.TextLayerWriter}: tesseract {@code chi_sim+eng}, single-threaded
 *       processes across the cores, each reading a batch of pages (models loaded once per batch); skewed pages
 *       are straightened for OCR only ({@link org.onewindow.service.intake.ocr.Deskew}: the stored page never
 *       changes, word boxes are turned back onto it); invisible text layer in an embedded CJK font.</li>
 *   <li>{@link org.onewindow.service.intake.MaterialService}: the workflow (all stored or nothing) and the
 *       background job for previews ({@link org.onewindow.service.intake.PreviewRenderer}) and OCR;
 *       {@link org.onewindow.service.intake.MaterialRoutes} its HTTP routes;
 *       {@link org.onewindow.service.intake.IntakeModule} the wiring.</li>
 *   <li>{@link org.onewindow.service.intake.MaterialChecklist}: 主件/副件 present or missing (容缺受理, 一次性告知).</li>
 * </ul>
 *
 * <p>Errors: {@link org.onewindow.service.intake.MaterialTypeException} (415; HEIC: its subtype
 * {@link org.onewindow.service.intake.UnsupportedImageFormatException}),
 * {@link org.onewindow.service.intake.MaterialLimitException} (413),
 * {@link org.onewindow.service.intake.CorruptMaterialException} (422). Storage layout per submission:
 * {@code cases/{caseId}/materials/{materialCode}/{submissionId}/} with {@code material.json},
 * {@code document.pdf}, {@code searchable.pdf} and {@code previews/p0001-thumb.png}, {@code -large.png}.
 */
package org.onewindow.service.intake;
