package org.onewindow.templates;

/**
 * An empty signature field in the rendered PDF, waiting for a seal.
 *
 * @param name  the PDF form field name (the template's seal name, e.g. {@code acceptanceSeal})
 * @param label what belongs there, e.g. 受理专用章
 * @param page  1-based page number
 * @param rect  position and size on the page
 */
public record SealField(String name, String label, int page, MmRect rect) {
}
