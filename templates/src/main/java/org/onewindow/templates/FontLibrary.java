package org.onewindow.templates;

import com.itextpdf.io.font.FontProgram;
import com.itextpdf.io.font.FontProgramFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads the configured fonts once and answers which font of a role's chain shows a character.
 * The parsed font programs are shared by all documents and threads (iText's subsetter reads through its own view
 * of the font data; each document makes its own PdfFont from a program).
 */
final class FontLibrary {
    private final FontConfig config;
    private final Map<FontRole, List<FontFile>> chains = new EnumMap<>(FontRole.class);
    private final List<FontFile> allFiles;
    private final Map<FontFile, FontProgram> programs = new HashMap<>();

    FontLibrary(FontConfig config) {
        this.config = config;
        chains.put(FontRole.SONG, chain(config.song()));
        chains.put(FontRole.KAI, chain(config.kai()));
        chains.put(FontRole.HEI, chain(config.hei()));
        Set<FontFile> all = new LinkedHashSet<>();
        chains.values().forEach(all::addAll);
        allFiles = List.copyOf(all);
        for (FontFile file : allFiles) {
            programs.put(file, load(file)); // fail early, with the package name, if a file is missing
        }
    }

    FontConfig config() {
        return config;
    }

    List<FontFile> chain(FontRole role) {
        return chains.get(role);
    }

    /** Index in the role's chain of the first font that has the character, or -1 if none has it. */
    int fontIndex(FontRole role, int codePoint) {
        List<FontFile> chain = chains.get(role);
        for (int i = 0; i < chain.size(); i++) {
            if (has(chain.get(i), codePoint)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether any configured font can show the character. */
    boolean canShow(int codePoint) {
        for (FontFile file : allFiles) {
            if (has(file, codePoint)) {
                return true;
            }
        }
        return false;
    }

    boolean has(FontFile file, int codePoint) {
        return program(file).getGlyph(codePoint) != null;
    }

    String describeFonts() {
        List<String> names = new ArrayList<>();
        allFiles.forEach(f -> names.add(f.path().getFileName().toString()));
        return String.join(", ", new LinkedHashSet<>(names));
    }

    FontProgram program(FontFile file) {
        FontProgram program = programs.get(file);
        if (program == null) {
            throw new IllegalArgumentException("font not configured: " + file);
        }
        return program;
    }

    private List<FontFile> chain(FontFile primary) {
        Set<FontFile> chain = new LinkedHashSet<>();
        chain.add(primary);
        chain.addAll(config.fallbacks());
        return List.copyOf(chain);
    }

    private static FontProgram load(FontFile file) {
        if (!Files.isRegularFile(file.path())) {
            throw new FontConfigurationException("Font file " + file.path() + " not found"
                    + (file.debianPackage() == null ? "" : " (install the Debian package " + file.debianPackage() + ")"));
        }
        try {
            return FontProgramFactory.createFont(file.iTextName(), false);
        } catch (IOException | RuntimeException e) {
            throw new FontConfigurationException("Cannot load font " + file + ": " + e.getMessage(), e);
        }
    }
}
