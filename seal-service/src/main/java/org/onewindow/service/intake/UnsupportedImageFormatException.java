package org.onewindow.service.intake;

import java.util.List;
import java.util.Map;

/**
 * HTTP 415 for an image format intake recognizes but cannot convert (HEIC/HEIF photos from phones: no
 * pure-Java decoder is available), with what the clerk can do instead. The problem document carries
 * {@code detectedType}, {@code format}, {@code acceptedTypes} and {@code advice}.
 */
public class UnsupportedImageFormatException extends MaterialTypeException {
    private final String format;
    private final String advice;

    public UnsupportedImageFormatException(String fileName, String format, String detectedType, String advice) {
        super("file '" + fileName + "' is a " + format + " image (" + detectedType + "): the format is recognized but"
                + " not supported; " + advice, detectedType);
        this.format = format;
        this.advice = advice;
    }

    @Override
    public String title() {
        return "Image format recognized but not supported";
    }

    @Override
    public String type() {
        return "image-format-not-supported";
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("detectedType", detectedType(), "format", format, "advice", advice,
                "acceptedTypes", List.of(java.util.Arrays.stream(MaterialType.values()).map(MaterialType::mimeType)
                        .toArray(String[]::new)));
    }
}
