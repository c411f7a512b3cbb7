package org.onewindow.templates;

/**
 * A named place where a seal or signature goes; the rendered PDF holds an empty signature field of that name.
 *
 * @param name   field name in the PDF (e.g. {@code acceptanceSeal})
 * @param label  what is expected there, e.g. 受理专用章
 * @param sizeMm edge of the square field in millimetres (a round seal's diameter); default 42
 */
public record SealSpec(String name, String label, double sizeMm) {
    public SealSpec {
        sizeMm = sizeMm <= 0 ? 42 : sizeMm;
    }
}
