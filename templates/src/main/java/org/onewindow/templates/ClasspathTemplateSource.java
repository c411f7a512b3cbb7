package org.onewindow.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The default templates shipped in this module: {@code org/onewindow/templates/defaults/<id>.json}, listed in
 * display order by {@code index.txt} in the same folder.
 */
public final class ClasspathTemplateSource implements TemplateSource {
    private static final String BASE = "/org/onewindow/templates/defaults/";
    private final List<String> ids;

    public ClasspathTemplateSource() {
        byte[] index = read(BASE + "index.txt")
                .orElseThrow(() -> new IllegalStateException("Missing " + BASE + "index.txt on the classpath"));
        ids = new String(index, StandardCharsets.UTF_8).lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    @Override
    public List<String> templateIds() {
        return ids;
    }

    @Override
    public Optional<byte[]> load(String templateId) {
        if (!TemplateCatalog.isValidId(templateId)) {
            return Optional.empty();
        }
        return read(BASE + templateId + ".json");
    }

    private static Optional<byte[]> read(String resource) {
        try (InputStream in = ClasspathTemplateSource.class.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
