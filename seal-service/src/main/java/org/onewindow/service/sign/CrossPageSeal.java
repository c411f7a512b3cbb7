package org.onewindow.service.sign;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A 骑缝章 (cross-page seal): the seal cut into as many vertical slices as the document has pages, page i of n
 * carrying the i-th slice at its outer edge, so that the fanned-out pages show the whole seal. It is added in the
 * same incremental update as the signature, so the signature covers it.
 *
 * @param edge  the page edge the slices sit on
 * @param yMm   distance from the top of the page to the top of the seal in millimetres; empty: centred vertically
 */
public record CrossPageSeal(Edge edge, OptionalDouble yMm) {

    /** Which edge of the pages carries the slices. */
    public enum Edge {
        /** The right edge (pages bound on the left, the usual case): page 1 has the leftmost slice. */
        RIGHT,
        /** The left edge: page 1 has the rightmost slice. */
        LEFT;

        /** {@code right} or {@code left}, any case. */
        public static Edge parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("cross-page seal edge must be right or left, got '" + text + "'");
            }
        }
    }

    public CrossPageSeal {
        Objects.requireNonNull(edge, "edge");
        yMm = yMm == null ? OptionalDouble.empty() : yMm;
        if (yMm.isPresent() && !(yMm.getAsDouble() >= 0)) {
            throw new IllegalArgumentException("cross-page seal yMm must be >= 0");
        }
    }

    /** Slices on {@code edge}, centred vertically. */
    public static CrossPageSeal on(Edge edge) {
        return new CrossPageSeal(edge, OptionalDouble.empty());
    }
}
