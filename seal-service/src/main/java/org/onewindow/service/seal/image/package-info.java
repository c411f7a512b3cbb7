/**
 * Seal images: the official round seal drawn from a {@link org.onewindow.service.seal.image.SealImageSpec}.
 *
 * <p>{@link org.onewindow.service.seal.image.SealLayout#compute} lays the seal out once (ring, star, every
 * character's position and rotation); {@link org.onewindow.service.seal.image.SealPngRenderer} draws that layout as
 * a transparent PNG at print resolution and {@link org.onewindow.service.seal.image.SealPdfRenderer} as an iText
 * form XObject (real text, CJK font subset embedded) for signature appearances. Uploaded images go through
 * {@link org.onewindow.service.seal.image.SealImageImporter}. Every refusal is a
 * {@link org.onewindow.service.seal.image.SealImageException} whose reason fixes the HTTP status.
 */
package org.onewindow.service.seal.image;
