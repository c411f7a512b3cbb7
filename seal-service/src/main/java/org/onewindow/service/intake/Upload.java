package org.onewindow.service.intake;

import java.io.InputStream;
import java.util.Objects;

/**
 * One uploaded file as the web layer hands it over.
 *
 * @param declaredName        the client's file name (may be {@code null}); never decides the type
 * @param declaredContentType the client's Content-Type (may be {@code null}); must agree with the content
 *                            when it names a type intake supports
 * @param content             the bytes, read once
 */
public record Upload(String declaredName, String declaredContentType, InputStream content) {
    public Upload {
        Objects.requireNonNull(content, "content");
    }
}
