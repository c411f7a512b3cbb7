package org.onewindow.service.ofd;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The files of an OFD package (a ZIP container), read with every bound a hostile upload needs: entry count, size of
 * each file and of all together when inflated, compression ratio, and names (no {@code ..}, no absolute paths, no
 * backslashes or drive letters, no duplicates, no case-folded duplicates). The ZIP is read from its central
 * directory, as viewers read it, and must be unambiguous (see {@link #read}): the verifier and a viewer see the
 * same files. Nothing is written to disk: ofdrw's reader unpacks packages into a temporary directory, so a package
 * reaches it only after this check.
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

    /**
     * Whether {@code bytes} look like an OFD: a ZIP (local header at offset 0) whose central directory lists
     * {@code OFD.xml} at the root. Reads only the directory: nothing is inflated, so a bomb costs nothing here.
     */
    public static boolean looksLikeOfd(byte[] bytes) {
        if (bytes.length < 22 || le32(bytes, 0) != LOCAL) {
            return false;
        }
        try {
            for (Central entry : centralDirectory(bytes, Limits.DEFAULT)) {
                if (normalize(entry.name()).equals("OFD.xml")) {
                    return true;
                }
            }
        } catch (MalformedOfdException e) {
            return false;
        }
        return false;
    }

    /**
     * Reads a package as ZIP readers do, from the central directory, and refuses every ambiguity that could let
     * this verifier see other content than a viewer: data before the first entry, entries that overlap or whose
     * local header names another file, sizes or CRCs that do not match, encrypted or ZIP64 entries.
     *
     * @throws MalformedOfdException not a ZIP, a hostile entry name, an inconsistent container, or no {@code OFD.xml}
     * @throws OfdResourceLimitException over a bound (entries, sizes, inflation ratio)
     */
    public static OfdPackage read(byte[] bytes, Limits limits) {
        if (bytes.length < 22 || le32(bytes, 0) != LOCAL) {
            throw new MalformedOfdException("not a ZIP container (no local file header at the start)");
        }
        List<Central> entries = centralDirectory(bytes, limits);
        List<Central> byOffset = new ArrayList<>(entries);
        byOffset.sort(java.util.Comparator.comparingLong(Central::localOffset));
        if (byOffset.isEmpty() || byOffset.get(0).localOffset() != 0) {
            throw new MalformedOfdException("the ZIP has data before its first entry, or no entries");
        }
        long previousEnd = 0;
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, String> folded = new LinkedHashMap<>();
        long total = 0;
        for (Central e : byOffset) {
            if (e.localOffset() < previousEnd) {
                throw new MalformedOfdException("ZIP entries overlap at \"" + printable(e.name()) + "\"");
            }
            int at = (int) e.localOffset();
            if (at + 30 > bytes.length || le32(bytes, at) != LOCAL) {
                throw new MalformedOfdException("the central directory points at no local header for \""
                        + printable(e.name()) + "\"");
            }
            int nameLength = le16(bytes, at + 26);
            int extraLength = le16(bytes, at + 28);
            if (at + 30L + nameLength > bytes.length
                    || !new String(bytes, at + 30, nameLength, StandardCharsets.UTF_8).equals(e.name())) {
                throw new MalformedOfdException("the local header of \"" + printable(e.name())
                        + "\" names another file");
            }
            long dataStart = at + 30L + nameLength + extraLength;
            long dataEnd = dataStart + e.compressedSize();
            if (dataEnd > e.directoryStart()) {
                throw new MalformedOfdException("the data of \"" + printable(e.name()) + "\" runs into the"
                        + " central directory");
            }
            previousEnd = dataEnd;
            checkName(e.name());
            if (e.name().endsWith("/")) {
                continue;
            }
            String path = normalize(e.name());
            if (files.containsKey(path)) {
                throw new MalformedOfdException("the package holds \"" + path + "\" twice");
            }
            String other = folded.put(path.toLowerCase(Locale.ROOT), path);
            if (other != null) {
                throw new MalformedOfdException("the package holds \"" + path + "\" and \"" + other
                        + "\", which are the same file on case-insensitive systems");
            }
            long allowed = Math.min(limits.maxFileBytes(), limits.maxTotalBytes() - total);
            if (e.size() > allowed) {
                throw new OfdResourceLimitException("\"" + path + "\" inflates beyond the allowed size (" + allowed
                        + " bytes left for it)");
            }
            if (total + e.size() > (long) limits.maxRatio() * Math.max(bytes.length, 1024)) {
                throw new OfdResourceLimitException("the package inflates to more than " + limits.maxRatio()
                        + " times its size (a decompression bomb?)");
            }
            byte[] content = inflate(bytes, (int) dataStart, e, allowed, path);
            total += content.length;
            files.put(path, content);
        }
        Map<String, byte[]> ordered = new LinkedHashMap<>();
        for (Central e : entries) {
            String path = normalize(e.name());
            if (files.containsKey(path)) {
                ordered.put(path, files.get(path));
            }
        }
        if (!ordered.containsKey("OFD.xml")) {
            throw new MalformedOfdException("not an OFD package: no OFD.xml at the root");
        }
        return new OfdPackage(ordered);
    }

    private static final int LOCAL = 0x04034b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int END = 0x06054b50;

    /** One central directory record. */
    private record Central(String name, int method, long crc, long compressedSize, long size, long localOffset,
                           long directoryStart) {
    }

    private static List<Central> centralDirectory(byte[] b, Limits limits) {
        int end = -1;
        for (int i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
            if (le32(b, i) == END && i + 22 + le16(b, i + 20) == b.length) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw new MalformedOfdException("not a ZIP container (no end of central directory), or bytes after it");
        }
        int count = le16(b, end + 10);
        long size = u32(b, end + 12);
        long offset = u32(b, end + 16);
        if (le16(b, end + 4) != 0 || le16(b, end + 6) != 0 || le16(b, end + 8) != count) {
            throw new MalformedOfdException("multi-volume ZIP containers are not supported");
        }
        if (count == 0xffff || offset == 0xffffffffL || size == 0xffffffffL) {
            throw new MalformedOfdException("ZIP64 containers are not supported");
        }
        if (count > limits.maxEntries()) {
            throw new OfdResourceLimitException("the package has more than " + limits.maxEntries() + " entries");
        }
        if (offset + size != end) {
            throw new MalformedOfdException("the ZIP's central directory is not where its end record says");
        }
        List<Central> entries = new ArrayList<>();
        int p = (int) offset;
        for (int n = 0; n < count; n++) {
            if (p + 46 > end || le32(b, p) != CENTRAL) {
                throw new MalformedOfdException("the ZIP's central directory is damaged");
            }
            int flags = le16(b, p + 8);
            int method = le16(b, p + 10);
            int nameLength = le16(b, p + 28);
            int extraLength = le16(b, p + 30);
            int commentLength = le16(b, p + 32);
            if (p + 46L + nameLength > end) {
                throw new MalformedOfdException("the ZIP's central directory is damaged");
            }
            String name = new String(b, p + 46, nameLength, StandardCharsets.UTF_8);
            if ((flags & 1) != 0) {
                throw new MalformedOfdException("\"" + printable(name) + "\" is encrypted");
            }
            if (method != 0 && method != 8) {
                throw new MalformedOfdException("\"" + printable(name) + "\" uses compression method " + method
                        + " (only stored and deflated entries are read)");
            }
            long compressed = u32(b, p + 20);
            long uncompressed = u32(b, p + 24);
            long local = u32(b, p + 42);
            if (compressed == 0xffffffffL || uncompressed == 0xffffffffL || local == 0xffffffffL) {
                throw new MalformedOfdException("ZIP64 entries are not supported");
            }
            entries.add(new Central(name, method, u32(b, p + 16), compressed, uncompressed, local, offset));
            p += 46 + nameLength + extraLength + commentLength;
        }
        if (p != end) {
            throw new MalformedOfdException("the ZIP's central directory has trailing bytes");
        }
        return entries;
    }

    private static byte[] inflate(byte[] b, int start, Central e, long allowed, String path) {
        byte[] out;
        if (e.method() == 0) {
            if (e.compressedSize() != e.size()) {
                throw new MalformedOfdException("the stored entry \"" + path + "\" has two different sizes");
            }
            out = Arrays.copyOfRange(b, start, start + (int) e.size());
        } else {
            Inflater inflater = new Inflater(true);
            try {
                inflater.setInput(b, start, (int) e.compressedSize());
                ByteArrayOutputStream buffer = new ByteArrayOutputStream((int) Math.min(e.size(), 1 << 20));
                byte[] chunk = new byte[16 * 1024];
                long written = 0;
                while (!inflater.finished()) {
                    int n = inflater.inflate(chunk);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        throw new MalformedOfdException("the deflated data of \"" + path + "\" is truncated");
                    }
                    written += n;
                    if (written > allowed || written > e.size()) {
                        throw new OfdResourceLimitException("\"" + path + "\" inflates beyond "
                                + Math.min(allowed, e.size()) + " bytes");
                    }
                    buffer.write(chunk, 0, n);
                }
                out = buffer.toByteArray();
            } catch (DataFormatException ex) {
                throw new MalformedOfdException("the deflated data of \"" + path + "\" is damaged", ex);
            } finally {
                inflater.end();
            }
        }
        if (out.length != e.size()) {
            throw new MalformedOfdException("\"" + path + "\" has " + out.length + " bytes, its directory says "
                    + e.size());
        }
        CRC32 crc = new CRC32();
        crc.update(out);
        if (crc.getValue() != e.crc()) {
            throw new MalformedOfdException("the CRC of \"" + path + "\" does not match");
        }
        return out;
    }

    private static int le16(byte[] b, int i) {
        return i < 0 || i + 2 > b.length ? 0 : (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    private static int le32(byte[] b, int i) {
        return i < 0 || i + 4 > b.length ? 0
                : (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    private static long u32(byte[] b, int i) {
        return le32(b, i) & 0xffffffffL;
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
