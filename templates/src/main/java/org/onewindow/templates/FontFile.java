package org.onewindow.templates;

import java.nio.file.Path;

/**
 * One font face on disk: a TrueType file, or one face of a TrueType collection.
 *
 * @param path          the .ttf or .ttc file
 * @param ttcIndex      face index inside a .ttc (ignored for .ttf)
 * @param debianPackage the Debian package that provides the file, named in the error when it is missing; may be null
 */
public record FontFile(Path path, int ttcIndex, String debianPackage) {
    public FontFile {
        if (path == null) {
            throw new IllegalArgumentException("font path is required");
        }
    }

    /** Parses iText-style {@code /path/file.ttc,0} (face index after the comma) or a plain path. */
    public static FontFile parse(String spec, String debianPackage) {
        int comma = spec.lastIndexOf(',');
        if (comma > 0 && spec.substring(comma + 1).strip().matches("\\d+")) {
            return new FontFile(Path.of(spec.substring(0, comma).strip()),
                    Integer.parseInt(spec.substring(comma + 1).strip()), debianPackage);
        }
        return new FontFile(Path.of(spec.strip()), 0, debianPackage);
    }

    boolean isCollection() {
        return path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".ttc");
    }

    /** The name iText's font factory understands. */
    String iTextName() {
        return isCollection() ? path + "," + ttcIndex : path.toString();
    }

    @Override
    public String toString() {
        return isCollection() ? path + "," + ttcIndex : path.toString();
    }
}
