package org.onewindow.service.seal.image;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A font file on disk used for seal text: a TrueType file, or one face of a TrueType collection (.ttc).
 *
 * @param file            the .ttf or .ttc file
 * @param collectionIndex face index inside a .ttc; 0 for a plain .ttf
 */
public record FontRef(Path file, int collectionIndex) {

    /** AR PL SungtiL GB, a 宋体-like face (Debian {@code fonts-arphic-gbsn00lp}): the default seal font. */
    public static final FontRef SONG_GBSN00LP =
            new FontRef(Path.of("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf"), 0);
    /** WenQuanYi Zen Hei, a 黑体 (sans) face (Debian {@code fonts-wqy-zenhei}): the alternative. */
    public static final FontRef HEI_WQY_ZENHEI = new FontRef(Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0);
    /** AR PL UMing, a Ming/Song face (Debian {@code fonts-arphic-uming}). */
    public static final FontRef MING_UMING = new FontRef(Path.of("/usr/share/fonts/truetype/arphic/uming.ttc"), 0);

    /** Debian package that ships each known font file, named in the error when the file is missing. */
    private static final Map<String, String> DEBIAN_PACKAGES = Map.of(
            "gbsn00lp.ttf", "fonts-arphic-gbsn00lp",
            "gkai00mp.ttf", "fonts-arphic-gkai00mp",
            "wqy-zenhei.ttc", "fonts-wqy-zenhei",
            "wqy-microhei.ttc", "fonts-wqy-microhei",
            "uming.ttc", "fonts-arphic-uming",
            "ukai.ttc", "fonts-arphic-ukai");

    public FontRef {
        Objects.requireNonNull(file, "file");
        if (collectionIndex < 0) {
            throw new IllegalArgumentException("collectionIndex must be >= 0");
        }
    }

    /** A plain TrueType file (face 0). */
    public static FontRef of(Path file) {
        return new FontRef(file, 0);
    }

    /** The Debian package known to ship this file name, or null. */
    public String debianPackage() {
        Path name = file.getFileName();
        return name == null ? null : DEBIAN_PACKAGES.get(name.toString());
    }

    /** True for a TrueType collection (.ttc), which needs {@link #collectionIndex()}. */
    public boolean isCollection() {
        return file.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".ttc");
    }
}
