package org.onewindow.templates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Templates kept as {@code <id>.json} files in one directory (a center's local overrides). */
public final class DirectoryTemplateSource implements TemplateSource {
    private final Path directory;

    public DirectoryTemplateSource(Path directory) {
        this.directory = directory;
    }

    @Override
    public List<String> templateIds() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .filter(TemplateCatalog::isValidId)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list templates in " + directory, e);
        }
    }

    @Override
    public Optional<byte[]> load(String templateId) {
        if (!TemplateCatalog.isValidId(templateId)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(directory.resolve(templateId + ".json")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read template " + templateId + " in " + directory, e);
        }
    }
}
