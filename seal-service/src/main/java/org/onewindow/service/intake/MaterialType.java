package org.onewindow.service.intake;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The file types intake accepts, recognized from their content. */
public enum MaterialType {
    JPEG("image/jpeg", Set.of("jpg", "jpeg", "jpe", "jfif")),
    PNG("image/png", Set.of("png")),
    TIFF("image/tiff", Set.of("tif", "tiff")),
    /** Lossy, lossless or with alpha; decoded in Java (TwelveMonkeys) and embedded losslessly. */
    WEBP("image/webp", Set.of("webp")),
    PDF("application/pdf", Set.of("pdf"));

    private final String mimeType;
    private final Set<String> extensions;

    MaterialType(String mimeType, Set<String> extensions) {
        this.mimeType = mimeType;
        this.extensions = extensions;
    }

    public String mimeType() {
        return mimeType;
    }

    public boolean isImage() {
        return this != PDF;
    }

    /** The type whose MIME type this is, if intake supports it. */
    public static Optional<MaterialType> ofMimeType(String mimeType) {
        return Arrays.stream(values()).filter(t -> t.mimeType.equals(mimeType)).findFirst();
    }

    /** The supported type a file name's extension claims, if the extension is one intake knows. */
    public static Optional<MaterialType> claimedByName(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return Optional.empty();
        }
        String extension = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.extensions.contains(extension)).findFirst();
    }
}
