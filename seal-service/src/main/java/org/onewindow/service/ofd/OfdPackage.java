package org.onewindow.service.ofd;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The files of an OFD package (a ZIP container), read with every bound a hostile upload needs: entry count, size of
 * each file and of all together when inflated, compression ratio, and names (no {@code ..}, no absolute paths, no
 * backslashes or drive letters, no duplicates, no case-folded duplicates). Nothing is written to disk: ofdrw's
 * reader unpacks packages into a temporary directory, so a package reaches it only after this check.
 *
 * @param files file contents by path inside the package, without a leading slash, in ZIP order
 */
public record OfdPackage(Map<String, byte[]> files) {

    /**
     * Bounds for reading a package.
     *
     * @param maxEntries      most entries
     * @param maxFileBytes    largest inflated file
     * @param maxTotalBytes   all files together, inflated
     * @param maxRatio        inflated size / compressed size of the whole package (a bomb has thousands)
     */
    public record Limits(int maxEntries, long maxFileBytes, long maxTotalBytes, int maxRatio) {
        /** 10,000 entries, 64 MB per file, 256 MB in total, ratio 200. */
        public static final Limits DEFAULT = new Limits(10_000, 64L << 20, 256L << 20, 200);
    }

    public OfdPackage {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** Whether {@code bytes} look like an OFD: a ZIP whose entries include {@code OFD.xml} at the root. */
    public static boolean looksLikeOfd(byte[] bytes) {
        if (bytes.length < 4 || bytes[0] != 'P' || bytes[1] != 'K' || bytes[2] != 3 || bytes[3] != 4) {
            return false;
        }
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry entry;
            int seen = 0;
            while ((entry = zip.getNextEntry()) != null && seen++ < 10_000) {
                if (normalize(entry.getName()).equals("OFD.xml")) {
                    return true;
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
        return false;
    }

    /**
     * Reads a package.
     *
     * @throws MalformedOfdException not a ZIP, a hostile entry name, over a bound, or no {@code OFD.xml}
     */
    public static OfdPackage read(byte[] bytes, Limits limits) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, String> folded = new LinkedHashMap<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry entry;
            int count = 0;
            while ((entry = zip.getNextEntry()) != null) {
                if (++count > limits.maxEntries()) {
                    throw new OfdResourceLimitException("the package has more than " + limits.maxEntries() + " entries");
                }
                String name = entry.getName();
                checkName(name);
                if (entry.isDirectory()) {
                    continue;
                }
                String path = normalize(name);
                if (files.containsKey(path)) {
                    throw new MalformedOfdException("the package holds \"" + path + "\" twice");
                }
                String other = folded.put(path.toLowerCase(Locale.ROOT), path);
                if (other != null) {
                    throw new MalformedOfdException("the package holds \"" + path + "\" and \"" + other
                            + "\", which are the same file on case-insensitive systems");
                }
                byte[] content = readBounded(zip, Math.min(limits.maxFileBytes(), limits.maxTotalBytes() - total), path);
                total += content.length;
                if (total > (long) limits.maxRatio() * Math.max(bytes.length, 1024)) {
                    throw new OfdResourceLimitException("the package inflates to more than " + limits.maxRatio()
                            + " times its size (a decompression bomb?)");
                }
                files.put(path, content);
            }
        } catch (ZipException e) {
            throw new MalformedOfdException("not a valid ZIP container: " + e.getMessage(), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedOfdException("the package cannot be read: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new MalformedOfdException("not an OFD package: no files (not a ZIP container?)");
        }
        if (!files.containsKey("OFD.xml")) {
            throw new MalformedOfdException("not an OFD package: no OFD.xml at the root");
        }
        return new OfdPackage(files);
    }

    private static byte[] readBounded(InputStream in, long max, String path) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long read = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            read += n;
            if (read > max) {
                throw new OfdResourceLimitException("\"" + path + "\" inflates beyond the allowed size ("
                        + max + " bytes left for it)");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.length() > 1024 || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0
                || name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw new MalformedOfdException("hostile or invalid entry name \"" + printable(name) + "\"");
        }
        for (String part : name.split("/")) {
            if (part.equals("..") || part.equals(".")) {
                throw new MalformedOfdException("entry name \"" + printable(name)
                        + "\" leaves the package (zip-slip)");
            }
        }
    }

    private static String normalize(String name) {
        return name.startsWith("/") ? name.substring(1) : name;
    }

    private static String printable(String name) {
        String shown = name.length() > 120 ? name.substring(0, 120) + "…" : name;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    /** The file at an OFD path ({@code /Doc_0/Document.xml} or relative), if present. */
    public java.util.Optional<byte[]> file(String path) {
        return java.util.Optional.ofNullable(files.get(normalize(path)));
    }
}
