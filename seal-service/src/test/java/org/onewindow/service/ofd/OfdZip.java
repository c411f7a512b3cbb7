package org.onewindow.service.ofd;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Reads and rewrites OFD packages in tests (the tampering an attacker would do). */
final class OfdZip {
    private OfdZip() {
    }

    static Map<String, byte[]> read(byte[] zip) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (!e.isDirectory()) {
                    files.put(e.getName().startsWith("/") ? e.getName().substring(1) : e.getName(), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static byte[] write(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String text(Map<String, byte[]> files, String path) {
        byte[] content = files.get(path);
        if (content == null) {
            throw new IllegalArgumentException("no " + path + " in " + files.keySet());
        }
        return new String(content, StandardCharsets.UTF_8);
    }

    /** The package with one XML file edited as text. */
    static byte[] editText(byte[] zip, String path, UnaryOperator<String> edit) {
        Map<String, byte[]> files = read(zip);
        String before = text(files, path);
        String after = edit.apply(before);
        if (after.equals(before)) {
            throw new IllegalStateException("the edit of " + path + " changed nothing");
        }
        files.put(path, after.getBytes(StandardCharsets.UTF_8));
        return write(files);
    }
}
