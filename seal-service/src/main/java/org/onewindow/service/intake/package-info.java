/**
 * Intake digitization (纸质材料电子化): the window clerk's scans become archival, searchable PDFs while the
 * originals are kept as evidence.
 *
 * <ul>
 *   <li>{@link org.onewindow.service.intake.MaterialIntake}: spool, detect the type from the content (Tika),
 *       check limits from headers ({@link org.onewindow.service.intake.FileInspector}), store the original under
 *       {@code originals/sha256/ab/abcdef...} create-if-absent (duplicates are reported, not stored twice).</li>
 *   <li>{@link org.onewindow.service.intake.MaterialNormalizer}: one material → one PDF/A-2u (images; JPEG
 *       passed through, EXIF orientation honoured, CCITT kept) or the uploaded PDF kept/cleaned of active
 *       content, every decision recorded.</li>
 *   <li>{@link org.onewindow.service.intake.ocr.OcrEngine} and
 *       {@link org.onewindow.service.intake.ocr.TextLayerWriter}: tesseract {@code chi_sim+eng}, one
 *       single-threaded process per page across the cores, invisible text layer in an embedded CJK font.</li>
 *   <li>{@link org.onewindow.service.intake.MaterialService}: the workflow (all stored or nothing) and the
 *       background job for previews ({@link org.onewindow.service.intake.PreviewRenderer}) and OCR;
 *       {@link org.onewindow.service.intake.MaterialRoutes} its HTTP routes;
 *       {@link org.onewindow.service.intake.IntakeModule} the wiring.</li>
 *   <li>{@link org.onewindow.service.intake.MaterialChecklist}: 主件/副件 present or missing (容缺受理, 一次性告知).</li>
 * </ul>
 *
 * <p>Errors: {@link org.onewindow.service.intake.MaterialTypeException} (415),
 * {@link org.onewindow.service.intake.MaterialLimitException} (413),
 * {@link org.onewindow.service.intake.CorruptMaterialException} (422). Storage layout per submission:
 * {@code cases/{caseId}/materials/{materialCode}/{submissionId}/} with {@code material.json},
 * {@code document.pdf}, {@code searchable.pdf} and {@code previews/p0001-thumb.png}, {@code -large.png}.
 */
package org.onewindow.service.intake;
